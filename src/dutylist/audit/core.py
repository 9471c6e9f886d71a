"""`dutylist audit`: the county's annual review of its lists, as data.

The engine loads a jurisdiction, the newest assessment period and (optionally) what is
new against a previous version, builds one AuditContext, and runs every enabled rule
module of `dutylist.audit.rules` over it. Rules ask the context for assessment rows, unit
names and locations; they never read files or compute line numbers themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutylist.audit.config import AuditSettings
from dutylist.audit.context import AuditContext, CatalogKey, Rows
from dutylist.audit.rules.base import AuditFinding
from dutylist.catalog.load import as_records, display_path
from dutylist.catalog.workspace import Jurisdiction, assessment_files, load_path
from dutylist.errors import InputError
from dutylist.findings import Finding, Severity
from dutylist.i18n import N_, _
from dutylist.io.yamlload import gc_paused
from dutylist.validate.core import document_ids, require_valid

if TYPE_CHECKING:
    from dutylist.catalog.assessment import Assessment


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
    # reporters' shared pieces (a unit list shown by thousands of findings), built once;
    # not an init field, so that a copy with other findings or units starts empty
    memo: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def failing(self, fail_on: Severity) -> list[AuditFinding]:
        """Findings that fail the run: not accepted, at or above `fail_on`."""
        return [f for f in self.findings if not f.accepted and f.severity.rank >= fail_on.rank]


def read_rows(juris: Jurisdiction, assessment: Path | None) -> tuple[Rows | None, str | None]:
    """The table of the newest period's rows, and the file: `--assessment`, else the newest
    file of assessments/ (files are named by period, so the last name is the newest).
    A table with bad rows stops the audit: a review on partial data would mislead."""
    from dutylist.catalog.assessment import read_assessment, unit_lookup

    # a single catalog file loads without the tables; its jurisdiction's still count
    tables = juris.assessments or (assessment_files(juris.root) if juris.registry else [])
    path = assessment or (tables[-1] if tables else None)
    if path is None:
        return None, None
    if not path.exists() and not path.is_symlink():  # a FIFO, a folder: read_assessment says
        raise InputError(_("no such assessment file: {path}", path=juris.display(path)))
    registry = juris.registry
    lookup = unit_lookup((u.id, u.name) for u in registry.model.units) if registry else None
    table = read_assessment(path, juris.display(path), lookup)
    problems = [*table.findings, *_unknown_rows(table, juris)]
    if problems:
        first = min(problems, key=Finding.sort_key)
        if len(problems) > 1:
            message = _(
                "{message} (and {more} more): fix the assessment table before the audit",
                message=first.message,
                more=len(problems) - 1,
            )
        else:
            message = _(
                "{message}: fix the assessment table before the audit", message=first.message
            )
        raise InputError(
            message,
            file=first.file,
            line=first.line,
        )
    period, rows = table.newest()
    if period is None:
        return None, table.file
    return Rows(table, period, rows), table.file


def _unknown_rows(table: Assessment, juris: Jurisdiction) -> Iterator[Finding]:
    """Rows naming an item or a unit the lists do not have (DL202, DL203): an audit that
    left them out would decide on what remains, silently."""
    from dutylist.catalog.assessment import item_problems, unit_problems

    if juris.registry is not None:
        known = juris.registry.ids("units")
        yield from unit_problems(table, known)
    empowerment = juris.catalog("empowerment")
    if empowerment is not None:
        yield from item_problems(table, document_ids(empowerment))


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


AUDIT_TAKES = N_(
    "{problem}; audit takes a jurisdiction folder or a catalog file (an assessment table goes with "
    "--assessment FILE)"
)


def run_audit(
    path: Path,
    *,
    assessment: Path | None = None,
    previous: str | None = None,
    settings: AuditSettings | None = None,
    accepted: Iterable[str] = (),
    evidence: bool = True,
) -> AuditResult:
    """Audit a catalog file or a jurisdiction folder. `evidence=False`: the findings'
    `extra` lacks the assessment rows behind them (a text report, which shows none)."""
    # records, as validate reads: the rules read fields, and an audit then imports no
    # pydantic (a tenth of a CI audit's own cost); --previous diffs with the models
    with as_records():
        juris = load_path(path, hint=AUDIT_TAKES)
        require_valid(juris)
    return audit_loaded(
        juris,
        path,
        assessment=assessment,
        previous=previous,
        settings=settings,
        accepted=accepted,
        evidence=evidence,
    )


def audit_loaded(
    juris: Jurisdiction,
    path: Path,
    *,
    assessment: Path | None = None,
    previous: str | None = None,
    settings: AuditSettings | None = None,
    accepted: Iterable[str] = (),
    evidence: bool = True,
) -> AuditResult:
    """Audit a jurisdiction already loaded (and valid) from `path`, so a caller that has
    loaded it for its own use (the site) does not read and check every file again."""

    settings = settings or AuditSettings()
    rows, table = read_rows(juris, assessment)
    period = rows.period if rows is not None else None
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
    with gc_paused():  # findings and evaluations are acyclic: a collection finds nothing
        _run_rules(ctx, settings, result)
    result.findings.extend(_basis_validity(ctx, settings))
    wanted = set(accepted)
    for found in result.findings if wanted else ():  # no list: no fingerprint to make
        found.accepted = found.fingerprint in wanted
    mark_also_revoked(result.findings)
    result.findings.sort(key=AuditFinding.sort_key)
    if evidence:
        for found in result.findings:
            found.add_evidence()
    return result


def _run_rules(ctx: AuditContext, settings: AuditSettings, result: AuditResult) -> None:
    from dutylist.audit.rules import RULE_MODULES

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


def _basis_validity(ctx: AuditContext, settings: AuditSettings) -> list[AuditFinding]:
    """validate's basis checks, which the review reports too (spec section 12)."""
    from dutylist.audit.rules._basis import validity_findings

    found = [f for f in validity_findings(ctx) if f.rule not in settings.disable]
    for f in found:
        f.severity = settings.severity.get(f.rule, f.severity)
    return found


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

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(
            _("cannot read the accept file: {reason}", reason=_read_reason(exc)),
            file=display_path(path),
        ) from None
    accepted: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        body, _hash, comment = raw.partition("#")
        body = body.strip().removeprefix("-").strip().strip("'\"")
        body = body.removeprefix("fingerprint:").strip().strip("'\"")
        if not body:
            continue
        if not re.fullmatch(r"[0-9a-f]{16}", body):
            raise InputError(
                _(
                    "'{value}' is not a finding fingerprint (16 hex digits, see `--format json`)",
                    value=body,
                ),
                file=display_path(path),
                line=number,
            )
        accepted[body] = comment.strip()
    return accepted


def _read_reason(exc: OSError | UnicodeDecodeError) -> str:
    from dutylist.errors import os_reason

    return os_reason(exc) if isinstance(exc, OSError) else _("the file is not UTF-8 text")
