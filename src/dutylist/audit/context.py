"""What an audit rule may look at: one AuditContext per run, loaded once.

Rules depend on this module, never on the engine in `dutylist.audit.core`, so that the
engine can import every rule without a cycle (as sqlfluff's rules depend on RuleContext).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dutylist.audit.rules.base import AuditFinding, Message, RuleInfo, Suggestion
from dutylist.catalog.assessment import Assessment
from dutylist.catalog.item_rows import ItemRows
from dutylist.catalog.load import LoadedCatalog
from dutylist.catalog.workspace import Jurisdiction
from dutylist.findings import Severity
from dutylist.model.rules import devolved_units, township_ids

if TYPE_CHECKING:
    from dutylist.model.catalog import EmpowermentItem, Item


@dataclass(frozen=True)
class Rows:
    """The rows of one period of an assessment table (positions into its columns)."""

    table: Assessment
    period: str
    rows: Sequence[int]


CatalogKey = tuple[str, str | None]
"""(kind, unit of a duties catalog): which catalog of a jurisdiction."""


@dataclass
class AuditContext:
    """Everything a rule may look at, loaded once."""

    juris: Jurisdiction
    rows: Rows | None = None
    period: str | None = None
    assessment_file: str | None = None
    added: dict[CatalogKey, set[str]] | None = None
    previous: str | None = None
    whole: bool = True  # PATH was a folder: every catalog of the jurisdiction is loaded
    _by_item: ItemRows | None = field(default=None, repr=False)
    _lines: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)  # rules share computations

    @property
    def code(self) -> str:
        code: str | None = self.memo.get("code")  # in every finding's fingerprint
        if code is None:
            reg = self.juris.registry
            code = reg.model.jurisdiction.code if reg is not None else self.juris.root.name
            self.memo["code"] = code
        return code

    @property
    def unit_names(self) -> dict[str, str]:
        """Unit id -> name, in registry order."""
        names: dict[str, str] | None = self.memo.get("unit_names")
        if names is None:
            reg = self.juris.registry
            units = reg.model.units if reg is not None else []
            names = self.memo["unit_names"] = {u.id: u.name for u in units}
        return names

    @property
    def unit_ids(self) -> list[str]:
        """The units `scope: all` devolves to: the towns, townships and streets."""
        ids: list[str] | None = self.memo.get("unit_ids")
        if ids is None:
            reg = self.juris.registry
            ids = self.memo["unit_ids"] = township_ids(reg.model if reg is not None else None)
        return ids

    def unit_name(self, unit: str) -> str:
        return self.unit_names.get(unit, unit)

    def empowerment_items(self) -> Iterator[tuple[LoadedCatalog, EmpowermentItem]]:
        """Every item of the empowerment catalog with its catalog, for the rules that
        judge devolved powers (none when the jurisdiction has no such catalog)."""
        loaded = self.juris.catalog("empowerment")
        if loaded is None:
            return
        for item in loaded.model.items:  # a model or a record (validate's): no isinstance
            yield loaded, item

    def scope_of(self, scope: object) -> list[str]:
        """The unit ids an empowerment scope devolves to (`all` = every township-level unit);
        read, never changed (`all` is one list for every item)."""
        if scope == "all":
            return self.unit_ids
        return devolved_units(scope, self.unit_ids)

    @property
    def table(self) -> Assessment:
        """The assessment table (only for rules that NEED it: the rows are there)."""
        assert self.rows is not None
        return self.rows.table

    def assessed_rows(self, item_id: str, units: list[str]) -> tuple[list[str], Sequence[int]]:
        """The given units that have a row for the item in the period, in the order given,
        and their rows (others are ignored, spec 4; a later row of a unit wins)."""
        if self.rows is None:
            return [], []
        if self._by_item is None:
            self._by_item = ItemRows(self.rows.table, self.rows.rows)
        return self._by_item.of(item_id, units)

    def item_line(self, loaded: LoadedCatalog, item_id: str) -> int:
        """The line an item starts on, as the loader saw it; an item it could not tell
        (an entry written as an alias) by the Locator, which composes the file."""
        lines = self._lines.get(loaded.doc.display)
        if lines is None:
            lines = self._lines[loaded.doc.display] = _item_lines(loaded)
        line = lines.get(item_id)
        if line is None:
            line = loaded.doc.locator.item_lines().get(item_id, 1)
            lines[item_id] = line
        return line

    def finding(
        self,
        rule: RuleInfo,
        loaded: LoadedCatalog,
        item: Item | None,
        *,
        message: Message,
        suggestion: Suggestion,
        units: Iterable[str] = (),
        keep: Iterable[str] = (),
        subject: str = "",
        severity: Severity | None = None,
        path: tuple[str | int, ...] | None = None,
        extra: dict[str, Any] | None = None,
        evidence: Callable[[], dict[str, Any]] | None = None,
    ) -> AuditFinding:
        """A finding located at the item (or at `path` in the catalog), fingerprinted by
        rule, jurisdiction, catalog, item and the rule's stable `subject`."""
        kind = loaded.kind  # a property a look: asked once, for 14k findings
        if item is None:
            ident = department = name = None
            line, column = loaded.doc.locator.locate(path) if path is not None else (1, 1)
        else:
            ident, department, name = item.id, item.department, item.name
            if path is not None:
                line, column = loaded.doc.locator.locate(path)
            else:
                line, column = self.item_line(loaded, ident), 1
        return AuditFinding(
            rule=rule.name,
            code=rule.code,
            severity=severity or rule.severity,
            item=ident,
            message=message,
            suggestion=suggestion,
            file=loaded.doc.display,
            line=line,
            column=column,
            units=list(units),
            keep=list(keep),
            kind=kind,
            department=department,
            name=name,
            identity=(
                rule.name,
                self.code,
                kind,
                loaded.model.catalog.unit or "",
                ident or "",
                subject,
            ),
            extra=extra or {},
            scope=_scope(item) if kind == "empowerment" else None,
            evidence=evidence,
        )


def _item_lines(loaded: LoadedCatalog) -> dict[str, int]:
    """Item id -> the line its entry starts on, for the entries the loader saw: all of
    them unless the list holds an alias. The first entry of an id wins, as the Locator's."""
    starts = loaded.doc.entry_lines.get("items", [])
    entries = loaded.doc.data.get("items")
    if not isinstance(entries, list) or len(starts) != len(entries):
        return {}
    items = loaded.model.items
    at = [loaded.position(index) for index in range(len(items))]
    ids, lines = [item.id for item in items], [starts[i] for i in at]
    return dict(zip(reversed(ids), reversed(lines), strict=True))


def _scope(item: Item | None) -> str | list[str] | None:
    """An empowerment item's scope as the findings carry it."""
    scope = getattr(item, "scope", None)
    if scope is None:
        return None
    return "all" if scope == "all" else list(scope)  # unit ids: text, validated
