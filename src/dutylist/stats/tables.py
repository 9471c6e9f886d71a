"""The adjustment statistics (调整统计表, spec sections 5 and 8): a DiffResult as tables.

One module feeds the Excel, CSV and Markdown writers alike, so every output counts
the same way:

- per department: each change counts once in each of its classes, under the
  department of its new item (the old one's when there is no new item: revoked,
  removed). A merge is one change (several old items -> one new item) and so counts
  once, under the merged item's department; a split counts once per resulting item,
  as the summary does. A transfer counts under the receiving department. Hence the
  合计 of every class column equals the diff summary for that class.
  原有数 / 现有数 are the items of the department in the old / new version, over
  every catalog of the jurisdiction.
- per unit (empowerment items only, spec section 8): an item counts for the units it
  is devolved to (`all` = every unit of the registry of that version). 收回 = items
  the unit lost (revoked, or the unit dropped from the scope), 新增 = items it gained
  (added, or the unit added to the scope); any other class counts for every unit
  the item was devolved to before or after, i.e. the units the change concerns.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any, Literal

from dutylist.i18n import CHANGE_CLASSES, Lang, class_label
from dutylist.model.rules import devolved_units, township_ids

if TYPE_CHECKING:
    from dutylist.diff import CatalogDiff, DiffResult
    from dutylist.model.catalog import Item
    from dutylist.model.registry import JurisdictionFile

TABLE_CLASSES = tuple(name for name in CHANGE_CLASSES if name != "unchanged")
Cell = str | int
Axis = Literal["department", "unit"]

_HEAD = {
    "jurisdiction": ("辖区", "Jurisdiction"),
    "department": ("部门", "Department"),
    "unit": ("乡镇(街道)", "Unit"),
    "before": ("原有数", "Before"),
    "after": ("现有数", "After"),
    "total": ("合计", "Total"),
}


def word(key: str, lang: Lang) -> str:
    """A fixed header word of the tables in the output language."""
    zh, en = _HEAD[key]
    return zh if lang == "zh" else en


@dataclass
class Row:
    """One department or unit: items before, per class, after."""

    name: str
    key: str = ""
    jurisdiction: str = ""
    before: int = 0
    after: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def add(self, other: Row) -> None:
        self.before += other.before
        self.after += other.after
        for name, count in other.counts.items():
            self.counts[name] = self.counts.get(name, 0) + count

    @property
    def empty(self) -> bool:
        return not (self.before or self.after or any(self.counts.values()))


@dataclass
class Table:
    """A statistics table: rows in registry order, the class columns that occur, a total."""

    axis: Axis
    rows: list[Row]
    classes: list[str]
    total: Row
    several: bool = False  # several jurisdictions: a jurisdiction column

    def header(self, lang: Lang) -> list[str]:
        head = [word("jurisdiction", lang)] if self.several else []
        head += [word(self.axis, lang), word("before", lang)]
        head += [class_label(name, lang) for name in self.classes]
        return [*head, word("after", lang)]

    def cells(self, row: Row) -> list[Cell]:
        lead: list[Cell] = [row.jurisdiction] if self.several else []
        counts: list[Cell] = [row.counts.get(name, 0) for name in self.classes]
        return [*lead, row.name, row.before, *counts, row.after]

    def body(self, lang: Lang) -> list[list[Cell]]:
        """The data rows and the 合计 row (without the header)."""
        total = self.cells(self.total)
        total[0] = word("total", lang)
        return [*(self.cells(row) for row in self.rows), total]

    def records(self, lang: Lang) -> list[list[Cell]]:
        """Header, rows and the 合计 row: what a CSV or a sheet holds."""
        return [list[Cell](self.header(lang)), *self.body(lang)]


@dataclass
class ChangeRow:
    """One change for the 变更明细 sheet, every value already text."""

    jurisdiction: str
    kind: str
    unit: str
    id: str
    old_ids: str
    name: str
    department: str
    classes: list[str]
    fields: dict[str, tuple[str, str]]


@dataclass
class Statistics:
    """Everything the workbook, the CSV and the Markdown summary show."""

    jurisdiction: str
    old_label: str
    new_label: str
    departments: Table
    units: Table
    changes: list[ChangeRow]
    summary: dict[str, int]
    notes: list[str] = field(default_factory=list)


def _table(axis: Axis, rows: list[Row], several: bool) -> Table:
    total = Row("")
    for row in rows:
        total.add(row)
    present = [name for name in TABLE_CLASSES if total.counts.get(name)]
    return Table(axis, rows, present, total, several)


def _ordered(rows: dict[str, Row], order: Iterable[str]) -> list[Row]:
    """Registry order first, then keys seen only in the data (ids without a registry entry)."""
    seen: list[Row] = []
    for key in order:
        row = rows.pop(key, None)
        if row is not None and not row.empty:
            seen.append(row)
    seen.extend(row for _, row in sorted(rows.items()) if not row.empty)
    return seen


def _bump(row: Row, name: str, by: int = 1) -> None:
    row.counts[name] = row.counts.get(name, 0) + by


def _text(value: Any, names: dict[str, str]) -> str:
    """A field value as a cell's text; unit and department ids become their names."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "、".join(_text(v, names) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_text(v, names)}" for k, v in value.items() if v is not None)
    if hasattr(value, "model_dump"):
        return _text(value.model_dump(mode="json", exclude_none=True), names)
    text = str(value)
    return names.get(text, text)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: a diff holds every item model of both versions,
    and full collections triggered by the many small objects built from it walk them all
    (several times the work itself on 100k items). Nothing built here forms cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def statistics(
    diffs: Sequence[DiffResult],
    *,
    labels: tuple[str, str] | None = None,
    notes: Sequence[str] = (),
) -> Statistics:
    """The tables of one or several diffs; several jurisdictions (in one diff of folders
    of jurisdictions, or over several diffs) get a jurisdiction column. `labels` name
    the two versions (default: the versions of the first diff)."""
    with collector_paused():
        return _statistics(diffs, labels, notes)


