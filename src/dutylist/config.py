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
    from dutylist.io.yamlload import LoadProblem, Locator, decode, load_yaml
    from dutylist.rules import RULE_NAMES

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
        where = ".".join(str(p) for p in loc)
        if error["type"] == "extra_forbidden":
            message = f"unknown key `{where}` in the configuration: remove it or check its spelling"
        else:
            message = f"`{where}`: {error['msg']}"
        raise InputError(message, file=shown, line=line) from None
    places: list[tuple[str, tuple[str | int, ...]]] = [
        (name, ("audit", "severity", name)) for name in settings.severity
    ]
    places += [(name, ("audit", "disable", i)) for i, name in enumerate(settings.disable)]
    for name, loc in places:
        if name not in RULE_NAMES:
            line, _ = Locator(text).locate(loc, key=True)
            raise InputError(
                f"`{name}` is not an audit rule (see `dutylist rules`)", file=shown, line=line
            )
    return settings
