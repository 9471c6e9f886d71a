"""`dutylist import`: a county's spreadsheet to a catalog of one kind (spec section 9).

Returns the texts to write and the rows it could not map; the CLI writes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from dutylist.catalog.load import display_path, parse_registry, read_document
from dutylist.catalog.workspace import registry_path
from dutylist.errors import InputError, not_found
from dutylist.findings import Finding
from dutylist.i18n import ENUM_LABELS, FIELD, KIND, _, current_lang
from dutylist.io.yamlemit import emit
from dutylist.model.catalog import ITEM_MODELS, KINDS
from dutylist.model.divisions import county_in, townships
from dutylist.model.rules import slug_problem
from dutylist.normalize import normalize_name
from dutylist.onboarding.importer import values as v
from dutylist.onboarding.importer.guide import fill_guide, read_guide
from dutylist.onboarding.importer.headers import HEADER_WORDS, columns, find_header
from dutylist.onboarding.importer.names import Names, Registry
from dutylist.onboarding.importer.sheet import Sheet, fill_down, read_sheet

# columns without which no row of a kind can become a valid item
REQUIRED: dict[str, tuple[str, ...]] = {
    "empowerment": ("scope",),
    "territorial": (),
    "grid": ("source",),
    "village-affairs": ("handling",),
    "certificates": ("status",),
    "duties": ("role",),
}
_CHOICES = {
    "category": v.CATEGORIES,
    "method": v.METHODS,
    "role": v.ROLES,
    "handling": v.HANDLINGS,
    "status": v.STATUSES,
    "technical": v.TECHNICAL,
}


@dataclass
class RowProblem:
    row: int
    message: str


@dataclass
class ImportResult:
    catalog_text: str
    items: int
    title: str
    problems: list[RowProblem] = field(default_factory=list)
    registry_text: str | None = None  # a new or extended jurisdiction.yaml to write
    registry_path: Path | None = None
    registry_new: bool = False
    notes: list[str] = field(default_factory=list)
    guide_filled: int | None = None  # with --guide: items given their guide item's id


def import_table(
    source: Path,
    kind: str,
    *,
    jurisdiction: Path | None = None,
    beside: Path | None = None,
    sheet: str | None = None,
    version: str | None = None,
    unit: str | None = None,
    add_names: bool = False,
    guide: Path | None = None,
) -> ImportResult:
    """Read the spreadsheet `source` as a catalog of `kind`. Names map to the ids of
    `jurisdiction`/jurisdiction.yaml, else of `beside`/jurisdiction.yaml, else new ids
    (then a new jurisdiction.yaml goes beside the output). With `add_names`, names the
    registry lacks get new ids and are added to it."""
    if kind not in KINDS:
        raise InputError(
            _("unknown kind '{kind}': use one of {kinds}", kind=kind, kinds=", ".join(KINDS))
        )
    if kind == "guide":
        raise InputError(
            _("import a guide as the kind it guides, then write `kind: guide` and `for:` in it")
        )
    shown = display_path(source)
    if not source.is_file():
        raise not_found(source, shown, file_only=True)
    guide_items = read_guide(guide, kind) if guide is not None else None
    table = read_sheet(source, shown, sheet)
    header, cols = _header(table, kind, shown)
    title = _title(table, header) or KIND[kind]
    registry, reg_path = _registry(jurisdiction, beside, title, add_names)
    if source.suffix.lower() == ".csv":
        for name in ("department", "category"):
            if name in cols:
                fill_down(table.rows, cols[name], header + 1, cols["name"])
    builder = _Builder(kind, cols, registry)
    if kind == "duties" and source.suffix.lower() == ".xlsx" and sheet is None:
        builder.known_posts(_post_directory(source, shown))
    for number, cells in zip(table.numbers[header + 1 :], table.rows[header + 1 :], strict=True):
        builder.row(number, cells)
    stated = _stated(table, header)
    header_data: dict[str, Any] = {
        "kind": kind,
        "title": title,
        "version": version or stated.get("version") or source.stem,
    }
    if "effective" in stated:
        header_data["effective"] = stated["effective"]
    if kind == "duties":
        header_data["unit"] = _duties_unit(unit, registry)
    result = ImportResult("", len(builder.items), title, builder.problems)
    if guide_items is not None:
        match = fill_guide(builder.items, builder.rows, guide_items)
        result.guide_filled = match.filled
        result.notes.extend(match.near)
    if builder.unnamed:
        result.notes.append(
            _(
                "{count} rows had no 事项编码: they were given ids ITEM-001...; "
                "keep them stable from now on",
                count=builder.unnamed,
            )
        )
    doc: dict[str, Any] = {"dutylist": 1, "catalog": header_data}
    if builder.posts.entries:
        doc["posts"] = [
            {"id": p.id, "name": p.name, **({"new": True} if p.id in builder.new_posts else {})}
            for p in builder.posts.entries
        ]
    doc["items"] = builder.items
    result.catalog_text = f"# imported from {source.name} by dutylist import\n" + spaced(emit(doc))
    if reg_path is None:
        result.registry_text = _registry_text(registry, title)
        result.registry_path = (beside or source.parent) / "jurisdiction.yaml"
        result.registry_new = True
    elif registry.departments.created or registry.units.created:
        from dutylist.io.yamlwrite import append_entries  # keeps the file's comments

        result.registry_text = append_entries(
            reg_path.read_text(encoding="utf-8-sig"),
            {"units": _units(registry), "departments": _departments(registry)},
        )
        result.registry_path = reg_path
    return result


def _header(table: Sheet, kind: str, shown: str) -> tuple[int, dict[str, int]]:
    """The header row's index and its columns; an error when a needed column is absent."""
    header = find_header(table.rows)
    if header is None:
        raise InputError(
            _(
                "no header row in the first ten rows: expected at least two header words such as "
                "事项名称, 事项编码, 事项类型, 实施依据, 实施部门"
            ),
            file=shown,
        )
    cols = columns(table.rows[header])
    missing = [f for f in ("name", "category", "department", *REQUIRED[kind]) if f not in cols]
    if kind == "territorial" and "department" in missing and "lead" in cols:
        missing.remove("department")
    if missing:
        wanted = "; ".join(f"{f}: {', '.join(HEADER_WORDS[f][:4])}" for f in missing)
        raise InputError(
            _("row {row} has no column for {wanted}", row=table.numbers[header], wanted=wanted),
            file=shown,
        )
    return header, cols