def _statistics(
    diffs: Sequence[DiffResult], labels: tuple[str, str] | None, notes: Sequence[str]
) -> Statistics:
    groups = [group for diff in diffs for group in _groups(diff)]
    seen = Counter(group.name for group in groups)
    for group in groups:
        if seen[group.name] > 1:  # two folders, one name: the folder tells them apart
            group.name = f"{group.name} ({group.key})"
    several = len(groups) > 1
    departments: list[Row] = []
    units: list[Row] = []
    changes: list[ChangeRow] = []
    for group in groups:
        departments += _department_rows(group)
        units += _unit_rows(group)
        changes.extend(_change_rows(group))
    summary: dict[str, int] = {}
    for group in groups:
        for cat in group.catalogs:
            for name, count in cat.summary.items():
                summary[name] = summary.get(name, 0) + count
    if labels is None:
        labels = (_side_label(diffs[0], "old"), _side_label(diffs[0], "new")) if diffs else ("", "")
    return Statistics(
        jurisdiction="、".join(dict.fromkeys(group.name for group in groups)),
        old_label=labels[0],
        new_label=labels[1],
        departments=_table("department", departments, several),
        units=_table("unit", units, several),
        changes=changes,
        summary={name: summary[name] for name in CHANGE_CLASSES if summary.get(name)},
        notes=list(notes),
    )


# map() with attrgetter keeps the per-item passes over 100k items in C
_DEPARTMENT = attrgetter("department")
_SCOPE = attrgetter("scope")


@dataclass
class _Group:
    """The catalogs of one jurisdiction within a diff, with its registries."""

    name: str
    key: str
    catalogs: list[CatalogDiff]
    old_registry: JurisdictionFile | None
    new_registry: JurisdictionFile | None

    def registries(self) -> list[JurisdictionFile]:
        return [r for r in (self.new_registry, self.old_registry) if r is not None]

    def department_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for registry in reversed(self.registries()):  # new names win
            names.update((d.id, d.name) for d in registry.departments)
        return names

    def unit_names(self) -> dict[str, str]:
        names: dict[str, str] = {}
        for registry in reversed(self.registries()):
            names.update((u.id, u.name) for u in registry.units)
        return names


