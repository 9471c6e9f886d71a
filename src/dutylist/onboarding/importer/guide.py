"""`dutylist import --guide FILE`: a county's spreadsheet never carries the ids of the
city's guide (指导目录), so `guide:` is filled for the imported items whose normalised
name is a guide item's, and the close names are listed for a person to decide."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dutylist.catalog.load import display_path
from dutylist.catalog.workspace import load_catalog_file
from dutylist.errors import InputError
from dutylist.i18n import _
from dutylist.normalize import normalize_name

NEAR = 80  # fuzz.ratio from which a name is worth showing as a near miss


@dataclass
class GuideMatch:
    filled: int = 0
    near: list[str] = field(default_factory=list)  # one line per near miss


def read_guide(path: Path, kind: str) -> dict[str, str]:
    """Guide item id -> name of a guide for `kind`; an InputError when it is none."""
    shown = display_path(path)
    if not path.is_file():
        raise InputError(_("no such guide: {path}", path=shown))
    loaded = next(iter(load_catalog_file(path).catalogs), None)
    if loaded is None or loaded.kind != "guide":
        raise InputError(
            _("{path} is not a guide (`kind: guide`): run `dutylist validate` on it", path=shown)
        )
    guided = loaded.model.catalog.for_
    if guided != kind:
        raise InputError(
            _("{path} guides {guided} lists, not {kind}", path=shown, guided=guided, kind=kind)
        )
    return {item.id: item.name for item in loaded.model.items}


def fill_guide(items: list[dict[str, Any]], rows: list[int], guide: dict[str, str]) -> GuideMatch:
    """Set `guide:` on items named as a guide item; list the near misses by row."""
    from rapidfuzz import fuzz, process

    by_name = {normalize_name(name): ident for ident, name in guide.items()}
    keys = list(by_name)
    out = GuideMatch()
    for item, row in zip(items, rows, strict=True):
        if "guide" in item:  # the sheet's own 指导事项编码 column wins
            continue
        key = normalize_name(item["name"])
        if key in by_name:
            item["guide"] = by_name[key]
            out.filled += 1
            continue
        best = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=NEAR)
        if best is not None:
            ident = by_name[best[0]]
            out.near.append(
                _(
                    "row {row}: 「{name}」 is close to guide item {guide} 「{theirs}」 "
                    "({score}%): `guide:` not filled, add it if they are the same item",
                    row=row,
                    name=item["name"],
                    guide=ident,
                    theirs=guide[ident],
                    score=round(best[1]),
                )
            )
    return out
