"""Item histories for the item pages, read from git with `dutylist.history` when the
catalogs are in a repository; without one an item page says which version it is from."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dutylist.errors import UserError
from dutylist.i18n import CHANGE_CLASSES, FIELD
from dutylist.site.build import HistoryLookup
from dutylist.site.records import JurisdictionRecord, slug

_MAX_VALUE = 60  # a field's value on an item page: a basis list stays one line


def history_lookup(path: Path) -> HistoryLookup | None:
    """The history reader for the catalogs at `path`, or None when they are not in git
    (or its history cannot be read: a shallow clone, no commit yet)."""
    from dutylist.history.core import build_history

    try:
        history = build_history(str(path), cwd=Path.cwd())
    except UserError:
        return None
    lives = history.items
    base = path.resolve()

    def lookup(
        root: Path, record: JurisdictionRecord
    ) -> dict[tuple[str, str], list[dict[str, str]]]:
        rel = root.resolve().relative_to(base).as_posix() if root.resolve() != base else "."
        out: dict[tuple[str, str], list[dict[str, str]]] = {}
        for life in lives:
            if life.jurisdiction != rel or not life.present:
                continue
            key = f"{record.key}-{life.kind}" + (f"-{slug(life.unit)}" if life.unit else "")
            out[(key, life.id)] = [_row(event) for event in life.events]
        return out

    return lookup


def _row(event: Any) -> dict[str, str]:
    classes = "、".join(CHANGE_CLASSES[c][0] for c in event.classes if c in CHANGE_CLASSES)
    details = [f"{FIELD.get(name, name)}：{_short(v.get('old'))} → {_short(v.get('new'))}"
               for name, v in event.fields.items()]  # fmt: skip
    if event.old_ids:
        details.insert(0, "原编码：" + "、".join(event.old_ids))
    return {
        "date": event.date.strftime("%Y-%m-%d %H:%M"),
        "version": event.version or "",
        "classes": classes,
        "id": event.id or "",
        "detail": "；".join(details) or event.message,
        "commit": event.commit[:7],
    }


def _short(value: Any) -> str:
    if value is None:
        return "（无）"
    text = "、".join(map(str, value)) if isinstance(value, list) else str(value)
    return text if len(text) <= _MAX_VALUE else text[: _MAX_VALUE - 1] + "…"
