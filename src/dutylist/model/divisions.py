"""Known administrative divisions shipped with the package (data/counties.csv and
data/townships.csv: 统计用区划代码 2022 of a few counties, WTFPL), so that `init` and
`import` can fill in codes and townships without network access."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Division:
    code: str
    name: str


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("dutylist").joinpath("data", name).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


@cache
def counties() -> tuple[Division, ...]:
    return tuple(Division(r["code"], r["name"]) for r in _rows("counties.csv"))


@cache
def _townships() -> tuple[tuple[str, Division], ...]:
    return tuple((r["county_code"], Division(r["code"], r["name"])) for r in _rows("townships.csv"))


def county_by_code(code: str) -> Division | None:
    return next((c for c in counties() if c.code == code), None)


def county_in(text: str) -> Division | None:
    """The known county whose name a text (a sheet title) mentions."""
    return next((c for c in counties() if c.name in text), None)


def townships(county_code: str) -> list[Division]:
    """Streets, towns and townships of a county; codes 4xx (state farms, prisons) are not
    units that receive powers, so they are left out."""
    return [d for county, d in _townships() if county == county_code and d.code[6] in "012"]


def unit_type(name: str, code: str | None = None) -> str | None:
    """town, township, street, village or community from the name (or the code's
    7th digit: 0 street, 1 town, 2 township); None when neither tells."""
    for suffix, kind in (
        ("社区", "community"),
        ("居委会", "community"),
        ("街道", "street"),
        ("街道办事处", "street"),
        ("村委会", "village"),
        ("村", "village"),
        ("镇", "town"),
        ("乡", "township"),
    ):
        if name.endswith(suffix):
            return kind
    if code is not None and len(code) == 9:
        return {"0": "street", "1": "town", "2": "township"}.get(code[6])
    return None
