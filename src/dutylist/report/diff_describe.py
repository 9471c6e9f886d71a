"""Words for a diff: how every reporter (text, Markdown, CSV) names catalogs,
departments, units, fields and values in Chinese or English, from one place."""

from __future__ import annotations

from typing import Any

from dutylist.diff.classify import jsonable
from dutylist.diff.model import CLASSES, CatalogDiff, Change, DiffResult
from dutylist.i18n import (
    COOPERATING_UNIT,
    ENUM_LABELS,
    FIELD,
    KIND,
    N_,
    Lang,
    class_label,
    translate,
)

CITATIONS = N_("citations: {changes}")
DEPARTMENT_FIELDS = frozenset({"department", "lead", "cooperating"})

WORDS = {
    "zh": {
        "title": "清单调整对比",
        "old": "原版本",
        "new": "新版本",
        "items": "项",
        "class": "类别",
        "count": "数量",
        "department": "部门",
        "total": "合计",
        "catalog": "清单",
        "id": "事项编码",
        "old_id": "原编码",
        "name": "事项名称",
        "changes": "变化",
        "kind": "清单类型",
        "unit": "乡镇(街道)",
        "posts_added": "新增岗位",
        "posts_removed": "撤销岗位",
        "no_changes": "两个版本没有差异",
        "all_units": "全部乡镇(街道)",
        "yes": "是",
        "no": "否",
        "none": "无",
        "by_department": "按部门统计",
        "by_class": "按类别统计",
    },
    "en": {
        "title": "Catalog changes",
        "old": "old",
        "new": "new",
        "items": "items",
        "class": "Class",
        "count": "Count",
        "department": "Department",
        "total": "Total",
        "catalog": "Catalog",
        "id": "Id",
        "old_id": "Old id",
        "name": "Name",
        "changes": "Changes",
        "kind": "Kind",
        "unit": "Unit",
        "posts_added": "Posts added",
        "posts_removed": "Posts removed",
        "no_changes": "The two versions do not differ",
        "all_units": "all units",
        "yes": "yes",
        "no": "no",
        "none": "none",
        "by_department": "By department",
        "by_class": "By class",
    },
}


