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

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from dutylist.errors import InputError, os_reason
from dutylist.findings import Severity
from dutylist.i18n import N_, _

CONFIG_NAMES = ("dutylist.yaml", ".dutylist.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AuditSettings(_Strict):
    """Thresholds, severities and disabled rules of `dutylist audit`."""

    unfit_share: float = Field(0.25, gt=0, le=1, description="share of assessed units unfit")
    min_cases: int = Field(1, ge=0, description="cases a fit unit handled at least")
    weak_share: float = Field(0.5, gt=0, le=1, description="share of weak units for revoke")
    similarity: float = Field(0.9, gt=0, le=1, description="similar-items name ratio")
    vague_alternatives: list[str] = Field(
        default_factory=lambda: ["无", "暂无", "待定", "其他", "另行通知", "有关部门", "相关部门"],
        description="abolished-without-alternative: words that say nothing",
    )
    severity: dict[str, Severity] = Field(default_factory=dict)
    disable: list[str] = Field(default_factory=list)


class ConfigFile(_Strict):
    audit: AuditSettings = Field(default_factory=AuditSettings)


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
    from dutylist.io.yamlload import LoadProblem, Locator, decode, load_yaml
    from dutylist.laws.checks import BASIS_CHECKS

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
    try:
        settings = ConfigFile.model_validate(data or {}).audit
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = tuple(error["loc"])
        line, _column = Locator(text).locate(loc, key=True)
        raise InputError(config_message(error), file=shown, line=line) from None
    places: list[tuple[str, tuple[str | int, ...]]] = [
        (name, ("audit", "severity", name)) for name in settings.severity
    ]
    places += [(name, ("audit", "disable", i)) for i, name in enumerate(settings.disable)]
    for name, loc in places:
        if name not in RULE_NAMES and name not in BASIS_CHECKS:
            line, _column = Locator(text).locate(loc, key=True)
            raise InputError(
                _("`{name}` is not an audit rule (see `dutylist rules`)", name=name),
                file=shown,
                line=line,
            )
    return settings


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
