"""Assessment data (评估, spec section 4): one row per item and unit for a period."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, StrictStr

from dutylist.model.common import Capacity, ItemId, Slug, Strict, Willingness

COLUMNS: dict[str, tuple[str, ...]] = {
    "item": ("item", "事项编码", "编码", "事项代码"),
    "unit": ("unit", "乡镇(街道)", "乡镇", "承接主体", "乡镇街道"),
    "period": ("period", "评估期"),
    "cases": ("cases", "办理量", "办件量"),
    "capacity": ("capacity", "承接能力"),
    "willingness": ("willingness", "承接意愿"),
    "note": ("note", "备注"),
}
REQUIRED = ("item", "unit", "period", "cases", "capacity", "willingness")

CAPACITY_WORDS = {"足": "adequate", "充足": "adequate", "有限": "limited", "无": "none"}
WILLINGNESS_WORDS = {"强": "strong", "中": "moderate", "一般": "moderate", "弱": "weak"}


def _word(table: dict[str, str]) -> BeforeValidator:
    def translate(value: object) -> object:
        if isinstance(value, str):
            text = value.strip()
            return table.get(text, text.lower())
        return value

    return BeforeValidator(translate)


def _cases(value: object) -> object:
    # spreadsheets hand over 12.0 for 12; a fractional count is still an error
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return value


class AssessmentRow(Strict):
    item: ItemId
    unit: Slug
    period: Annotated[StrictStr, Field(min_length=1)]
    cases: Annotated[int, BeforeValidator(_cases), Field(ge=0, strict=True)]
    capacity: Annotated[Capacity, _word(CAPACITY_WORDS)]
    willingness: Annotated[Willingness, _word(WILLINGNESS_WORDS)]
    note: str | None = None
    line: int = Field(0, exclude=True, description="physical line (CSV) or row (xlsx)")
