"""The result of a diff, as data: every reporter (text, JSON, Markdown, CSV, the
statistics workbook, the monthly report) is built from these records.

A `Change` keeps references to the item models on both sides, so that a consumer
can count per department or per unit (an empowerment item's scope) without
reloading anything.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from dutylist.catalog.load import LoadedCatalog
from dutylist.errors import UserError
from dutylist.i18n import CHANGE_CLASSES, _
from dutylist.model.catalog import CatalogFile, Item
from dutylist.model.registry import JurisdictionFile
from dutylist.normalize import normalize_name

CLASSES: tuple[str, ...] = tuple(CHANGE_CLASSES)
"""The fourteen change classes of spec section 5, in spec order."""

REVOKED_KINDS = frozenset({"empowerment"})
"""Kinds whose items that disappear are `revoked` (收回); other kinds: `removed` (取消)."""


def class_order(classes: set[str] | list[str]) -> list[str]:
    """Class names sorted in spec order."""
    return [c for c in CLASSES if c in classes]


@dataclass
class Change:
    """One item that changed. `old_ids` is empty for an added item, one id for a pair,
    several for a merge; a split gives one Change per new item, each with the one old id."""

    classes: list[str]
    id: str | None
    old_ids: list[str]
    name: str
    department: str
    kind: str
    unit: str | None = None
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)
    old_items: list[Item] = field(default_factory=list)
    new_item: Item | None = None
    new_ids: list[str] = field(default_factory=list)  # split: every new item of the old one
    jurisdiction: str | None = None  # set when a folder of jurisdictions was diffed

    @property
    def old_id(self) -> str | None:
        return self.old_ids[0] if len(self.old_ids) == 1 else None

    @property
    def old_department(self) -> str | None:
        return self.old_items[0].department if self.old_items else None

    @property
    def grouped(self) -> bool:
        """merged or split: the change names several counterparts (JSON `old_ids`)."""
        return "merged" in self.classes or "split" in self.classes

    def as_record(self) -> dict[str, Any]:
        """The JSON record of spec section 6 (plus `kind`, `unit` and, for a split, `new_ids`)."""
        record: dict[str, Any] = {"classes": list(self.classes), "id": self.id}
        if self.grouped:
            record["old_ids"] = list(self.old_ids)
        else:
            record["old_id"] = self.old_id
        record["name"] = self.name
        record["department"] = self.department
        record["kind"] = self.kind
        if self.unit is not None:
            record["unit"] = self.unit
        if self.jurisdiction is not None:
            record["jurisdiction"] = self.jurisdiction
        if self.new_ids:
            record["new_ids"] = list(self.new_ids)
        record["fields"] = self.fields
        return record


@dataclass
class Side:
    """One side of a diff as the JSON `old`/`new` describe it."""

    source: str
    version: str | None
    items: int
    title: str | None = None
    files: int = 1

    def as_record(self) -> dict[str, Any]:
        return {"source": self.source, "version": self.version, "items": self.items}


@dataclass
class CatalogDiff:
    """The diff of one catalog (one kind; for duties, one unit). A kind present on one
    side only has the other side None: all its items are then added or revoked/removed."""

    kind: str
    unit: str | None
    old: Side | None
    new: Side | None
    changes: list[Change]
    summary: Counter[str]
    unchanged_by_department: Counter[str] = field(default_factory=Counter)
    posts_added: list[str] = field(default_factory=list)
    posts_removed: list[str] = field(default_factory=list)
    old_model: CatalogFile[Any] | None = None
    new_model: CatalogFile[Any] | None = None
    old_catalog: LoadedCatalog | None = None
    new_catalog: LoadedCatalog | None = None
    jurisdiction: str | None = None
    old_registry: JurisdictionFile | None = None
    new_registry: JurisdictionFile | None = None

    @property
    def old_items(self) -> list[Item]:
        return list(self.old_model.items) if self.old_model else []

    @property
    def new_items(self) -> list[Item]:
        return list(self.new_model.items) if self.new_model else []

    @property
    def key(self) -> str:
        """`kind` or `duties/unit`, prefixed by the jurisdiction folder when there are several."""
        base = f"{self.kind}/{self.unit}" if self.unit else self.kind
        return f"{self.jurisdiction}/{base}" if self.jurisdiction else base

    @property
    def changed(self) -> bool:
        return bool(self.changes or self.posts_added or self.posts_removed)

    def select(self, classes: set[str] | None, department: str | None) -> CatalogDiff:
        """The same diff restricted to some classes and/or one department."""
        changes = [
            c
            for c in self.changes
            if (classes is None or classes.intersection(c.classes))
            and (department is None or department in (c.department, c.old_department))
        ]
        summary: Counter[str] = Counter()
        for change in changes:
            summary.update(c for c in change.classes if classes is None or c in classes)
        if classes is None or "unchanged" in classes:
            unchanged = (
                sum(self.unchanged_by_department.values())
                if department is None
                else self.unchanged_by_department.get(department, 0)
            )
            if unchanged:
                summary["unchanged"] = unchanged
        keep_posts = classes is None and department is None
        return replace(
            self,
            changes=changes,
            summary=summary,
            posts_added=self.posts_added if keep_posts else [],
            posts_removed=self.posts_removed if keep_posts else [],
        )

    def as_record(self) -> dict[str, Any]:
        """One document of the shape of spec section 6."""
        empty = {"source": None, "version": None, "items": 0}
        record: dict[str, Any] = {
            "kind": self.kind,
            **({"unit": self.unit} if self.unit else {}),
            **({"jurisdiction": self.jurisdiction} if self.jurisdiction else {}),
            "old": self.old.as_record() if self.old else empty,
            "new": self.new.as_record() if self.new else empty,
            "summary": ordered_summary(self.summary),
            "changes": [c.as_record() for c in self.changes],
        }
        if self.kind == "duties":
            record["posts"] = {"added": self.posts_added, "removed": self.posts_removed}
        return record


def ordered_summary(summary: Counter[str]) -> dict[str, int]:
    """A key for every class that occurs, in spec order."""
    return {c: summary[c] for c in CLASSES if summary.get(c)}


@dataclass
class DiffResult:
    """The diff of two catalog files, two jurisdiction folders, or two folders of them.
    `folders` says which: the JSON of folders adds `catalogs`."""

    old: Side
    new: Side
    catalogs: list[CatalogDiff]
    folders: bool = False
    old_registry: JurisdictionFile | None = None
    new_registry: JurisdictionFile | None = None

    @property
    def changes(self) -> list[Change]:
        return [c for cat in self.catalogs for c in cat.changes]

    @property
    def summary(self) -> Counter[str]:
        """The total over all catalogs."""
        total: Counter[str] = Counter()
        for cat in self.catalogs:
            total.update(cat.summary)
        return total

    @property
    def changed(self) -> bool:
        return any(cat.changed for cat in self.catalogs)

    def select(self, classes: set[str] | None = None, department: str | None = None) -> DiffResult:
        """Keep the changes of some classes (--only) and/or of one department (--department)."""
        if classes is None and department is None:
            return self
        return replace(self, catalogs=[c.select(classes, department) for c in self.catalogs])

    def department_name(self, department: str) -> str:
        """A department's name from jurisdiction.yaml (new side first), else its id."""
        for registry in (self.new_registry, self.old_registry):
            if registry is not None:
                for dep in registry.departments:
                    if dep.id == department:
                        return dep.name
        for cat in self.catalogs:
            for registry in (cat.new_registry, cat.old_registry):
                for dep in registry.departments if registry else ():
                    if dep.id == department:
                        return dep.name
        return department

    def departments(self) -> dict[str, str]:
        """Every department id either version knows (registries, changed and unchanged
        items) with its registry name (the id when no registry names it)."""
        known: dict[str, str] = {}
        registries = [self.new_registry, self.old_registry]
        for cat in self.catalogs:
            registries += [cat.new_registry, cat.old_registry]
        for registry in registries:
            for dep in registry.departments if registry else ():
                known.setdefault(dep.id, dep.name)
        for cat in self.catalogs:
            for dep_id in cat.unchanged_by_department:
                known.setdefault(dep_id, dep_id)
            for change in cat.changes:
                for side in (change.department, change.old_department):
                    if side is not None:
                        known.setdefault(side, side)
        return known

    def department_id(self, query: str) -> str:
        """--department: a department id, or its name compared after normalisation
        (width, spaces, traditional characters). A filter that matches nothing would
        silently report "no change", so an unknown department is an error."""
        known = self.departments()
        if query in known:
            return query
        key = normalize_name(query)
        for dep_id, name in known.items():
            if key in (normalize_name(dep_id), normalize_name(name)):
                return dep_id
        close = difflib.get_close_matches(query, [*known, *known.values()], n=1, cutoff=0.6)
        if close:
            raise UserError(
                _("unknown department '{id}': did you mean '{close}'?", id=query, close=close[0])
            )
        if known:
            raise UserError(
                _(
                    "unknown department '{id}': use one of {ids}",
                    id=query,
                    ids=", ".join(sorted(known)),
                )
            )
        raise UserError(_("unknown department '{id}'", id=query))

    def jurisdiction_names(self) -> list[str]:
        """The names of the jurisdictions compared (registries of both sides), longest first."""
        names = set()
        for registry in (self.new_registry, self.old_registry):
            if registry is not None:
                names.add(registry.jurisdiction.name)
        for cat in self.catalogs:
            for registry in (cat.new_registry, cat.old_registry):
                if registry is not None:
                    names.add(registry.jurisdiction.name)
        return sorted(names, key=len, reverse=True)

    def unit_name(self, unit: str) -> str:
        """A unit's name from jurisdiction.yaml (new side first), else its id."""
        for registry in (self.new_registry, self.old_registry):
            for u in registry.units if registry else ():
                if u.id == unit:
                    return u.name
        return unit

    def as_record(self) -> dict[str, Any]:
        """`dutylist diff --format json` (spec section 6)."""
        record: dict[str, Any] = {
            "old": self.old.as_record(),
            "new": self.new.as_record(),
            "summary": ordered_summary(self.summary),
            "changes": [c.as_record() for c in self.changes],
        }
        if self.folders:
            record["catalogs"] = [c.as_record() for c in self.catalogs]
        else:
            posts = [c for c in self.catalogs if c.kind == "duties"]
            if posts:
                record["posts"] = {"added": posts[0].posts_added, "removed": posts[0].posts_removed}
        return record
