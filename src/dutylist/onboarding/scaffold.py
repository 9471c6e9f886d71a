"""`dutylist init`: a new catalog repository that validates from its first commit.

The files come from templates shipped as package data (data/init-*), so `init`
works on an office machine without the dutylist sources or network access.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from dutylist.errors import InputError, OutputError
from dutylist.i18n import KIND
from dutylist.io.yamlwrite import dump
from dutylist.model.divisions import county_by_code, townships, unit_type
from dutylist.normalize import normalize_name
from dutylist.onboarding.importer.core import spaced

# the empty catalogs of a new jurisdiction; duties files need a unit, so they come later
EMPTY_KINDS = ("empowerment", "territorial", "grid", "village-affairs", "certificates")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class Scaffold:
    """The files of a new catalog repository: relative path -> text."""

    root: Path
    slug: str
    files: dict[str, str] = field(default_factory=dict)
    units: int = 0

    def existing(self) -> list[str]:
        return [name for name in self.files if (self.root / name).exists()]


def plan(
    root: Path,
    *,
    name: str | None = None,
    code: str | None = None,
    level: str = "county",
    slug: str | None = None,
) -> Scaffold:
    """What `init` writes. A known division code fills in the name and the townships."""
    if code is not None and not (code.isascii() and code.isdigit() and len(code) == 6):
        raise InputError(f"--code {code!r}: a division code has 6 digits, e.g. 532801")
    county = county_by_code(code) if code else None
    if county and name and normalize_name(name) != normalize_name(county.name):
        # a wrong code would fill the registry with another county's townships
        raise InputError(f"code {code} is {county.name}, not {name}: fix --name or --code")
    name = county.name if county else name
    if not name:
        raise InputError("give the jurisdiction's name with --name (and its --code if you know it)")
    folder = slug or _slug(name) or (code or "main")
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", folder):
        raise InputError(f"--slug {folder!r}: use lowercase letters, digits and dashes")
    out = Scaffold(root, folder)
    base = f"catalogs/{folder}"
    units = _units(code) if code else []
    out.units = len(units)
    registry: dict[str, Any] = {
        "dutylist": 1,
        "jurisdiction": {"code": code or "000000", "name": name, "level": level},
        "units": units,
        "departments": [],
    }
    head = f"# {name} 承接主体（乡镇、街道）和部门登记表\n"
    if not code:
        head += "# TODO: jurisdiction.code 是占位符，请填写 6 位行政区划代码\n"
    if units:
        head += "# 乡镇（街道）及区划代码：国家统计局 2022 年统计用区划代码；id 可改为拼音\n"
    out.files[f"{base}/jurisdiction.yaml"] = head + spaced(dump(registry))
    for kind in EMPTY_KINDS:
        doc = {
            "dutylist": 1,
            "catalog": {"kind": kind, "title": f"{name}{KIND[kind]}", "version": "draft"},
            "items": [],
        }
        out.files[f"{base}/{kind}.yaml"] = f"# {name}{KIND[kind]}\n" + spaced(dump(doc))
    laws: dict[str, Any] = {"dutylist": 1, "laws": []}
    out.files[f"{base}/laws.yaml"] = (
        "# 实施依据登记表：清单事项引用的法律法规（id、名称、别名、效力级别、时效性、修订日期）\n"
        + spaced(dump(laws))
    )
    for target, template in (
        (".pre-commit-config.yaml", "pre-commit-config.yaml"),
        (".gitattributes", "gitattributes"),
        (".gitignore", "gitignore"),
        (".github/workflows/dutylist-report.yml", "dutylist-report.yml"),
        ("README.md", "README.md"),
    ):
        text = _template(template)
        out.files[target] = text.replace("{name}", name).replace("{slug}", folder)
    return out


def write(scaffold: Scaffold, *, force: bool = False) -> list[str]:
    """Write the files (atomically each); refuse, writing nothing, when any exists."""
    from dutylist.io.files import write_atomic

    clash = scaffold.existing()
    if clash and not force:
        raise OutputError(
            f"these files exist and were not overwritten (use --force): {', '.join(clash)}"
        )
    for name, text in scaffold.files.items():
        path = scaffold.root / name
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {path.parent}: {exc.strerror}") from None
        write_atomic(path, text)
    return list(scaffold.files)


def _slug(name: str) -> str:
    return _SLUG.sub("-", name.lower()).strip("-") if name.isascii() else ""


def _units(code: str) -> list[dict[str, Any]]:
    units = []
    for number, town in enumerate(townships(code), start=1):
        kind = unit_type(town.name, town.code) or "town"
        units.append({"id": f"unit-{number}", "name": town.name, "type": kind, "code": town.code})
    return units


def _template(name: str) -> str:
    return resources.files("dutylist").joinpath("data", f"init-{name}").read_text("utf-8")
