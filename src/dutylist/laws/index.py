"""`dutylist laws`: per law of the registry, the items that cite it; per title the registry
lacks, the items that cite it and the closest registry title. The JSON of spec section 12."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dutylist.catalog.load import display_path
from dutylist.catalog.workspace import Jurisdiction, find_jurisdictions, load_jurisdiction
from dutylist.errors import InputError, not_found
from dutylist.i18n import _
from dutylist.laws.citations import Citation, parse_bases
from dutylist.laws.registry import LawRegistry, merge

if TYPE_CHECKING:
    from dutylist.model.laws import Law


@dataclass
class Citing:
    """One item citing a law, with the articles it cites."""

    jurisdiction: str
    kind: str
    id: str
    name: str
    department: str
    articles: list[str] = field(default_factory=list)
    unit: str | None = None
    department_name: str | None = None
    catalog: str = ""  # the file, for the count of lists
    unit_name: str | None = None  # of a duties list, as people read it (嘎洒街道, not gasa)

    def as_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "jurisdiction": self.jurisdiction,
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "department": self.department,
            "articles": list(self.articles),
        }
        if self.unit is not None:
            record["unit"] = self.unit
        return record


@dataclass
class LawUse:
    law: Law
    items: list[Citing] = field(default_factory=list)
    replaced_by: Law | None = None

    @property
    def lists(self) -> int:
        return len({c.catalog for c in self.items})

    def as_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "id": self.law.id,
            "title": self.law.title,
            "status": self.law.status,
            "level": self.law.level,
            "items": [c.as_record() for c in self.items],
        }
        if self.law.revised is not None:
            record["revised"] = self.law.revised.isoformat()
        if self.law.repealed_on is not None:
            record["repealed_on"] = self.law.repealed_on.isoformat()
        if self.replaced_by is not None:
            record["replaced_by"] = self.replaced_by.id
        return record


@dataclass
class UnknownTitle:
    title: str
    items: list[Citing] = field(default_factory=list)
    did_you_mean: str | None = None

    def as_record(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "did_you_mean": self.did_you_mean,
            "items": [c.as_record() for c in self.items],
        }


@dataclass
class LawsReport:
    source: str
    laws: list[LawUse] = field(default_factory=list)
    unknown: list[UnknownTitle] = field(default_factory=list)
    jurisdictions: list[str] = field(default_factory=list)
    law_filter: str | None = None

    def as_record(self) -> dict[str, Any]:
        return {
            "laws": [u.as_record() for u in self.laws],
            "unknown": [u.as_record() for u in self.unknown],
        }


def laws_report(path: Path, law: str | None = None) -> LawsReport:
    """The report over every jurisdiction at or below `path`; `law` keeps one law (its id,
    title or alias, or a title the registry lacks)."""
    if not path.exists():
        raise not_found(path, display_path(path))
    roots = find_jurisdictions(path if path.is_dir() else path.parent)
    if not roots:
        raise InputError(
            _("no jurisdiction.yaml under {path}: nothing to list", path=display_path(path))
        )
    report = LawsReport(display_path(path), law_filter=law)
    uses: dict[str, LawUse] = {}
    unknown: dict[str, UnknownTitle] = {}
    registries: list[LawRegistry] = []
    for root in roots:
        juris = load_jurisdiction(root)
        _require_loaded(juris)
        registry = merge(juris.laws)
        registries.append(registry)
        report.jurisdictions.append(juris.name)
        for entry in registry.entries.values():
            if entry.law.id not in uses:
                replaced = registry.get(entry.law.replaced_by) if entry.law.replaced_by else None
                uses[entry.law.id] = LawUse(entry.law, replaced_by=replaced)
        _index(juris, registry, uses, unknown)
    report.laws = sorted(uses.values(), key=lambda u: (-len(u.items), u.law.title))
    for title in unknown.values():
        title.did_you_mean = next(
            (s for r in registries if (s := r.suggest(title.title)) is not None), None
        )
    report.unknown = sorted(unknown.values(), key=lambda u: (-len(u.items), u.title))
    if law is not None:
        _keep(report, law, registries)
    return report


def _require_loaded(juris: Jurisdiction) -> None:
    errors = [f for f in juris.findings if f.level.value == "error"]
    if errors:
        first = errors[0]
        raise InputError(
            _(
                "{where}: {code} {message}; run `dutylist validate` for the list",
                where=f"{first.file}:{first.line}:{first.column}",
                code=first.code,
                message=first.message,
            )
        )


def _index(
    juris: Jurisdiction,
    registry: LawRegistry,
    uses: dict[str, LawUse],
    unknown: dict[str, UnknownTitle],
) -> None:
    code = juris.registry.model.jurisdiction.code if juris.registry else juris.root.name
    departments = (
        {d.id: _short(d.name, juris.name) for d in juris.registry.model.departments}
        if juris.registry
        else {}
    )
    units = {u.id: u.name for u in juris.registry.model.units} if juris.registry else {}
    for loaded in juris.catalogs:
        unit = loaded.model.catalog.unit
        parsed = parse_bases(item.basis for item in loaded.model.items)
        for item, entries in zip(loaded.model.items, parsed, strict=True):
            cited: dict[str, tuple[Citation, list[str]]] = {}
            for citations in entries:
                for citation in citations:
                    law = registry.match(citation.key)
                    key = f"law:{law.id}" if law is not None else f"title:{citation.key}"
                    _, articles = cited.setdefault(key, (citation, []))
                    articles.extend(a.text for a in citation.articles if a.text not in articles)
            for key, (citation, articles) in cited.items():
                citing = Citing(
                    code,
                    loaded.kind,
                    item.id,
                    item.name,
                    item.department,
                    articles,
                    unit,
                    departments.get(item.department),
                    loaded.doc.display,
                    units.get(unit, unit) if unit else None,
                )
                if key.startswith("law:"):
                    uses[key[4:]].items.append(citing)
                else:
                    holder = unknown.setdefault(citation.key, UnknownTitle(citation.title))
                    holder.items.append(citing)


def _short(name: str, prefix: str) -> str:
    """景洪市交通运输局 -> 交通运输局: the jurisdiction's name says nothing in its own list."""
    return name[len(prefix) :] if name.startswith(prefix) and len(name) > len(prefix) else name


def _keep(report: LawsReport, wanted: str, registries: list[LawRegistry]) -> None:
    for registry in registries:
        law = registry.lookup(wanted)
        if law is not None:
            report.laws = [u for u in report.laws if u.law.id == law.id]
            report.unknown = []
            return
    from dutylist.laws.citations import title_key

    key = title_key(wanted.strip().strip("《》"))
    kept = [u for u in report.unknown if title_key(u.title) == key]
    if not kept:
        raise InputError(_("no law {law!r} in laws.yaml and no item cites it", law=wanted))
    report.laws = []
    report.unknown = kept