def _title(table: Sheet, header: int) -> str | None:
    for cells in table.rows[:header]:
        text = next((c for c in cells if c), None)
        if text and not _STATED.match(text):
            return text.replace("\n", " ")
    return None


# the row `export` writes under the title: 版本：2024-08    生效日期：2025-01-01
_STATED = re.compile(r"^\s*(版本|version)\s*[:：]", re.IGNORECASE)
_FIELDS = {
    "version": re.compile(
        r"(?:版本|version)\s*[:：]\s*(.+?)\s*(?:(?:生效日期|effective)\s*[:：]|$)", re.IGNORECASE
    ),
    "effective": re.compile(r"(?:生效日期|effective)\s*[:：]\s*(\S+)", re.IGNORECASE),
}


def _stated(table: Sheet, header: int) -> dict[str, Any]:
    """catalog.version (and effective) as a title-area row states them, so that an
    exported sheet imports with its version rather than the file's name."""
    found: dict[str, Any] = {}
    for cells in table.rows[:header]:
        text = " ".join(c for c in cells if c)
        if not _STATED.match(text):
            continue
        for name, pattern in _FIELDS.items():
            match = pattern.search(text)
            if match and name not in found:
                found[name] = match.group(1)
    if "effective" in found:
        try:  # a date the sheet misstates is left out rather than failing the import
            found["effective"] = date.fromisoformat(found["effective"])
        except ValueError:
            del found["effective"]
    return found


