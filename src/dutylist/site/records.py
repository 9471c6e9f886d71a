"""The site's data as plain records: what every page shows, prepared once in Python.

Templates receive these records and nothing else (no models, no loaders), so a page can
only show what was put here, and `--public` is decided in one place: `public_fields`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dutylist.catalog.load import LoadedCatalog
from dutylist.catalog.workspace import Jurisdiction
from dutylist.i18n import (
    CATEGORY,
    FIELD,
    HANDLING,
    KIND,
    METHOD,
    ROLE,
    STATUS,
    TECHNICAL,
    departments_heading,
)
from dutylist.model.catalog import Item

ALL = "all"
_SAFE = re.compile(r"[A-Za-z0-9._-]{1,80}")
_UNSAFE_RUN = re.compile(r"[^a-z0-9._-]+")


def slug(text: str) -> str:
    """A file name part for an opaque id: the id itself when it is plain ASCII, else a
    hash. Ids differing only in case get the hash too, since Windows and macOS file
    systems would fold them onto one file."""
    if _SAFE.fullmatch(text) and text == text.lower():
        return text
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
    plain = _UNSAFE_RUN.sub("-", text.lower()).strip("-.")[:40]
    return f"{plain}-{digest}" if plain else digest


@dataclass
class ItemRecord:
    """One item of one list, with every value already text."""

    key: str  # page name, unique in the site
    list_key: str
    list_label: str
    id: str
    name: str
    kind: str
    category: str
    category_label: str
    department: str
    department_name: str
    basis: list[str]
    units: list[str]  # unit ids it is devolved to (empowerment), else []
    scope_label: str
    facts: list[tuple[str, str]]  # (label, value) rows of the item page
    text: str  # what the search box matches
    version: str
    effective: str
    history: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, str]] = field(default_factory=list)  # the audit's, on this item
    # what a list of the kind is about, its first own column: 履职方式 of a duty (基本 /
    # 配合 / 收回), 办理方式 of a village affair, 状态 of a certificate; else empty
    way_label: str = ""


@dataclass
class ListRecord:
    key: str
    jurisdiction: str
    kind: str
    kind_label: str
    title: str
    version: str
    effective: str
    unit: str | None
    unit_name: str
    file: str
    items: list[ItemRecord] = field(default_factory=list)
    extra_header: list[str] = field(default_factory=list)
    posts: list[tuple[str, str, bool]] = field(default_factory=list)  # (id, name, new)


@dataclass
class UnitRecord:
    key: str
    id: str
    name: str
    type_label: str
    code: str
    powers: list[ItemRecord] = field(default_factory=list)
    duties: list[ItemRecord] = field(default_factory=list)
    duties_list: ListRecord | None = None
    # (the finding's row, shared by every unit it concerns; this unit's evidence)
    problems: list[tuple[dict[str, str], str]] = field(default_factory=list)


@dataclass
class DepartmentRecord:
    key: str
    id: str
    name: str
    short: str
    items: list[ItemRecord] = field(default_factory=list)


@dataclass
class JurisdictionRecord:
    key: str
    code: str
    name: str
    level: str
    lists: list[ListRecord] = field(default_factory=list)
    units: list[UnitRecord] = field(default_factory=list)
    departments: list[DepartmentRecord] = field(default_factory=list)
    period: str | None = None  # assessment period behind the problem lists

    @property
    def departments_heading(self) -> str:
        return departments_heading(self.name, "zh")

    def items(self) -> Iterable[ItemRecord]:
        for listed in self.lists:
            yield from listed.items


UNIT_TYPE = {"town": "镇", "township": "乡", "street": "街道", "village": "村", "community": "社区"}
LEVEL = {"province": "省", "city": "市", "county": "县（市、区）"}
KIND_ORDER = ("empowerment", "territorial", "grid", "village-affairs", "certificates", "duties")


def short_name(name: str, jurisdiction: str) -> str:
    """景洪市交通运输局 -> 交通运输局: the jurisdiction's prefix says nothing on its own site."""
    return (
        name[len(jurisdiction) :]
        if name.startswith(jurisdiction) and name != jurisdiction
        else name
    )


