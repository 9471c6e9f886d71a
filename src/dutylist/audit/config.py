"""Audit settings: the defaults of spec section 7, overridden by a catalog repository's
`dutylist.yaml` (or `.dutylist.yaml`) at its root, or by `--config FILE`.

```yaml
audit:
  unfit_share: 0.25      # one-size-fits-all: unfit units >= max(1, ceil(share x assessed))
  min_cases: 1           # a unit is fit with at least this many cases (and capacity != none)
  weak_share: 0.5        # revoke when at least this share of assessed units is weak ...
  similarity: 0.9        # similar-items: normalised-name ratio at or above this
  severity:              # per-rule severity overrides
    zero-uptake: warning
  disable: [missing-support]
```
Unknown keys are errors (a typo must not silently fall back to a default).
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, get_type_hints

from dutylist.errors import InputError, os_reason
from dutylist.findings import Severity
from dutylist.i18n import N_, _

if TYPE_CHECKING:
    from dutylist.conform.settings import ConformSettings

CONFIG_NAMES = ("dutylist.yaml", ".dutylist.yaml")


def _vague() -> list[str]:
    return ["无", "暂无", "待定", "其他", "另行通知", "有关部门", "相关部门"]


@dataclass(frozen=True)
class AuditSettings:
    """Thresholds, severities and disabled rules of `dutylist audit`.

    A plain dataclass, not a model: an audit without a configuration file (most) then
    never imports pydantic. A file's `audit:` section is validated by the model
    `_config_model` derives from these fields and their `metadata` (pydantic's bounds)."""

    unfit_share: float = field(
        default=0.25, metadata={"gt": 0, "le": 1, "description": "share of assessed units unfit"}
    )
    min_cases: int = field(
        default=1, metadata={"ge": 0, "description": "cases a fit unit handled at least"}
    )
    weak_share: float = field(
        default=0.5, metadata={"gt": 0, "le": 1, "description": "share of weak units for revoke"}
    )
    similarity: float = field(
        default=0.9, metadata={"gt": 0, "le": 1, "description": "similar-items name ratio"}
    )
    vague_alternatives: list[str] = field(
        default_factory=_vague,
        metadata={"description": "abolished-without-alternative: words that say nothing"},
    )
    severity: dict[str, Severity] = field(default_factory=dict)
    disable: list[str] = field(default_factory=list)


class Config(NamedTuple):
    """The sections of a configuration file."""

    audit: AuditSettings
    conform: ConformSettings


@cache
def _config_model() -> Any:
    """The pydantic model of the whole file: unknown keys are errors, as in the catalogs."""
    from pydantic import ConfigDict, Field, create_model

    from dutylist.conform.settings import ConformSettings

    strict = ConfigDict(extra="forbid", frozen=True)
    hints = get_type_hints(AuditSettings)
    audit_fields: dict[str, Any] = {}
    for f in fields(AuditSettings):
        made = f.default_factory
        default = (
            Field(f.default, **f.metadata)
            if made is MISSING
            else Field(default_factory=made, **f.metadata)
        )
        audit_fields[f.name] = (hints[f.name], default)
    audit = create_model("AuditSettings", __config__=strict, **audit_fields)
    return create_model(
        "ConfigFile",
        __config__=strict,
        audit=(audit, Field(default_factory=audit)),
        conform=(ConformSettings, Field(default_factory=ConformSettings)),
    )


def settings_of(audit: dict[str, Any]) -> AuditSettings:
    """The settings an `audit:` section holds, validated as a file's are (pydantic's
    ValidationError when they are not)."""
    return AuditSettings(**dict(_config_model().model_validate({"audit": audit}).audit))


def find_config(start: Path) -> Path | None:
    """The configuration file of the repository holding `start`: searched upward, stopping
    at the folder that holds `.git` (the repository root)."""
    folder = start.resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        for name in CONFIG_NAMES:
            if (candidate / name).is_file():
                return candidate / name
        if (candidate / ".git").exists():
            return None
    return None


def load_settings(path: Path | None, display: str | None = None) -> AuditSettings:
    """Settings from a file, or the defaults; a bad file is an InputError at its line."""
    if path is None:
        return AuditSettings()
    from dutylist.audit.rules import RULE_NAMES
    from dutylist.laws.checks import BASIS_CHECKS

    config, text, shown = load_config(path, display)
    settings = config.audit
    known = frozenset(RULE_NAMES) | frozenset(BASIS_CHECKS)
    check_rule_names("audit", settings.severity, settings.disable, known, text, shown)
    return settings


def load_config(path: Path, display: str | None = None) -> tuple[Config, str, str]:
    """The whole configuration file, its text and its name as shown."""
    from dutylist.io.yamlload import LoadProblem, Locator, decode, load_yaml

    shown = display or path.as_posix()
    try:
        text = decode(path.read_bytes())
        data = load_yaml(text) if text.strip() else {}
    except OSError as exc:
        raise InputError(
            _("cannot read the configuration: {reason}", reason=os_reason(exc)), file=shown
        ) from None
    except LoadProblem as problem:
        raise InputError(problem.message, file=shown, line=problem.line) from None
    from pydantic import ValidationError

    try:
        config = _config_model().model_validate(data or {})
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = tuple(error["loc"])
        line, _column = Locator(text).locate(loc, key=True)
        raise InputError(config_message(error), file=shown, line=line) from None
    return Config(AuditSettings(**dict(config.audit)), config.conform), text, shown


def check_rule_names(  # noqa: PLR0917
    section: str,
    severity: dict[str, Severity],
    disable: list[str],
    known: frozenset[str],
    text: str,
    shown: str,
) -> None:
    """Every rule a section names must exist: a typo must not silently do nothing."""
    from dutylist.io.yamlload import Locator

    places: list[tuple[str, tuple[str | int, ...]]] = [
        (name, (section, "severity", name)) for name in severity
    ]
    places += [(name, (section, "disable", i)) for i, name in enumerate(disable)]
    for name, loc in places:
        if name not in known:
            line, _column = Locator(text).locate(loc, key=True)
            message = (
                _("`{name}` is not an audit rule (see `dutylist rules`)", name=name)
                if section == "audit"
                else _("`{name}` is not a conform rule (see `dutylist rules`)", name=name)
            )
            raise InputError(
                message,
                file=shown,
                line=line,
            )


def key_text(loc: tuple[Any, ...]) -> str:
    """`audit.unfit_share`, or `entry 2 of audit.disable` (list entries counted from 1,
    as a reader counts them, never pydantic's 0-based `audit.disable.1`)."""
    keys = [str(p) for p in loc if not isinstance(p, int)]
    where = f"`{'.'.join(keys)}`"
    indexes = [p for p in loc if isinstance(p, int)]
    return _("entry {n} of {key}", n=indexes[-1] + 1, key=where) if indexes else where


_EXPECTED = {
    "float_parsing": N_("{key} must be a number{got}"),
    "float_type": N_("{key} must be a number{got}"),
    "int_parsing": N_("{key} must be a whole number{got}"),
    "int_type": N_("{key} must be a whole number{got}"),
    "int_from_float": N_("{key} must be a whole number{got}"),
    "string_type": N_("{key} must be text{got}"),
    "list_type": N_("{key} must be a list{got}"),
    "dict_type": N_("{key} must be a mapping (`key: value` lines){got}"),
    "model_type": N_("{key} must be a mapping (`key: value` lines){got}"),
    "bool_type": N_("{key} must be true or false{got}"),
    "bool_parsing": N_("{key} must be true or false{got}"),
}
_BOUNDS = {
    "greater_than": N_("{key} must be more than {limit}{got}"),
    "greater_than_equal": N_("{key} must be at least {limit}{got}"),
    "less_than": N_("{key} must be less than {limit}{got}"),
    "less_than_equal": N_("{key} must be at most {limit}{got}"),
}


def config_message(error: Any) -> str:
    """One sentence naming the key, what it must be and what it is, for a pydantic error
    of the configuration (pydantic's own wording names its types and enums, not ours)."""
    kind = error["type"]
    loc = tuple(error["loc"])
    where = key_text(loc)
    value = error.get("input")
    got = _(", not {value}", value=repr(value)) if isinstance(value, str | int | float) else ""
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return _(
            "unknown key {key} in the configuration: remove it or check its spelling", key=where
        )
    if kind == "enum" and loc[:2] == ("audit", "severity"):
        return _("{key} must be one of error, warning, info{got}", key=where, got=got)
    if kind in ("enum", "literal_error"):
        expected = ctx.get("expected") or _("the documented values")
        return _("{key} must be one of {expected}{got}", key=where, expected=expected, got=got)
    if kind in _BOUNDS:
        limit = next(iter(ctx.values()), "")
        limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
        return _(_BOUNDS[kind], key=where, limit=limit, got=got)
    if kind in _EXPECTED:
        return _(_EXPECTED[kind], key=where, got=got)
    return _("{key} has a value the configuration does not accept{got}", key=where, got=got)
