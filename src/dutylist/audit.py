"""`dutylist audit`: the county's annual review of its lists, as data.

The engine loads a jurisdiction, the newest assessment period and (optionally) what is
new against a previous version, builds one AuditContext, and runs every enabled rule
module of `dutylist.rules` over it. Rules ask the context for assessment rows, unit
names and locations; they never read files or compute line numbers themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dutylist.config import AuditSettings
from dutylist.errors import InputError
from dutylist.findings import Severity
from dutylist.load import LoadedCatalog, display_path
from dutylist.model.assessment import AssessmentRow
from dutylist.model.catalog import EmpowermentItem, Item
from dutylist.rules.base import AuditFinding, RuleInfo, Suggestion, fingerprint
from dutylist.workspace import Jurisdiction, assessment_files, load_path

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
_ITEM_ID = re.compile(
    r"""^\s*-\s*\{?\s*id\s*:\s*(?:"([^"]*)"|'([^']*)'|([^\s,}#'"][^,}#]*?))\s*(?:[,}#]|$)"""
)


def scan_item_lines(text: str) -> dict[str, int]:
    """Line of each `- id: X` (or `- {id: X, ...}`) entry under the top-level `items:`."""
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


CatalogKey = tuple[str, str | None]
"""(kind, unit of a duties catalog): which catalog of a jurisdiction."""


@dataclass
class AuditContext:
    """Everything a rule may look at, loaded once."""

    juris: Jurisdiction
    rows: list[AssessmentRow] | None = None
    period: str | None = None
    assessment_file: str | None = None
    added: dict[CatalogKey, set[str]] | None = None
    previous: str | None = None
    whole: bool = True  # PATH was a folder: every catalog of the jurisdiction is loaded
    _by_item: dict[str, dict[str, AssessmentRow]] | None = field(default=None, repr=False)
    _lines: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False)  # rules share computations

    @property
    def code(self) -> str:
        reg = self.juris.registry
        return reg.model.jurisdiction.code if reg is not None else self.juris.root.name

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
        reg = self.juris.registry
        return reg.model.township_ids() if reg is not None else []

    def unit_name(self, unit: str) -> str:
        return self.unit_names.get(unit, unit)

    def empowerment_items(self) -> Iterator[tuple[LoadedCatalog, EmpowermentItem]]:
        """Every item of the empowerment catalog with its catalog, for the rules that
        judge devolved powers (none when the jurisdiction has no such catalog)."""
        loaded = self.juris.catalog("empowerment")
        if loaded is None:
            return
        for item in loaded.model.items:
            if isinstance(item, EmpowermentItem):
                yield loaded, item

    def scope_of(self, scope: object) -> list[str]:
        """The unit ids an empowerment scope devolves to (`all` = every township-level unit)."""
        return self.unit_ids if scope == "all" else [str(u) for u in scope]  # type: ignore[attr-defined]

    def rows_of(self, item_id: str, units: Iterable[str]) -> dict[str, AssessmentRow]:
        """The assessment rows of an item for the given units (others are ignored, spec 4)."""
        if self._by_item is None:
            self._by_item = {}
            for row in self.rows or ():
                self._by_item.setdefault(row.item, {})[row.unit] = row
        found = self._by_item.get(item_id, {})
        return {u: found[u] for u in units if u in found}

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
        message: str,
        message_zh: str,
        suggestion: Suggestion,
        units: Iterable[str] = (),
        keep: Iterable[str] = (),
        subject: str = "",
        severity: Severity | None = None,
        path: tuple[str | int, ...] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> AuditFinding:
        """A finding located at the item (or at `path` in the catalog), fingerprinted by
        rule, jurisdiction, catalog, item and the rule's stable `subject`."""
        if path is not None:
            line, column = loaded.doc.locator.locate(path)
        elif item is not None:
            line, column = self.item_line(loaded, item.id), 1
        else:
            line, column = 1, 1
        unit = loaded.model.catalog.unit
        return AuditFinding(
            rule=rule.name,
            code=rule.code,
            severity=severity or rule.severity,
            item=item.id if item is not None else None,
            message=message,
            message_zh=message_zh,
            suggestion=suggestion,
            file=loaded.doc.display,
            line=line,
            column=column,
            units=list(units),
            keep=list(keep),
            kind=loaded.kind,
            department=item.department if item is not None else None,
            name=item.name if item is not None else None,
            fingerprint=fingerprint(
                rule.name,
                self.code,
                loaded.kind,
                unit or "",
                item.id if item is not None else "",
                subject,
            ),
            extra=extra or {},
            scope=_scope(item),
        )


def _scope(item: Item | None) -> str | list[str] | None:
    if not isinstance(item, EmpowermentItem):
        return None
    return "all" if item.scope == "all" else [str(u) for u in item.scope]


@dataclass
class AuditResult:
    """The findings of one audit, and what the reader must know to trust them."""

    jurisdiction: str
    code: str
    files: list[str]
    findings: list[AuditFinding]
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (rule, reason)
    period: str | None = None
    assessment_file: str | None = None
    previous: str | None = None
    units: dict[str, str] = field(default_factory=dict)
    departments: dict[str, str] = field(default_factory=dict)
    townships: list[str] = field(default_factory=list)

    def failing(self, fail_on: Severity) -> list[AuditFinding]:
        """Findings that fail the run: not accepted, at or above `fail_on`."""
        return [f for f in self.findings if not f.accepted and f.severity.rank >= fail_on.rank]