def _groups(diff: DiffResult) -> list[_Group]:
    """One group per jurisdiction: a diff of folders of jurisdictions holds several."""
    by_key: dict[str | None, _Group] = {}
    for cat in diff.catalogs:
        if cat.kind == "guide":  # a guide devolves nothing: not an adjustment of the lists
            continue
        group = by_key.get(cat.jurisdiction)
        if group is None:
            old = cat.old_registry or diff.old_registry
            new = cat.new_registry or diff.new_registry
            key = cat.jurisdiction or "."
            group = by_key[cat.jurisdiction] = _Group("", key, [], old, new)
        group.catalogs.append(cat)
    for group in by_key.values():
        registry = group.new_registry or group.old_registry
        fallback = diff.new.source if group.key == "." else group.key
        group.name = registry.jurisdiction.name if registry else fallback
    return list(by_key.values())


def _department_rows(group: _Group) -> list[Row]:
    names = group.department_names()
    rows: dict[str, Row] = {}

    def row(dep: str) -> Row:
        found = rows.get(dep)
        if found is None:
            found = rows[dep] = Row(names.get(dep, dep), dep, group.name)
        return found

    # Counters first, rows after: a 100k-item catalog costs two passes, not 200k lookups
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    for cat in group.catalogs:
        before.update(map(_DEPARTMENT, cat.old_items))
        after.update(map(_DEPARTMENT, cat.new_items))
    for dep, count in before.items():
        row(dep).before = count
    for dep, count in after.items():
        row(dep).after = count
    for cat in group.catalogs:
        for change in cat.changes:
            target = row(change.department)
            for name in change.classes:
                _bump(target, name)
    order = [d.id for r in group.registries() for d in r.departments]
    return _ordered(rows, order)


def _devolved(item: Item | None, all_units: Sequence[str]) -> set[str]:
    """The units an empowerment item is devolved to."""
    return set(devolved_units(getattr(item, "scope", None), all_units))


def _unit_rows(group: _Group) -> list[Row]:
    names = group.unit_names()
    old_all = township_ids(group.old_registry or group.new_registry)
    new_all = township_ids(group.new_registry or group.old_registry)
    rows: dict[str, Row] = {}

    def row(unit: str) -> Row:
        found = rows.get(unit)
        if found is None:
            found = rows[unit] = Row(names.get(unit, unit), unit, group.name)
        return found

    empowerment = [cat for cat in group.catalogs if cat.kind == "empowerment"]
    for side, all_units in (("before", old_all), ("after", new_all)):
        scopes: list[Any] = []
        for cat in empowerment:
            scopes.extend(map(_SCOPE, cat.old_items if side == "before" else cat.new_items))
        uniform = scopes.count("all")
        listed = Counter(chain.from_iterable(s for s in scopes if s.__class__ is list))
        if uniform:
            listed.update(dict.fromkeys(all_units, uniform))
        for unit, count in listed.items():
            setattr(row(unit), side, count)
    for cat in empowerment:
        for change in cat.changes:
            before: set[str] = set()
            for old in change.old_items:
                before |= _devolved(old, old_all)
            after = _devolved(change.new_item, new_all)
            for unit in before - after:
                _bump(row(unit), "revoked")
            for unit in after - before:
                _bump(row(unit), "added")
            for name in change.classes:
                if name not in ("added", "revoked"):
                    for unit in before | after:
                        _bump(row(unit), name)
    order = [u.id for r in group.registries() for u in r.units]
    return _ordered(rows, order)


def _change_rows(group: _Group) -> Iterator[ChangeRow]:
    departments = group.department_names()
    units = group.unit_names()
    names = {**departments, **units}
    for cat in group.catalogs:
        for change in cat.changes:
            fields = {
                key: (_text(value.get("old"), names), _text(value.get("new"), names))
                for key, value in change.fields.items()
            }
            yield ChangeRow(
                jurisdiction=group.name,
                kind=change.kind,
                unit=units.get(change.unit, change.unit) if change.unit else "",
                id=change.id or "",
                old_ids="、".join(change.old_ids),
                name=change.name,
                department=departments.get(change.department, change.department),
                classes=list(change.classes),
                fields=fields,
            )


def _side_label(diff: DiffResult, side: Literal["old", "new"]) -> str:
    info = diff.old if side == "old" else diff.new
    return info.version or info.source
