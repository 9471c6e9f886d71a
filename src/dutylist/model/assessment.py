"""Assessment data (评估, spec section 4): one row per item and unit for a period.

The table is read column by column (`dutylist.catalog.assessment`), not into a model per
row: these are its columns and the words of its two enumerated ones."""

from __future__ import annotations

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

CAPACITIES = ("adequate", "limited", "none")
WILLINGNESSES = ("strong", "moderate", "weak")
CAPACITY_WORDS = {"足": "adequate", "充足": "adequate", "有限": "limited", "无": "none"}
WILLINGNESS_WORDS = {"强": "strong", "中": "moderate", "一般": "moderate", "弱": "weak"}