class Describer:
    """Names and values of one diff result in one language."""

    def __init__(self, result: DiffResult, lang: Lang) -> None:
        self.result = result
        self.lang = lang
        self.w = WORDS[lang]

    def items(self, n: int) -> str:
        """`5 项`, `1 item`, `5 items`."""
        return f"{n} {self.w['items']}" if self.lang == "zh" or n != 1 else f"{n} item"

    def cls(self, name: str) -> str:
        return class_label(name, self.lang)

    def department(self, dep: str | None) -> str:
        if dep is None:
            return ""
        if dep == "unit":
            return COOPERATING_UNIT[self.lang]
        # names are data, not words to translate: an English reader sees the registry's
        # name too (the id only when jurisdiction.yaml lacks the department)
        return self.result.department_name(dep)

    def short_department(self, dep: str | None) -> str:
        """The department's name without the jurisdiction's (景洪市交通运输局 → 交通运输局):
        what a terminal table shows before it has to wrap anything."""
        name = self.department(dep)
        for prefix in self.result.jurisdiction_names():
            if name.startswith(prefix) and len(name) > len(prefix):
                return name[len(prefix) :]
        return name

    def unit(self, unit: str) -> str:
        return self.result.unit_name(unit)

    def catalog(self, cat: CatalogDiff) -> str:
        kind = KIND.get(cat.kind, cat.kind) if self.lang == "zh" else cat.kind
        if cat.unit:
            kind = f"{kind} · {self.unit(cat.unit)}"
        return f"{cat.jurisdiction}/{kind}" if cat.jurisdiction else kind

    def change_catalog(self, change: Change) -> str:
        kind = KIND.get(change.kind, change.kind) if self.lang == "zh" else change.kind
        if change.unit:
            kind = f"{kind} · {self.unit(change.unit)}"
        return f"{change.jurisdiction}/{kind}" if change.jurisdiction else kind

    def field(self, name: str) -> str:
        return FIELD.get(name, name) if self.lang == "zh" else name

    def value(self, name: str, value: Any) -> str:
        """One field value for a reader: labels for enums, names for departments and units."""
        if value is None or value == []:
            return self.w["none"]
        if name == "scope":
            if value == "all":
                return self.w["all_units"]
            return ("、" if self.lang == "zh" else ", ").join(self.unit(u) for u in value)
        if name in DEPARTMENT_FIELDS:
            if isinstance(value, list):
                return self._join([self.department(v) for v in value])
            return self.department(value)
        if name in ENUM_LABELS and isinstance(value, str):
            return ENUM_LABELS[name].get(value, value) if self.lang == "zh" else value
        if isinstance(value, bool):
            return self.w["yes"] if value else self.w["no"]
        if isinstance(value, list):
            return self._join([self.value("", v) for v in value])
        if isinstance(value, dict):
            return self._join([f"{self.field(k)}: {self.value(k, v)}" for k, v in value.items()])
        return str(value)

    def _join(self, parts: list[str]) -> str:
        return ("；" if self.lang == "zh" else "; ").join(parts)

    def listed(self, parts: list[str]) -> str:
        """Names or ids in a row: 甲、乙 in Chinese, a, b in English."""
        return ("、" if self.lang == "zh" else ", ").join(parts)

    def ids(self, change: Change) -> str:
        """`A + B → C` for a merge, `A → C` for a split or re-code, the id otherwise."""
        arrow = " → "
        if "added" in change.classes:
            return change.id or ""
        if change.id is None:
            return " + ".join(change.old_ids)
        if change.old_ids and change.old_ids != [change.id]:
            return " + ".join(change.old_ids) + arrow + change.id
        return change.id

    def field_lines(self, change: Change) -> list[str]:
        """One line per changed field: `label: old → new`, or the nested detail."""
        lines = []
        for name, entry in change.fields.items():
            detail = entry.get("detail")
            cited = entry.get("citations")
            if cited:
                parts = [f"+{c}" for c in cited["added"]] + [f"−{c}" for c in cited["removed"]]
                raw = [
                    f"+{d.get('new')}" if d["change"] == "added" else f"−{d.get('old')}"
                    for d in detail or ()
                ]
                # a line of its own only where it says more than the entries themselves
                if sorted(parts) != sorted(raw):
                    text = translate(CITATIONS, self.lang).format(changes=self._join(parts))
                    lines.append(text)
            if detail and isinstance(entry["old"], dict | list):
                parts = [self._detail(name, d, entry["old"]) for d in detail]
                lines.append(f"{self.field(name)}: {self._join(parts)}")
                continue
            lines.append(
                f"{self.field(name)}: {self.value(name, entry['old'])} → {self.value(name, entry['new'])}"
            )
        lines.extend(self._context(change))
        if "split" in change.classes and len(change.new_ids) > 1:
            into = self.listed(change.new_ids)
            lines.append(f"拆分为 {into}" if self.lang == "zh" else f"split into {into}")
        return lines

    def _context(self, change: Change) -> list[str]:
        """What an added or withdrawn item is about: its scope (the units that gain or
        lose it) and, for a new item, its admission record (准入)."""
        item = change.new_item if change.classes[0] == "added" else None
        if change.classes[0] in ("revoked", "removed") and change.old_items:
            item = change.old_items[0]
        if item is None:
            return []
        lines = []
        scope = getattr(item, "scope", None)
        if scope is not None:
            lines.append(f"{self.field('scope')}: {self.value('scope', scope)}")
        if item is change.new_item and item.admission is not None:
            admission = jsonable(item.admission)
            lines.append(f"{self.field('admission')}: {self.value('admission', admission)}")
        return lines

    def _detail(self, name: str, entry: dict[str, Any], old: Any) -> str:
        path = entry["path"]
        key = str(path[-1]) if path and isinstance(old, dict) else name
        label = f"{self.field(key)} " if path and isinstance(old, dict) else ""
        if entry["change"] == "added":
            return f"+{label}{self.value(key, entry['new'])}"
        if entry["change"] == "removed":
            return f"−{label}{self.value(key, entry['old'])}"
        return f"{label}{self.value(key, entry['old'])} → {self.value(key, entry['new'])}"

    def also(self, change: Change) -> str:
        """The other classes of a change shown under its first class: ` (+更名)`."""
        rest = [self.cls(c) for c in change.classes[1:]]
        return f" (+{self.listed(rest)})" if rest else ""

    def posts(self, cat: CatalogDiff, ids: list[str]) -> list[str]:
        """Post ids with their names (岗位目录)."""
        names = {}
        for model in (cat.old_model, cat.new_model):
            for post in model.posts if model else ():
                names[post.id] = post.name
        return [f"{i} ({names[i]})" if i in names else i for i in ids]

    def explain(self, change: Change) -> str:
        """All of a change in one line (CSV, Markdown tables)."""
        return self._join(self.field_lines(change))


def changes_by_class(changes: list[Change]) -> dict[str, list[Change]]:
    """Changes grouped under their first class, in spec order (each change shown once)."""
    groups: dict[str, list[Change]] = {c: [] for c in CLASSES}
    for change in changes:
        groups[change.classes[0]].append(change)
    return {c: v for c, v in groups.items() if v}


def department_table(result: DiffResult) -> tuple[list[str], list[tuple[str, list[int]]]]:
    """Classes that occur (spec order, without unchanged) and per department the count of
    changes in each class: the summary by department."""
    classes = [c for c in CLASSES if c != "unchanged" and result.summary.get(c)]
    rows: dict[str, list[int]] = {}
    for change in result.changes:
        row = rows.setdefault(change.department, [0] * len(classes))
        for cls in change.classes:
            if cls in classes:
                row[classes.index(cls)] += 1
    return classes, sorted(rows.items())