def read_rows(
    juris: Jurisdiction, assessment: Path | None
) -> tuple[list[AssessmentRow] | None, str | None, str | None]:
    """Rows of the newest period, its name and the file: `--assessment`, else the newest
    file of assessments/ (files are named by period, so the last name is the newest).
    A table with bad rows stops the audit: a review on partial data would mislead."""
    from dutylist.assessment import read_assessment

    # a single catalog file loads without the tables; its jurisdiction's still count
    tables = juris.assessments or (assessment_files(juris.root) if juris.registry else [])
    path = assessment or (tables[-1] if tables else None)
    if path is None:
        return None, None, None
    if not path.is_file():
        raise InputError(f"no such assessment file: {juris.display(path)}")
    table = read_assessment(path, juris.display(path))
    if table.findings:
        first = table.findings[0]
        more = f" (and {len(table.findings) - 1} more)" if len(table.findings) > 1 else ""
        raise InputError(
            f"{first.message}{more}: fix the assessment table before the audit",
            file=first.file,
            line=first.line,
        )
    rows = table.newest()
    if not rows:
        return None, None, table.file
    return rows, rows[0].period, table.file


def added_items(previous: str, current: Path) -> dict[CatalogKey, set[str]]:
    """Item ids new against the previous version (class `added` of the diff), per catalog."""
    from dutylist.diff import diff_paths

    result = diff_paths(previous, str(current))
    added: dict[CatalogKey, set[str]] = {}
    for catalog in result.catalogs:
        for change in catalog.changes:
            if "added" in change.classes and change.id is not None:
                added.setdefault((catalog.kind, catalog.unit), set()).add(change.id)
    return added


def run_audit(
    path: Path,
    *,
    assessment: Path | None = None,
    previous: str | None = None,
    settings: AuditSettings | None = None,
    accepted: Iterable[str] = (),
) -> AuditResult:
    """Audit a catalog file or a jurisdiction folder."""
    from dutylist.rules import RULE_MODULES

    settings = settings or AuditSettings()
    juris = load_path(path)
    juris.require_valid()
    rows, period, table = read_rows(juris, assessment)
    ctx = AuditContext(juris, rows, period, table, whole=path.is_dir())
    if previous is not None:
        ctx.previous = previous
        ctx.added = added_items(previous, path)
    result = AuditResult(
        juris.name,
        ctx.code,
        list(juris.files),
        [],
        period=period,
        assessment_file=table,
        previous=previous,
    )
    if juris.registry is not None:
        result.units = {u.id: u.name for u in juris.registry.model.units}
        result.townships = juris.registry.model.township_ids()
        result.departments = {d.id: d.name for d in juris.registry.model.departments}
    for module in RULE_MODULES:
        name = module.RULE.name
        if name in settings.disable:
            continue
        needs = getattr(module, "NEEDS", ())
        if "assessment" in needs and ctx.rows is None:
            result.skipped.append((name, "assessment"))
            continue
        if "previous" in needs and ctx.added is None:
            result.skipped.append((name, "previous"))
            continue
        override = settings.severity.get(name)
        for found in module.check(ctx, settings):
            if override is not None:
                found.severity = override
            result.findings.append(found)
    wanted = set(accepted)
    for found in result.findings:
        found.accepted = found.fingerprint in wanted
    mark_also_revoked(result.findings)
    result.findings.sort(key=AuditFinding.sort_key)
    return result


def mark_also_revoked(findings: list[AuditFinding]) -> None:
    """A narrower change (differentiate) to an item another rule suggests taking back must
    not tell the reader the other units keep it: record the revoking rule in its evidence.
    Only open revokes of warning or above count (the ones the Decisions list shows)."""
    revoking: dict[tuple[str, str], str] = {}
    for f in findings:
        if (
            f.suggestion == "revoke"
            and f.item is not None
            and not f.accepted
            and f.severity.rank >= 2
        ):
            revoking.setdefault((f.file, f.item), f.code)
    for f in findings:
        code = revoking.get((f.file, f.item or ""))
        if f.suggestion == "differentiate" and code is not None:
            f.extra["also_revoke"] = code


def load_accept(path: Path) -> dict[str, str]:
    """Fingerprints of reviewed and accepted findings, with their comments.

    One fingerprint a line, as plain text or a YAML list (`- 3f2a...  # why`); `#` starts
    a comment; blank lines are skipped."""
    import re

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the accept file: {exc}", file=display_path(path)) from None
    accepted: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        body, _, comment = raw.partition("#")
        body = body.strip().removeprefix("-").strip().strip("'\"")
        body = body.removeprefix("fingerprint:").strip().strip("'\"")
        if not body:
            continue
        if not re.fullmatch(r"[0-9a-f]{16}", body):
            raise InputError(
                f"{body!r} is not a finding fingerprint (16 hex digits, see `--format json`)",
                file=display_path(path),
                line=number,
            )
        accepted[body] = comment.strip()
    return accepted