def _registry(
    jurisdiction: Path | None, beside: Path | None, title: str, add_names: bool
) -> tuple[Registry, Path | None]:
    """The registry names map to, and its file (None for a registry being made)."""
    for folder in (jurisdiction, beside):
        if folder is None:
            continue
        path = registry_path(folder)
        if path is None:
            if folder is jurisdiction:
                raise InputError(_("no jurisdiction.yaml in {path}", path=display_path(folder)))
            continue
        doc = read_document(path)
        if isinstance(doc, Finding):
            raise InputError(f"{doc.file}:{doc.line}: {doc.message}")
        loaded, problems = parse_registry(doc)
        # a registry with problems is refused, even one validated with its invalid entries
        # left out: import may write it back, and must not drop what it could not read
        if loaded is None or problems:
            first = problems[0]
            raise InputError(
                _(
                    "{where}: {message}; run `dutylist validate` first",
                    where=f"{first.file}:{first.line}:{first.column}: {first.code}",
                    message=first.message,
                )
            )
        registry = Registry.existing(loaded.model)
        if add_names:
            registry.departments.create = registry.units.create = True
            registry.known_townships = townships(loaded.model.jurisdiction.code)
        return registry, path
    county = county_in(title)
    return Registry.new(townships(county.code) if county else []), None


def _duties_unit(unit: str | None, registry: Registry) -> str:
    if not unit:
        raise InputError(_("a duties list belongs to one unit: name it with --unit (name or id)"))
    found = registry.unit(unit)
    if found is None:
        raise InputError(_("--unit '{unit}' is not a unit of jurisdiction.yaml", unit=unit))
    return found


