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

from dutylist.errors import InputError
from dutylist.findings import Severity

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
        raise InputError(f"cannot read the configuration: {exc.strerror}", file=shown) from None
    except LoadProblem as problem:
        raise InputError(problem.message, file=shown, line=problem.line) from None
    try:
        settings = ConfigFile.model_validate(data or {}).audit
    except ValidationError as exc:
        error = exc.errors(include_url=False)[0]
        loc = tuple(error["loc"])
        line, _ = Locator(text).locate(loc, key=True)
        raise InputError(config_message(error), file=shown, line=line) from None
    places: list[tuple[str, tuple[str | int, ...]]] = [
        (name, ("audit", "severity", name)) for name in settings.severity
    ]
    places += [(name, ("audit", "disable", i)) for i, name in enumerate(settings.disable)]
    for name, loc in places:
        if name not in RULE_NAMES and name not in BASIS_CHECKS:
            line, _ = Locator(text).locate(loc, key=True)
            raise InputError(
                f"`{name}` is not an audit rule (see `dutylist rules`)", file=shown, line=line
            )
    return settings


def key_text(loc: tuple[Any, ...]) -> str:
    """`audit.unfit_share`, or `entry 2 of audit.disable` (list entries counted from 1,
    as a reader counts them, never pydantic's 0-based `audit.disable.1`)."""
    keys = [str(p) for p in loc if not isinstance(p, int)]
    where = f"`{'.'.join(keys)}`"
    indexes = [p for p in loc if isinstance(p, int)]
    return f"entry {indexes[-1] + 1} of {where}" if indexes else where


_EXPECTED = {
    "float_parsing": "a number",
    "float_type": "a number",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "string_type": "text",
    "list_type": "a list",
    "dict_type": "a mapping (`key: value` lines)",
    "model_type": "a mapping (`key: value` lines)",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
}
_BOUNDS = {
    "greater_than": "more than",
    "greater_than_equal": "at least",
    "less_than": "less than",
    "less_than_equal": "at most",
}


def config_message(error: Any) -> str:
    """One sentence naming the key, what it must be and what it is, for a pydantic error
    of the configuration (pydantic's own wording names its types and enums, not ours)."""
    kind = error["type"]
    loc = tuple(error["loc"])
    where = key_text(loc)
    value = error.get("input")
    got = f", not {value!r}" if isinstance(value, str | int | float) else ""
    ctx = error.get("ctx") or {}
    if kind == "extra_forbidden":
        return f"unknown key {where} in the configuration: remove it or check its spelling"
    if kind == "enum" and loc[:2] == ("audit", "severity"):
        return f"{where} must be one of error, warning, info{got}"
    if kind in ("enum", "literal_error"):
        return f"{where} must be one of {ctx.get('expected', 'the documented values')}{got}"
    if kind in _BOUNDS:
        limit = next(iter(ctx.values()), "")
        limit = int(limit) if isinstance(limit, float) and limit.is_integer() else limit
        return f"{where} must be {_BOUNDS[kind]} {limit}{got}"
    if kind in _EXPECTED:
        return f"{where} must be {_EXPECTED[kind]}{got}"
    return f"{where} has a value the configuration does not accept{got}"
