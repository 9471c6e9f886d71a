"""Questions asked of a History: one item's life (followed through merges and splits
both ways), a unit's powers over time, the one-line-per-item overview."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field, replace
from typing import Any

from dutylist.errors import InputError
from dutylist.history.model import Event, History, ItemHistory, UnitPoint
from dutylist.i18n import _
from dutylist.normalize import normalize_name


@dataclass
class Window:
    """--since/--until: the instants events must fall within (either open)."""

    since: dt.datetime | None = None
    until: dt.datetime | None = None

    def holds(self, event: Event) -> bool:
        return (self.since is None or event.date >= self.since) and (
            self.until is None or event.date <= self.until
        )

    @property
    def open(self) -> bool:
        return self.since is None and self.until is None


def find_items(history: History, queries: list[str]) -> list[ItemHistory]:
    """The lives an id or a name (after normalisation) names, with the lives they came
    from and the lives they went into, transitively, oldest first."""
    chosen: dict[int, ItemHistory] = {}
    for query in queries:
        matched = [life for life in history.items if query in life.ids]
        if not matched:
            key = normalize_name(query)
            matched = [
                life
                for life in history.items
                if any(normalize_name(name) == key for name in life.names)
            ]
        if not matched:
            raise InputError(_no_item(history, query))
        for life in matched:
            for related in _related(life):
                chosen.setdefault(related.serial, related)
    return sorted(chosen.values(), key=_start)


def _no_item(history: History, query: str) -> str:
    known = [i for life in history.items for i in life.ids]
    close = difflib.get_close_matches(query, known, n=1, cutoff=0.6)
    if close:
        return _(
            "no item '{query}' in the history of {path}: did you mean '{close}'?",
            query=query,
            path=history.path,
            close=close[0],
        )
    return _("no item '{query}' in the history of {path}", query=query, path=history.path)


def _related(life: ItemHistory) -> list[ItemHistory]:
    out = [life]
    for link in ("came_from", "went_into"):
        stack = list(getattr(life, link))
        seen = {life.serial}
        while stack:
            other = stack.pop()
            if other.serial in seen:
                continue
            seen.add(other.serial)
            out.append(other)
            stack.extend(getattr(other, link))
    return out


def _start(life: ItemHistory) -> tuple[Any, int]:
    return (life.events[0].date if life.events else dt.datetime.max, life.serial)


def windowed(lives: list[ItemHistory], window: Window) -> list[ItemHistory]:
    """The lives with their events inside the window; lives without one are left out."""
    if window.open:
        return lives
    out = []
    for life in lives:
        events = [e for e in life.events if window.holds(e)]
        if events:
            out.append(replace(life, events=events))
    return out


def filtered(
    lives: list[ItemHistory], department: str | None, kind: str | None
) -> list[ItemHistory]:
    """--department (an id, or a name after normalisation) and --kind."""
    return [
        life
        for life in lives
        if (kind is None or life.kind == kind)
        and (
            department is None
            or department in {life.department, *(e.department for e in life.events)}
        )
    ]


def department_id(history: History, query: str) -> str:
    """--department as a department id (an id, or a name compared after normalisation)."""
    names = {k: v for m in history.department_names.values() for k, v in m.items()}
    known = set(names) | {life.department for life in history.items}
    if query in known:
        return query
    key = normalize_name(query)
    for dep_id in known:
        if key in (normalize_name(dep_id), normalize_name(names.get(dep_id, dep_id))):
            return dep_id
    raise InputError(
        _(
            "unknown department '{query}': use one of {known}",
            query=query,
            known=", ".join(sorted(known)),
        )
    )


@dataclass
class UnitHistory:
    """A unit's powers over time: per changing commit, gained, lost and the count held."""

    unit: str
    name: str
    jurisdiction: str | None
    points: list[UnitPoint] = field(default_factory=list)


def unit_history(history: History, query: str, window: Window) -> list[UnitHistory]:
    """The empowerment items a unit (id or name) gained and lost, commit by commit."""
    found: list[tuple[str | None, str]] = []
    key = normalize_name(query)
    for jurisdiction, names in history.unit_names.items():
        for unit_id, name in names.items():
            if query == unit_id or key == normalize_name(name):
                found.append((jurisdiction, unit_id))
    if not found:
        known = [u for names in history.unit_names.values() for u in names]
        raise InputError(
            _("unknown unit '{query}': use one of {known}", query=query, known=", ".join(known))
        )
    out = []
    for jurisdiction, unit_id in found:
        result = UnitHistory(unit_id, history.unit_names[jurisdiction][unit_id], jurisdiction)
        counts = dict(history.unit_counts.get(jurisdiction, []))
        points: dict[str, UnitPoint] = {}
        for life in history.items:
            if life.jurisdiction != jurisdiction or life.kind != "empowerment":
                continue
            for event in life.events:
                if not event.primary or not window.holds(event):
                    continue
                for side in ("gained", "lost"):
                    if unit_id in getattr(event, side):
                        point = points.get(event.commit)
                        if point is None:
                            held = counts.get(event.commit)
                            count = held.get(unit_id, 0) if held is not None else 0
                            point = UnitPoint(event.commit, event.date, event.version, count)
                            points[event.commit] = point
                        getattr(point, side).append((life, event))
        result.points = sorted(points.values(), key=lambda p: p.date)
        out.append(result)
    return out


def unit_record(unit: UnitHistory) -> dict[str, Any]:
    def entry(life: ItemHistory, event: Event) -> dict[str, Any]:
        return {"id": event.id or life.id, "name": life.name, "classes": list(event.classes)}

    record: dict[str, Any] = {"unit": unit.unit, "name": unit.name}
    if unit.jurisdiction is not None:
        record["jurisdiction"] = unit.jurisdiction
    record["events"] = [
        {
            "commit": p.commit[:7],
            "date": p.date.isoformat(),
            "version": p.version,
            "gained": [entry(*pair) for pair in p.gained],
            "lost": [entry(*pair) for pair in p.lost],
            "count": p.count,
        }
        for p in unit.points
    ]
    return record