class _Builder:
    """Rows to items, collecting what could not be mapped."""

    def __init__(self, kind: str, cols: dict[str, int], registry: Registry) -> None:
        self.kind = kind
        self.cols = cols
        self.registry = registry
        self.items: list[dict[str, Any]] = []
        self.rows: list[int] = []
        self.problems: list[RowProblem] = []
        self.posts = Names("post", create=True)
        self.new_posts: set[str] = set()
        self.unnamed = 0
        self._ids: set[str] = set()
        self._names: set[str] = set()

    def known_posts(self, directory: list[tuple[str, str, bool]]) -> None:
        """The posts of the list's post directory, before its rows name them by name."""
        for name, ident, new in directory:
            resolved = self.posts.resolve(name) or self.posts.resolve(ident)
            if resolved is None:
                self.posts.put(ident, name)
                resolved = ident
            if new:
                self.new_posts.add(resolved)

    def row(self, number: int, cells: list[str | None]) -> None:
        filled = [c for c in cells if c]
        if not filled or (len(filled) > 1 and len(set(filled)) == 1):
            return  # blank, or a section heading merged across the row (一、交通运输局)
        cell = {f: cells[i] if i < len(cells) else None for f, i in self.cols.items()}
        if not cell.get("name"):
            if len(filled) > 1:  # one cell alone is a heading or a footnote (注：...)
                self.problems.append(RowProblem(number, _("no 事项名称 (name) in this row")))
            return
        errors = _hidden_text(cell)
        item = self._item(cell, errors)
        if not errors:
            errors.extend(self._check(item))
        if errors:
            self.problems.append(RowProblem(number, "; ".join(errors)))
            return
        self._ids.add(item["id"])
        self._names.add(normalize_name(item["name"]))
        self.items.append(item)
        self.rows.append(number)

    def _item(self, cell: dict[str, str | None], errors: list[str]) -> dict[str, Any]:
        item: dict[str, Any] = {"id": cell.get("id"), "name": cell["name"]}
        if not item["id"]:
            self.unnamed += 1
            item["id"] = f"ITEM-{self.unnamed:03d}"
        for name, table in _CHOICES.items():
            text = cell.get(name)
            if text:
                value = v.lookup(table, text)
                if value is None:
                    errors.append(_choice_problem(name, text, table))
                item[name] = value
        if cell.get("department"):
            item["department"] = self._department(cell["department"] or "", errors)
        if cell.get("basis"):
            item["basis"] = v.split_basis(cell["basis"] or "")
        if self.kind == "empowerment":
            item["scope"] = self._scope(cell.get("scope") or "", errors)
        if self.kind == "territorial":
            lead = cell.get("lead") or cell.get("department")
            if lead:
                item["lead"] = self._department(lead, errors)
                item.setdefault("department", item["lead"])  # 牵头部门 is the one responsible
            item["cooperating"] = [
                "unit" if v.key(part) in v.UNIT_WORDS else self._department(part, errors)
                for part in v.split_list(cell.get("cooperating") or "")
            ]
            if cell.get("grid"):
                item["grid"] = bool(v.flag(cell["grid"] or ""))
        if self.kind == "grid" and cell.get("source"):
            item["source"] = cell["source"]
        if self.kind == "duties" and cell.get("post"):
            item["post"] = self.posts.resolve(cell["post"] or "") or self.posts.add(
                cell["post"] or ""
            )
        if self.kind == "certificates" and cell.get("alternative"):
            item["alternative"] = cell["alternative"]
        for name in ("replaces", "tags"):
            if cell.get(name):
                item[name] = v.split_list(cell[name] or "")
        if cell.get("guide"):
            parts = v.split_list(cell["guide"] or "")
            item["guide"] = parts[0] if len(parts) == 1 else parts
        if cell.get("notes"):
            item["notes"] = cell["notes"]
        return {k: value for k, value in item.items() if value is not None}

    def _department(self, text: str, errors: list[str]) -> str | None:
        found = self.registry.department(text)
        if found is None:
            like = self.registry.departments.near(text)
            errors.append(
                _(
                    "unknown department '{text}': did you mean '{like}'? (if not, add it to "
                    "jurisdiction.yaml)",
                    text=text,
                    like=like,
                )
                if like
                else _("department '{text}' is not in jurisdiction.yaml", text=text)
            )
        return found

    def _scope(self, text: str, errors: list[str]) -> Any:
        if not text:
            errors.append(_("no 承接乡镇 (scope): write the units, or 全部"))
            return None
        names = v.split_scope(text)
        if names is None:
            return "all"
        ids: list[str] = []
        for name in names:
            if v.means_all(name):  # 全部乡镇、永和乡: not a township called 全部乡镇
                errors.append(
                    _(
                        "{word} in the scope {text} means every unit: write it alone, "
                        "or list the units without it",
                        word=repr(name),
                        text=repr(text),
                    )
                )
                continue
            found = self.registry.unit(name)
            like = self.registry.units.near(name) if found is None else None
            if like is not None:
                errors.append(
                    _(
                        "unknown unit {name}: did you mean {like}? (if not, add it to "
                        "jurisdiction.yaml)",
                        name=repr(name),
                        like=repr(like),
                    )
                )
            elif found is None and self.registry.units.create:
                errors.append(
                    _(
                        "'{name}' is not the name of a town, township or street (镇, 乡, 街道)",
                        name=name,
                    )
                )
            elif found is None:
                errors.append(_("unit '{name}' is not in jurisdiction.yaml", name=name))
            elif found not in ids:
                ids.append(found)
        return ids

    def _check(self, item: dict[str, Any]) -> list[str]:
        if item["id"] in self._ids:
            return [_("事项编码 '{id}' appears in an earlier row", id=item["id"])]
        if normalize_name(item["name"]) in self._names:
            return [_("事项名称 '{name}' appears in an earlier row", name=item["name"])]
        try:
            ITEM_MODELS[self.kind].model_validate(item)
        except ValidationError as exc:
            return [_message(e) for e in exc.errors(include_url=False)]
        return []


def _message(error: Any) -> str:
    where = ".".join(str(p) for p in error["loc"] if "[" not in str(p))
    if error["type"] == "missing":
        return _("no value for {field}", field=where)
    if error["type"] == "extra_forbidden":
        return _("{field}: not a field of this kind of catalog", field=where)
    if current_lang() != "en":  # pydantic's own wording is English only
        return _("{field}: not a valid value", field=where or "-")
    return f"{where}: {error['msg']}" if where else str(error["msg"])


