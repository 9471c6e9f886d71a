"""`dutylist site`: what the website of the lists shows, as plain records.

The records are built here from the loaded catalogs (and, for the units' problem lists,
an audit when the folder holds assessment data); `dutylist.report.site` renders them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from dutylist.catalog.workspace import Jurisdiction, find_jurisdictions, load_jurisdiction
from dutylist.errors import InputError, not_found
from dutylist.i18n import AUDIT_RULE, SEVERITY, _
from dutylist.io.yamlload import gc_paused
from dutylist.site.records import JurisdictionRecord, jurisdiction_record
from dutylist.validate.core import require_valid

if TYPE_CHECKING:
    from dutylist.audit.core import AuditResult
    from dutylist.audit.rules.base import AuditFinding
    from dutylist.i18n import Lang

MARKER = ".dutylist-site"
HistoryLookup = Callable[[Path, JurisdictionRecord], dict[tuple[str, str], list[dict[str, str]]]]
"""(jurisdiction folder, its record) -> {(list key, item id): history rows} for the item pages."""


@dataclass
class SiteModel:
    title: str
    public: bool
    jurisdictions: list[JurisdictionRecord] = field(default_factory=list)
    inputs: list[Path] = field(default_factory=list)  # the folders read, never written into
    history_available: bool = False


def build_site(
    path: Path,
    *,
    public: bool = False,
    history: HistoryLookup | None = None,
    title: str | None = None,
) -> SiteModel:
    """The records of the site of the jurisdictions at `path` (one, or a folder of them)."""
    if not path.exists():
        raise not_found(path, path)
    roots = find_jurisdictions(path) if path.is_dir() else []
    if not roots:
        raise InputError(
            _("{path}: no jurisdiction folder (with jurisdiction.yaml) found", path=path)
        )
    model = SiteModel(title or "", public, inputs=[r.resolve() for r in roots])
    for root in roots:
        juris = load_jurisdiction(root)
        require_valid(juris)
        with gc_paused():  # records of every item, kept for the pages: nothing to collect
            record = jurisdiction_record(juris, public=public)
        if not public:
            _problems(juris, record)
        if history is not None:
            events = history(root, record)
            model.history_available = True
            for listed in record.lists:
                for item in listed.items:
                    item.history = events.get((listed.key, item.id), [])
        model.jurisdictions.append(record)
    if not model.title:
        names = [j.name for j in model.jurisdictions]
        model.title = ("、".join(names) if len(names) <= 3 else "") + "权责清单"
    return model


def _problems(juris: Jurisdiction, record: JurisdictionRecord) -> None:
    """一乡镇一问题清单 on each unit's page, when the folder holds assessment data: the
    audit runs on the jurisdiction loaded for the pages, not on a second load."""
    if not (juris.root / "assessments").is_dir():
        return
    from dutylist.audit.core import audit_loaded

    result = audit_loaded(juris, juris.root)
    if result.period is None:
        return
    record.period = result.period
    with gc_paused():  # a row per finding and unit, acyclic and kept for the pages
        _problem_rows(result, record)


def _problem_rows(result: AuditResult, record: JurisdictionRecord) -> None:
    """Each finding told on its item's page and listed for each unit it concerns."""
    from dutylist.report.audit_labels import (
        affected_units,
        suggestion_text,
        unit_evidence,
        unit_suggestion,
    )

    pages = {
        item.id: item
        for listed in record.lists
        if listed.kind == "empowerment"
        for item in listed.items
    }
    by_unit = {u.id: u.problems for u in record.units}
    evidence = _evidence(unit_evidence)
    for finding in result.findings:
        row = {
            "severity": SEVERITY.get(finding.severity.value, finding.severity.value),
            "rule": AUDIT_RULE.get(finding.rule, finding.rule),
            "item": finding.item or "",
            "href": "",
            "message": finding.text("zh"),
        }
        page = pages.get(finding.item or "")
        if page is not None:
            # the finding's text (for a uniformly devolved power it names every unit)
            # is shown once, on the item's page; each unit's row links to it
            anchor = f"finding-{len(page.findings) + 1}"
            page.findings.append(
                {
                    **row,
                    "anchor": anchor,
                    "suggestion": suggestion_text(result, finding, "zh", label=False),
                }
            )
            row.update(href=f"items/{page.key}.html", anchor=anchor, message="")
        row["suggestion"] = unit_suggestion(result, finding, "zh")
        units = [u for u in affected_units(result, finding) if u in by_unit]
        for unit, told in zip(units, evidence(finding, units), strict=True):
            by_unit[unit].append((row, told))


def _evidence(
    unit_evidence: Callable[[AuditFinding, str, Lang], str],
) -> Callable[[AuditFinding, list[str]], list[str]]:
    """`unit_evidence` in Chinese for each of a finding's units, made once per assessment
    record: a unit's evidence is told from its record of measures in the finding's
    `extra`, one shared dict for equal measures across findings (a hundred thousand rows,
    a few hundred records)."""
    made: dict[int, tuple[object, str]] = {}

    def evidence(finding: AuditFinding, units: list[str]) -> list[str]:
        told = []
        extra = finding.extra
        for unit in units:
            row = extra.get(unit)
            if not isinstance(row, dict):
                told.append(unit_evidence(finding, unit, "zh"))
                continue
            held = made.get(id(row))
            if held is None or held[0] is not row:
                held = made[id(row)] = (row, unit_evidence(finding, unit, "zh"))
            told.append(held[1])
        return told

    return evidence