def jurisdiction_record(juris: Jurisdiction, *, public: bool) -> JurisdictionRecord:
    registry = juris.registry.model if juris.registry is not None else None
    code = registry.jurisdiction.code if registry else juris.root.name
    name = registry.jurisdiction.name if registry else juris.root.name
    record = JurisdictionRecord(
        key=slug(code),
        code=code,
        name=name,
        level=LEVEL.get(registry.jurisdiction.level, "") if registry else "",
    )
    departments = {d.id: d.name for d in registry.departments} if registry else {}
    units = {u.id: u.name for u in registry.units} if registry else {}
    townships = registry.township_ids() if registry else []
    ordered = sorted(
        juris.catalogs,
        key=lambda c: (
            KIND_ORDER.index(c.kind) if c.kind in KIND_ORDER else 99,
            c.model.catalog.unit or "",
        ),
    )
    names = _Names(name, departments, units, townships)
    for loaded in ordered:
        record.lists.append(_list_record(loaded, record, names, public=public))
    if registry is not None:
        for dep in registry.departments:
            record.departments.append(
                DepartmentRecord(
                    f"{record.key}-{slug(dep.id)}", dep.id, dep.name, short_name(dep.name, name)
                )
            )
        for unit in registry.units:
            record.units.append(
                UnitRecord(
                    f"{record.key}-{slug(unit.id)}",
                    unit.id,
                    unit.name,
                    UNIT_TYPE.get(unit.type, unit.type),
                    unit.code or "",
                )
            )
    _attach(record)
    return record


def _attach(record: JurisdictionRecord) -> None:
    """Each item onto the pages of its department and units."""
    by_dept = {d.id: d for d in record.departments}
    by_unit = {u.id: u for u in record.units}
    powers = {u.id: u.powers.append for u in record.units}  # 10k items x 30 units
    for listed in record.lists:
        for item in listed.items:
            dept = by_dept.get(item.department)
            if dept is not None:
                dept.items.append(item)
            if listed.kind == "empowerment":
                for unit in item.units:
                    add = powers.get(unit)
                    if add is not None:
                        add(item)
        if listed.kind == "duties" and listed.unit in by_unit:
            holder = by_unit[listed.unit]
            holder.duties.extend(listed.items)
            holder.duties_list = listed


WAY_KINDS = ("duties", "village-affairs", "certificates")
"""The kinds whose lists show their first own column (`ItemRecord.way_label`)."""

_KIND_HEADER = {
    "empowerment": ["承接乡镇（街道）", "赋权方式"],
    "territorial": ["牵头部门", "协同部门"],
    "grid": ["来源事项"],
    "village-affairs": ["办理方式"],
    "certificates": ["状态", "替代方式"],
    "duties": ["履职方式", "岗位"],
}


@dataclass
class _Names:
    """What an item's values are shown by: the registry's names."""

    jurisdiction: str
    departments: dict[str, str]
    units: dict[str, str]
    townships: list[str]
    posts: dict[str, str] = field(default_factory=dict)

    def department(self, value: str) -> str:
        return short_name(self.departments.get(value, value), self.jurisdiction)


def _list_record(
    loaded: LoadedCatalog, juris: JurisdictionRecord, names: _Names, *, public: bool
) -> ListRecord:
    header = loaded.model.catalog
    unit = header.unit
    key = f"{juris.key}-{loaded.kind}" + (f"-{slug(unit)}" if unit else "")
    listed = ListRecord(
        key=key,
        jurisdiction=juris.name,
        kind=loaded.kind,
        kind_label=KIND.get(loaded.kind, loaded.kind),
        title=header.title,
        version=str(header.version),
        effective=str(header.effective or ""),
        unit=unit,
        unit_name=names.units.get(unit, unit) if unit else "",
        file=loaded.doc.display,
        extra_header=_KIND_HEADER.get(loaded.kind, []),
    )
    posts = getattr(loaded.model, "posts", None) or []
    listed.posts = [(p.id, p.name, bool(getattr(p, "new", False))) for p in posts]
    names = _Names(
        names.jurisdiction, names.departments, names.units, names.townships,
        {p.id: p.name for p in posts},
    )  # fmt: skip
    seen: set[str] = set()
    for item in loaded.model.items:
        page = f"{key}-{slug(item.id)}"
        if page in seen:  # ids unique in a valid file; a hash keeps even a bad one apart
            page = f"{page}-{len(seen)}"
        seen.add(page)
        listed.items.append(_item_record(item, listed, page, names, public=public))
    return listed


