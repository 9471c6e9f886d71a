"""`dutylist conform`: every list of a guided kind checked against its guides.

Per list (per unit for duties): the guide items adopted, those not adopted, the items
beyond the guide; the findings of the section 13 rules; across a folder of
jurisdictions, the variants (variants.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dutylist.catalog.guides import Guide, GuideSet, load_guides
from dutylist.catalog.load import LoadedCatalog, display_path
from dutylist.catalog.workspace import (
    Jurisdiction,
    find_jurisdictions,
    load_catalog_file,
    load_jurisdiction,
)
from dutylist.conform.lines import Lines
from dutylist.conform.rules import CHECKS
from dutylist.conform.settings import ConformSettings
from dutylist.conform.variants import Variant, find_variants
from dutylist.errors import InputError, not_found
from dutylist.findings import Finding, Severity
from dutylist.i18n import _
from dutylist.model.catalog import guide_ids
from dutylist.normalize import normalize_name
from dutylist.validate.guides import unknown_guide_items


@dataclass
class ListReport:
    """One list against one guide."""

    jurisdiction: str  # division code (the folder name when there is no registry)
    jurisdiction_name: str
    catalog: str
    kind: str
    unit: str | None
    unit_name: str | None = None
    adopted: dict[str, list[str]] = field(default_factory=dict)  # guide id -> item ids
    not_adopted: list[str] = field(default_factory=list)
    beyond: list[str] = field(default_factory=list)

    @property
    def column(self) -> str:
        """The list's heading in a matrix: the jurisdiction, and the unit for duties."""
        if self.unit is None:
            return self.jurisdiction_name
        return f"{self.jurisdiction_name}/{self.unit_name or self.unit}"


@dataclass
class GuideReport:
    guide: Guide
    lists: list[ListReport] = field(default_factory=list)


@dataclass
class ConformResult:
    source: str
    jurisdictions: list[Jurisdiction]
    guides: list[GuideReport] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    problems: int = 0  # load problems: files or items conform could not read

    @property
    def folder(self) -> bool:
        return len(self.jurisdictions) > 1

    def failing(self) -> bool:
        """An error among the findings, or a file it could not read: a CI job must not
        pass a conformity check that left a list out."""
        return self.problems > 0 or any(f.level is Severity.ERROR for f in self.findings)


def run_conform(
    path: Path, *, similarity: float | None = None, settings: ConformSettings | None = None
) -> ConformResult:
    settings = settings or ConformSettings()
    similarity = similarity if similarity is not None else settings.similarity
    result = ConformResult(display_path(path), _load(path))
    reports: dict[Path, GuideReport] = {}
    for juris in result.jurisdictions:
        result.problems += sum(1 for f in juris.findings if f.level is Severity.ERROR)
        guides = load_guides(juris)
        result.findings.extend(guides.findings)
        for loaded in juris.catalogs:
            result.findings.extend(unknown_guide_items(loaded, guides))
            for guide, found in _check_list(juris, loaded, guides, settings, result.findings):
                reports.setdefault(guide.path, GuideReport(guide)).lists.append(found)
    result.guides = list(reports.values())
    if result.folder:
        result.variants = find_variants(result.jurisdictions, similarity)
    result.findings.sort(key=Finding.sort_key)
    return result


def _load(path: Path) -> list[Jurisdiction]:
    if path.is_file():
        return [load_catalog_file(path)]
    if not path.is_dir():
        raise not_found(path, display_path(path))
    roots = find_jurisdictions(path)
    if not roots:
        raise InputError(
            _("no jurisdiction.yaml under {path}: nothing to check", path=display_path(path))
        )
    return [load_jurisdiction(root) for root in roots]


