"""The history of items as data: events on item lives, and what every reporter
(text, JSON of spec section 11, Markdown, SQLite) is built from.

A *life* is one item followed through its re-codes: the same power under one id
after another. A merge or a split ends some lives and starts others, and links
them both ways (`came_from`, `went_into`), so that a query can follow an item
to what it became and back to what it came from.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from dutylist.model.catalog import Item


@dataclass
class Event:
    """One change of one item at one commit. `primary` marks the life a change is
    counted on (the new item's, or the gone item's): a merge also leaves an end event
    on each old life, which the statistics must not count again."""

    commit: str
    date: dt.datetime
    version: str | None
    classes: list[str]
    id: str | None
    old_ids: list[str] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    primary: bool = True
    department: str = ""
    message: str = ""  # the commit's subject
    gained: list[str] = field(default_factory=list)  # units the item was devolved to anew
    lost: list[str] = field(default_factory=list)  # units it was taken from

    @property
    def grouped(self) -> bool:
        return "merged" in self.classes or "split" in self.classes

    def as_record(self) -> dict[str, Any]:
        """An event of spec section 11: the change fields of section 6 with commit,
        date and version."""
        record: dict[str, Any] = {
            "commit": self.commit[:7],
            "date": self.date.isoformat(),
            "version": self.version,
            "classes": list(self.classes),
            "id": self.id,
        }
        if self.grouped:
            record["old_ids"] = list(self.old_ids)
            record["new_ids"] = list(self.new_ids)
        elif self.old_ids and self.old_ids[0] != self.id:
            record["old_id"] = self.old_ids[0]
        if self.fields:
            record["fields"] = self.fields
        if self.message:
            record["message"] = self.message
        return record


@dataclass(eq=False)
class ItemHistory:
    """One item's life: every id and name it had, its events oldest first."""

    serial: int
    kind: str
    unit: str | None
    jurisdiction: str | None
    ids: list[str]
    names: list[str]
    department: str
    events: list[Event] = field(default_factory=list)
    present: bool = True
    came_from: list[ItemHistory] = field(default_factory=list)
    went_into: list[ItemHistory] = field(default_factory=list)
    item: Item | None = None  # the item as last seen

    @property
    def id(self) -> str:
        return self.ids[-1]

    @property
    def name(self) -> str:
        return self.names[-1]

    def note_id(self, item_id: str | None) -> None:
        if item_id is not None and item_id not in self.ids:
            self.ids.append(item_id)

    def note_name(self, name: str) -> None:
        if name and (not self.names or self.names[-1] != name):
            if name in self.names:
                self.names.remove(name)
            self.names.append(name)

    def as_record(self) -> dict[str, Any]:
        """An item of spec section 11 (plus `department`, `from`/`into` links, and
        `unit`/`jurisdiction` where they tell items apart)."""
        record: dict[str, Any] = {
            "id": self.id,
            "ids": list(self.ids),
            "kind": self.kind,
            "name": self.name,
            "present": self.present,
            "department": self.department,
        }
        if self.unit is not None:
            record["unit"] = self.unit
        if self.jurisdiction is not None:
            record["jurisdiction"] = self.jurisdiction
        if self.came_from:
            record["from"] = [life.id for life in self.came_from]
        if self.went_into:
            record["into"] = [life.id for life in self.went_into]
        record["events"] = [e.as_record() for e in self.events]
        return record


@dataclass
class CommitInfo:
    """A commit of the history, as the reporters and the SQLite tables show it."""

    sha: str
    date: dt.datetime
    subject: str
    changed: bool = False  # it changed a catalog and was diffed
    skipped: list[str] = field(default_factory=list)  # jurisdictions stepped over


@dataclass
class Skipped:
    """A commit at which a jurisdiction's catalogs do not validate: its events are left
    out, the next valid commit is diffed against the last valid one."""

    commit: str
    date: dt.datetime
    jurisdiction: str
    problems: list[str]


@dataclass
class UnitPoint:
    """The powers a unit holds after one commit, and what that commit changed for it."""

    commit: str
    date: dt.datetime
    version: str | None
    count: int
    gained: list[tuple[ItemHistory, Event]] = field(default_factory=list)
    lost: list[tuple[ItemHistory, Event]] = field(default_factory=list)


@dataclass
class History:
    """The whole history of PATH: every item life, the commits read, the commits stepped
    over, and per jurisdiction and unit the count of empowerment items held over time."""

    path: str
    commits: list[CommitInfo]
    items: list[ItemHistory]
    skipped: list[Skipped]
    unit_counts: dict[str | None, list[tuple[str, Counter[str]]]]  # per jurisdiction
    unit_names: dict[str | None, dict[str, str]]
    department_names: dict[str | None, dict[str, str]]