def _item_record(
    item: Item, listed: ListRecord, page: str, names: _Names, *, public: bool
) -> ItemRecord:
    dept = names.department
    scope = getattr(item, "scope", None)
    devolved = list(names.townships) if scope == ALL else list(scope or [])
    scope_label = (
        "全部乡镇（街道）" if scope == ALL else "、".join([names.units.get(u, u) for u in devolved])
    )
    extra = _kind_values(item, listed.kind, dept, scope_label, names.posts)
    facts: list[tuple[str, str]] = [
        ("事项编码", item.id),
        ("事项名称", item.name),
        ("清单", listed.title),
        (FIELD["category"], CATEGORY.get(item.category, item.category)),
        (FIELD["department"], dept(item.department)),
        *zip(listed.extra_header, extra, strict=True),
    ]
    if item.technical:
        facts.append((FIELD["technical"], TECHNICAL.get(item.technical, item.technical)))
    if item.replaces:
        facts.append(("原事项编码", "、".join(item.replaces)))
    if item.tags:
        facts.append((FIELD["tags"], "、".join(item.tags)))
    if not public:
        facts.extend(_internal_facts(item))
    basis = list(item.basis)
    text = " ".join([item.id, item.name, *basis]).lower()
    return ItemRecord(
        key=page,
        list_key=listed.key,
        list_label=listed.kind_label + (f"（{listed.unit_name}）" if listed.unit_name else ""),
        id=item.id,
        name=item.name,
        kind=listed.kind,
        category=item.category,
        category_label=CATEGORY.get(item.category, item.category),
        department=item.department,
        department_name=dept(item.department),
        basis=basis,
        units=devolved if listed.kind == "empowerment" else [],
        scope_label=scope_label,
        facts=[(label, value) for label, value in facts if value],
        text=text,
        version=listed.version,
        effective=listed.effective,
        way_label=extra[0] if listed.kind in WAY_KINDS else "",
    )


def _kind_values(
    item: Any, kind: str, dept: Any, scope_label: str, posts: dict[str, str]
) -> list[str]:
    if kind == "empowerment":
        return [scope_label, METHOD.get(item.method, "") if item.method else ""]
    if kind == "territorial":
        helpers = "、".join("乡镇（街道）" if c == "unit" else dept(c) for c in item.cooperating)
        return [dept(item.lead), helpers]
    if kind == "grid":
        return [item.source or ""]
    if kind == "village-affairs":
        return [HANDLING.get(item.handling, item.handling)]
    if kind == "certificates":
        return [STATUS.get(item.status, item.status), item.alternative or ""]
    if kind == "duties":
        return [ROLE.get(item.role, item.role), posts.get(item.post, item.post or "")]
    return []


def _internal_facts(item: Item) -> list[tuple[str, str]]:
    """What `--public` leaves out, as `export --public` does: support, admission, notes."""
    out: list[tuple[str, str]] = []
    if item.support is not None:
        s = item.support
        out.append((FIELD["training"], str(s.training or "")))
        out.append((FIELD["funding"], "" if s.funding is None else "是" if s.funding else "否"))
        out.append((FIELD["guidance"], s.guidance or ""))
    if item.admission is not None:
        a = item.admission
        for name in ("approved_by", "approved_on", "content", "term", "funding"):
            value = getattr(a, name)
            if value not in (None, ""):
                out.append((f"{FIELD['admission']}·{FIELD[name]}", str(value)))
    if item.notes:
        out.append((FIELD["notes"], item.notes))
    return out