def _registry_text(registry: Registry, title: str) -> str:
    county = county_in(title)
    name = county.name if county else title.split("乡镇", maxsplit=1)[0] or "未命名"
    doc: dict[str, Any] = {
        "dutylist": 1,
        "jurisdiction": {
            "code": county.code if county else "000000",
            "name": name,
            "level": "county",
        },
        "units": _units(registry),
        "departments": _departments(registry),
    }
    note = (
        "# written by dutylist import: ids were made from names (rename them freely, "
        "in the catalogs too)\n"
    )
    if county is None:
        note += "# TODO: jurisdiction.code is a placeholder: write the 6-digit division code\n"
    return note + spaced(emit(doc))


def _units(registry: Registry) -> list[dict[str, Any]]:
    return [
        {"id": u.id, "name": u.name, "type": u.type, **({"code": u.code} if u.code else {})}
        for u in registry.units.created
    ]


def _departments(registry: Registry) -> list[dict[str, Any]]:
    return [{"id": d.id, "name": d.name} for d in registry.departments.created]


def spaced(text: str) -> str:
    """A blank line before each top-level key and between items, as people write them."""
    out: list[str] = []
    section = ""
    for line in text.splitlines(keepends=True):
        top = line[:1] not in (" ", "#", "\n", "")
        if top and out and not line.startswith("dutylist:"):
            out.append("\n")
        if top:
            section = line.split(":", 1)[0]
        elif section == "items" and line.startswith("  - ") and not out[-1].endswith(":\n"):
            out.append("\n")
        out.append(line)
    return "".join(out)


POST_SHEET = "岗位目录"  # the sheet `dutylist export` writes a duties list's posts to


def _post_directory(source: Path, shown: str) -> list[tuple[str, str, bool]]:
    """(name, id, new) of each post on the workbook's 岗位目录 sheet, if it has one: a duties
    list exported by dutylist keeps its post ids and its posts no item names yet."""
    try:
        table = read_sheet(source, shown, POST_SHEET)
    except InputError:
        return []
    rows = table.rows
    head = next((i for i, r in enumerate(rows[:10]) if "岗位名称" in r and "岗位编码" in r), None)
    if head is None:
        return []
    name_at, id_at = rows[head].index("岗位名称"), rows[head].index("岗位编码")
    new_at = rows[head].index("新增岗位") if "新增岗位" in rows[head] else None
    posts = []
    for row in rows[head + 1 :]:
        name = (row[name_at] or "").strip() if name_at < len(row) else ""
        ident = (row[id_at] or "").strip() if id_at < len(row) else ""
        if name and ident and not slug_problem(ident):
            new = new_at is not None and new_at < len(row) and (row[new_at] or "").strip() == "是"
            posts.append((name, ident, new))
    return posts


def _choice_problem(name: str, text: str, table: dict[str, str]) -> str:
    """A cell that is none of a column's words, with the words a county writes there: the
    Chinese ones in Chinese output, the format's values in English."""
    values = sorted(set(table.values()))
    if current_lang() == "zh":
        words = ENUM_LABELS.get(name, {})
        ordered = [v for v in words if v in values] + [v for v in values if v not in words]
        return _(
            "{field} '{text}' is not one of: {choices}",
            field=FIELD.get(name, name),
            text=text,
            choices="、".join(words.get(value, value) for value in ordered),
        )
    return _(
        "{field} '{text}' is not one of: {choices}",
        field=name,
        text=text,
        choices=", ".join(values),
    )


def _hidden_text(cell: dict[str, str | None]) -> list[str]:
    """The id and name cells holding a character that would not show (a control, an
    invisible or a bidi character, pasted in with the text): such a row is left out, as
    validate would refuse the item it made."""
    from dutylist.validate.text import hidden, shown

    return [
        _(
            "{field} {value} holds a character that is not shown as itself: remove it",
            field=field,
            value=shown(text),
        )
        for field in ("id", "name")
        if (text := cell.get(field)) and hidden(text)
    ]
