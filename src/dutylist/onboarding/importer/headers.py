"""Header words of county spreadsheets (spec section 9) and finding the header row."""

from __future__ import annotations

import re
from typing import Any

from dutylist.normalize import fold

IGNORED = "_ignored"

# field -> header words; matching folds width and spaces and drops a bracketed suffix.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "id": ("事项编码", "编码", "事项代码", "基本编码", "代码", "事项编号", "编号", "id"),
    "name": (
        "事项名称",
        "名称",
        "权力名称",
        "职责名称",
        "事项内容",
        "工作事项",
        "证明名称",
        "name",
    ),
    "category": ("事项类型", "事项类别", "权力类型", "权力类别", "类别", "类型", "category"),
    "basis": ("实施依据", "设定依据", "法律依据", "依据", "政策依据", "法定依据", "basis"),
    "department": (
        "实施部门",
        "主管部门",
        "实施主体",
        "责任部门",
        "部门",
        "业务主管部门",
        "行业主管部门",
        "department",
    ),
    "method": ("赋权方式", "下放方式", "method"),
    "scope": ("承接乡镇", "承接主体", "赋权范围", "实施范围", "承接单位", "适用乡镇", "scope"),
    "notes": ("备注", "说明", "notes"),
    "role": ("履职方式", "履职类别", "履职类型", "履职情形", "role"),
    "lead": ("牵头部门", "主体责任部门", "主责部门", "lead"),
    "cooperating": ("协同部门", "配合部门", "配合责任部门", "配合单位", "cooperating"),
    "grid": ("网格承担", "纳入网格", "网格事项", "grid"),
    "source": ("来源事项编码", "属地事项编码", "对应事项编码", "source"),
    "post": ("岗位", "承接岗位", "责任岗位", "post"),
    "handling": ("办理方式", "办理类型", "办理情形", "handling"),
    "status": ("状态", "处理意见", "清理意见", "保留或取消", "status"),
    "alternative": ("替代方式", "取消后办理方式", "核查方式", "替代措施", "alternative"),
    "technical": ("技术要求", "专业技术要求", "technical"),
    "replaces": ("原事项编码", "原编码", "replaces"),
    "tags": ("标签", "tags"),
    "guide": ("指导事项编码", "指导目录编码", "guide"),
    IGNORED: ("序号", "序", "no", "no."),
}

_SUFFIX = re.compile(r"\([^()]*\)$")
_WORDS: dict[str, str] = {
    fold(word).casefold(): field for field, words in HEADER_WORDS.items() for word in words
}


def header_key(cell: Any) -> str:
    """The comparison form of a header cell: folded, without a bracketed suffix or marks."""
    text = fold(str(cell)).casefold().strip("*:：")
    return _SUFFIX.sub("", text) or text


def header_field(cell: Any) -> str | None:
    """The field a header cell names, IGNORED for 序号, None when unknown."""
    if cell is None or not str(cell).strip():
        return None
    return _WORDS.get(header_key(cell))


def find_header(rows: list[list[Any]], limit: int = 10) -> int | None:
    """Index of the first of the first `limit` rows with at least two known header words."""
    for index, cells in enumerate(rows[:limit]):
        if sum(1 for c in cells if header_field(c) not in (None, IGNORED)) >= 2:
            return index
    return None


def columns(cells: list[Any]) -> dict[str, int]:
    """field -> column index of a header row (the first column wins for a field)."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = header_field(cell)
        if name is not None and name != IGNORED:
            found.setdefault(name, index)
    return found