def _check_list(
    juris: Jurisdiction,
    loaded: LoadedCatalog,
    guides: GuideSet,
    settings: ConformSettings,
    into: list[Finding],
) -> Iterator[tuple[Guide, ListReport]]:
    mine = guides.for_list(loaded)
    if not mine:
        return
    owner: dict[str, Guide] = {}
    for guide in mine:
        for ident in guide.items:
            owner.setdefault(ident, guide)
    info = juris.registry.model.jurisdiction if juris.registry else None
    code, name = (info.code, info.name) if info else (juris.root.name, juris.name)
    unit = loaded.model.catalog.unit
    units = {u.id: u.name for u in juris.registry.model.units} if juris.registry else {}
    lists = {
        g.path: ListReport(code, name, loaded.doc.display, loaded.kind, unit, units.get(unit or ""))
        for g in mine
    }
    rules = _Rules(loaded, settings)
    first: dict[str, str] = {}
    for index, item in enumerate(loaded.model.items):
        adopted = [i for i in guide_ids(item) if i in owner]
        if not adopted:
            lists[mine[0].path].beyond.append(item.id)
            if item.admission is None and not _takes_nothing_on(item):
                rules.emit("outside-guide", index, item.id, _outside(item, mine))
        for ident in adopted:
            lists[owner[ident].path].adopted.setdefault(ident, []).append(item.id)
            if ident in first:
                message = _(
                    "{item} adopts guide item {guide}, as {other} does: merge them "
                    "(one item with `replaces`) or let one adopt another guide item",
                    item=item.id,
                    guide=ident,
                    other=first[ident],
                )
                rules.emit("guide-adopted-twice", index, item.id, message, ("guide",))
            first.setdefault(ident, item.id)
        if len(adopted) == 1:
            theirs = owner[adopted[0]].items[adopted[0]].name
            if normalize_name(item.name) != normalize_name(theirs):
                message = _(
                    "{item} is named 「{name}」, its guide item {guide} 「{theirs}」",
                    item=item.id,
                    name=item.name,
                    guide=adopted[0],
                    theirs=theirs,
                )
                rules.emit("guide-name-drift", index, item.id, message, ("name",))
    for guide in mine:
        report = lists[guide.path]
        report.beyond = lists[mine[0].path].beyond
        for ident, gitem in guide.items.items():
            if ident not in report.adopted:
                report.not_adopted.append(ident)
                message = _(
                    "guide item {guide} 「{name}」 of {title} is not adopted by this list",
                    guide=ident,
                    name=gitem.name,
                    title=guide.title,
                )
                rules.emit("guide-not-adopted", None, ident, message)
        yield guide, report
    for finding in rules.findings:
        finding.extra["jurisdiction"] = code
    into.extend(rules.findings)


def _takes_nothing_on(item: Any) -> bool:
    """Items that list what a unit does not do (不可办理, 取消, 收回) need no admission."""
    fields = item.__dict__
    return bool(
        fields.get("handling") == "excluded"
        or fields.get("status") == "abolished"
        or fields.get("role") == "reclaimed"
    )


def _outside(item: Any, mine: list[Guide]) -> str:
    titles = "、".join(g.title for g in mine)
    return _(
        "{item} 「{name}」 adopts no item of {titles} and has no admission (准入): "
        "add `guide:` or record its admission",
        item=item.id,
        name=item.name,
        titles=titles,
    )


class _Rules:
    """Findings of one list, with the settings' severities and disabled rules applied."""

    def __init__(self, loaded: LoadedCatalog, settings: ConformSettings) -> None:
        self.loaded = loaded
        self.settings = settings
        self.findings: list[Finding] = []
        self.lines: Lines | None = None

    def emit(
        self,
        rule: str,
        index: int | None,
        item: str,
        message: str,
        sub: tuple[str, ...] = (),
    ) -> None:
        if rule in self.settings.disable:
            return
        if self.lines is None:
            self.lines = Lines(self.loaded.doc)
        where = None if index is None else self.loaded.position(index)
        finding = self.lines.finding(CHECKS[rule], message, where, item, sub)
        finding.item = item
        finding.severity = self.settings.severity.get(rule)
        self.findings.append(finding)
