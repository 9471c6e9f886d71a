"""`dutylist export`: a catalog as the spreadsheet counties publish, one row per item,
with Chinese headers that `dutylist import` reads back.

`public` leaves out what is internal to the government (notes, support, admission):
the 公开版 published on the county's website.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dutylist.catalog.load import LoadedCatalog, display_path
from dutylist.catalog.workspace import load_path
from dutylist.errors import InputError, not_found
from dutylist.i18n import CATEGORY, HANDLING, METHOD, N_, ROLE, STATUS, _
from dutylist.model.catalog import guide_ids
from dutylist.model.registry import JurisdictionFile
from dutylist.report.excel import SONG, display_width, print_setup, safe_workbook
from dutylist.validate.core import require_valid

Getter = Callable[[Any], str]
TECHNICAL = {"low": "低", "medium": "中", "high": "高"}
ALL_UNITS = "全部"
UNIT_WORD = "乡镇（街道）"
PRINT_WIDTH = 30  # characters: a longer text wraps in its column
PORTRAIT_WIDTH = 100  # columns (in characters) that still print legibly upright on A4
HEADER_ROW = 2  # below the title and the version rows


def export_catalog(path: Path, *, public: bool = False) -> bytes:
    """The .xlsx bytes of the catalog file at `path`."""
    if not path.is_file() and not path.is_dir():
        raise not_found(path, display_path(path), file_only=True)
    if not path.is_file():
        raise InputError(
            _("{path}: give one catalog file (.yaml), not a folder", path=display_path(path))
        )
    juris = load_path(path, hint=N_("{problem}; export takes one catalog file (.yaml)"))
    require_valid(juris)
    if not juris.catalogs:  # not_a_catalog has said why for every file it knows
        raise InputError(_("{path}: no catalog in it", path=display_path(path)))
    catalog = juris.catalogs[0]
    registry = juris.registry.model if juris.registry else None
    posts = {p.id: p.name for p in catalog.model.posts}
    columns = _columns(catalog.kind, registry, public, posts)
    if any(guide_ids(item) for item in catalog.model.items):  # 指导目录 adopted: round-trips
        columns.insert(len(columns) - 2, ("指导事项编码", lambda i: "、".join(guide_ids(i))))
    rows = [[get(item) for _, get in columns] for item in catalog.model.items]
    # a duties list is published with its post directory (权责清单和岗位目录), posts
    # that no item names yet among them
    directory = [[p.name, p.id, "是" if p.new else ""] for p in catalog.model.posts]
    unit = catalog.model.catalog.unit
    names = {u.id: u.name for u in registry.units} if registry else {}
    owner = names.get(unit, unit) if unit else ""
    return _workbook(_titles(catalog), [h for h, _ in columns], rows, (owner, directory))


def _titles(catalog: LoadedCatalog) -> tuple[str, str]:
    header = catalog.model.catalog
    when = f"    生效日期：{header.effective}" if header.effective else ""
    return header.title, f"版本：{header.version}{when}"


def _columns(
    kind: str, registry: JurisdictionFile | None, public: bool, posts: dict[str, str]
) -> list[tuple[str, Getter]]:
    departments = {d.id: d.name for d in registry.departments} if registry else {}
    units = {u.id: u.name for u in registry.units} if registry else {}

    def dept(value: str) -> str:
        return departments.get(value, value)

    def names(values: list[str], table: dict[str, str]) -> str:
        return "、".join(table.get(v, v) for v in values)

    cols: list[tuple[str, Getter]] = [
        ("事项编码", lambda i: i.id),
        ("事项名称", lambda i: i.name),
        ("事项类型", lambda i: CATEGORY[i.category]),
        ("实施依据", lambda i: "\n".join(i.basis)),
        ("实施部门", lambda i: dept(i.department)),
    ]
    by_kind: dict[str, list[tuple[str, Getter]]] = {
        "empowerment": [
            ("赋权方式", lambda i: METHOD.get(i.method, "") if i.method else ""),
            (
                "承接乡镇（街道）",
                lambda i: ALL_UNITS if i.scope == "all" else names(i.scope, units),
            ),
        ],
        "territorial": [
            ("牵头部门", lambda i: dept(i.lead)),
            (
                "协同部门",
                lambda i: "、".join(UNIT_WORD if c == "unit" else dept(c) for c in i.cooperating),
            ),
            ("网格承担", lambda i: "是" if i.grid else "否"),
        ],
        "grid": [("来源事项编码", lambda i: i.source)],
        "duties": [
            ("履职方式", lambda i: ROLE[i.role]),
            ("岗位", lambda i: posts.get(i.post, i.post) if i.post else ""),
        ],
        "village-affairs": [("办理方式", lambda i: HANDLING[i.handling])],
        "certificates": [
            ("状态", lambda i: STATUS[i.status]),
            ("替代方式", lambda i: i.alternative or ""),
        ],
        "guide": [("所属类别", lambda i: i.group or "")],
    }
    cols += by_kind[kind]
    cols += [
        ("技术要求", lambda i: TECHNICAL.get(i.technical, "") if i.technical else ""),
        ("原事项编码", lambda i: "、".join(i.replaces)),
        ("标签", lambda i: "、".join(i.tags)),
    ]
    if not public:
        cols += [
            ("业务培训", lambda i: str(i.support.training or "") if i.support else ""),
            ("经费保障", lambda i: _yes_no(i.support.funding) if i.support else ""),
            ("办事指南", lambda i: (i.support.guidance or "") if i.support else ""),
            ("准入", lambda i: _admission(i.admission)),
            ("备注", lambda i: i.notes or ""),
        ]
    return cols


def _yes_no(value: bool | None) -> str:
    return "" if value is None else "是" if value else "否"


def _admission(record: Any) -> str:
    if record is None:
        return ""
    parts = (
        ("批准", record.approved_by),
        ("批准日期", record.approved_on),
        ("协助内容", record.content),
        ("期限", record.term),
        ("经费", record.funding),
    )
    return "；".join(f"{label}：{value}" for label, value in parts if value not in (None, ""))


def _workbook(
    titles: tuple[str, str],
    headers: list[str],
    rows: list[list[str]],
    directory: tuple[str, list[list[str]]] | None = None,
) -> bytes:
    """The published table: the title on page 1, header row on every page, one page wide
    (landscape when wide), long texts wrapped in columns of readable width; a duties list's
    post directory on a sheet of its own, printed alike."""
    buffer = io.BytesIO()
    book = safe_workbook(buffer)
    _sheet(book, "清单", titles, headers, rows)
    if directory and directory[1]:
        owner, posts = directory
        heading = (f"{owner}岗位目录", titles[1])
        _sheet(book, "岗位目录", heading, ["岗位名称", "岗位编码", "新增岗位"], posts)
    book.close()
    return buffer.getvalue()


def _sheet(
    book: Any, name: str, titles: tuple[str, str], headers: list[str], rows: list[list[str]]
) -> None:
    sheet = book.add_worksheet(name)
    title_fmt = book.add_format({**SONG, "bold": True, "font_size": 16, "align": "center"})
    head_fmt = book.add_format(
        {
            **SONG,
            "bold": True,
            "border": 1,
            "align": "center",
            "valign": "vcenter",
            "text_wrap": True,
        }
    )
    cell_fmt = book.add_format({**SONG, "border": 1, "valign": "top", "text_wrap": True})
    sheet.merge_range(0, 0, 0, len(headers), titles[0], title_fmt)
    sheet.set_row(0, 30)
    sheet.merge_range(1, 0, 1, len(headers), titles[1], book.add_format({**SONG, "align": "right"}))
    widths = [4] + [display_width(h) for h in headers]
    sheet.write_string(HEADER_ROW, 0, "序号", head_fmt)
    for col, header in enumerate(headers, start=1):
        sheet.write_string(HEADER_ROW, col, header, head_fmt)
    for r, row in enumerate(rows, start=HEADER_ROW + 1):
        sheet.write_number(r, 0, r - HEADER_ROW, cell_fmt)
        for col, value in enumerate(row, start=1):
            sheet.write_string(r, col, value, cell_fmt)
            widths[col] = max(widths[col], display_width(value))
    fitted = [min(width, PRINT_WIDTH) + 2 for width in widths]
    for col, width in enumerate(fitted):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(HEADER_ROW + 1, 0)
    print_setup(sheet, repeat=(HEADER_ROW, HEADER_ROW), landscape=sum(fitted) > PORTRAIT_WIDTH)
