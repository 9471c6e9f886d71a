"""What an audit rule may look at: one AuditContext per run, loaded once.

Rules depend on this module, never on the engine in `dutylist.audit.core`, so that the
engine can import every rule without a cycle (as sqlfluff's rules depend on RuleContext).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from dutylist.audit.rules.base import AuditFinding, Message, RuleInfo, Suggestion, fingerprint
from dutylist.catalog.assessment import Assessment
from dutylist.catalog.load import LoadedCatalog
from dutylist.catalog.workspace import Jurisdiction
from dutylist.findings import Severity
from dutylist.model.rules import devolved_units, township_ids

if TYPE_CHECKING:
    from dutylist.model.catalog import EmpowermentItem, Item

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
_ITEM_ID = re.compile(
    r"""^\s*-\s*\{?\s*id\s*:\s*(?:"([^"]*)"|'([^']*)'|([^\s,}#'"][^,}#]*?))\s*(?:[,}#]|$)"""
)
# The same two patterns over the whole text, each match starting at the newline before its
# line: `\s` and the classes may not cross a line (`_S` is whitespace but a newline)
_S = r"[^\S\n]"
_TOP_LINE = re.compile(rf"\n([A-Za-z_][\w-]*){_S}*:")
_ID_LINE = re.compile(
    rf"\n{_S}*-{_S}*\{{?{_S}*id{_S}*:{_S}*"
    rf"""(?:"([^"\n]*)"|'([^'\n]*)'|([^\s,}}#'"][^,}}#\n]*?)){_S}*(?:[,}}#]|$)""",
    re.MULTILINE,
)
# what str.splitlines ends a line at besides a newline
_OTHER_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def scan_item_lines(text: str) -> dict[str, int]:
    """Line of each `- id: X` (or `- {id: X, ...}`) entry under the top-level `items:`.

    The patterns run over the text of each `items:` section at once, lines counted only
    at an entry: a loop over 100k lines in Python cost a third of a rule. A text with a
    line break other than a newline (CRLF, U+2028) takes the plain way line by line."""
    if any(brk in text for brk in _OTHER_BREAKS):
        return scan_lines_plainly(text)
    found: dict[str, int] = {}
    text = "\n" + text  # the first line too starts after a newline
    tops = list(_TOP_LINE.finditer(text))
    ends = [top.start() for top in tops[1:]] + [len(text)]  # a section ends at the next key
    for top, end in zip(tops, ends, strict=False):  # no key: no section, one end too many
        if top.group(1) == "items":
            _scan_section(text, top.end(), end, found)
    return found


def _scan_section(text: str, start: int, end: int, found: dict[str, int]) -> None:
    line, counted = 0, 0  # newlines in text[:counted]: the line number there
    for entry in _ID_LINE.finditer(text, start, end):
        at = entry.start() + 1
        line += text.count("\n", counted, at)
        counted = at
        double, single, plain = entry.groups()
        found.setdefault(
            double if double is not None else single if single is not None else plain, line
        )


def scan_lines_plainly(text: str) -> dict[str, int]:
    """scan_item_lines line by line: the way for any line breaks, and its tests' oracle."""
    found: dict[str, int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), start=1):
        top = _TOP_KEY.match(line)
        if top is not None:
            inside = top.group(1) == "items"
            continue
        if inside:
            match = _ITEM_ID.match(line)
            if match is not None:
                found.setdefault(next(g for g in match.groups() if g is not None), number)
    return found


@dataclass(frozen=True)
class Rows:
    """The rows of one period of an assessment table (positions into its columns)."""

    table: Assessment
    period: str
    rows: list[int]


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
    _by_item: dict[str, dict[str, int]] | None = field(default=None, repr=False)
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

    def assessed_rows(self, item_id: str, units: Sequence[str]) -> tuple[list[str], list[int]]:
        """The given units that have a row for the item in the period, in the order given,
        and their rows (others are ignored, spec 4; a later row of a unit wins)."""
        if self.rows is None:
            return [], []
        if self._by_item is None:
            self._by_item = self.rows.table.by_item(self.rows.rows)
        found = self._by_item.get(item_id)
        if not found:
            return [], []
        rows = list(map(found.get, units))  # one C pass; mostly every unit has its row
        if None not in rows:
            return list(units), cast("list[int]", rows)
        present = [u for u, row in zip(units, rows, strict=True) if row is not None]
        return present, [row for row in rows if row is not None]

    def item_line(self, loaded: LoadedCatalog, item_id: str) -> int:
        """The line an item starts on. A scan of the text finds `- id: X` entries of
        `items:` (composing 10k items to find their lines costs more than every rule);
        an item the scan misses (id not its first key) falls back to the Locator."""
        lines = self._lines.get(loaded.doc.display)
        if lines is None:
            lines = self._lines[loaded.doc.display] = scan_item_lines(loaded.doc.text)
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
            fingerprint=fingerprint(
                rule.name, self.code, kind, loaded.model.catalog.unit or "", ident or "", subject
            ),
            extra=extra or {},
            scope=_scope(item) if kind == "empowerment" else None,
            evidence=evidence,
        )


def _scope(item: Item | None) -> str | list[str] | None:
    """An empowerment item's scope as the findings carry it."""
    scope = getattr(item, "scope", None)
    if scope is None:
        return None
    return "all" if scope == "all" else list(scope)  # unit ids: text, validated
