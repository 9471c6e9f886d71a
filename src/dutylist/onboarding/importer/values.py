"""Cell values to the words of the format: categories, methods, roles, scopes, bases."""

from __future__ import annotations

import re
from functools import lru_cache

from dutylist.i18n import CATEGORY, HANDLING, METHOD, ROLE, STATUS
from dutylist.normalize import fold

_SUFFIX = re.compile(r"\([^()]*\)$")
ALL_WORDS = frozenset(
    {
        "全部",
        "全域",
        "各乡镇",
        "所有乡镇",
        "全部乡镇",
        "各乡镇街道",
        "全部乡镇街道",
        "全市",
        "全县",
        "全区",
        "all",
    }
)
UNIT_WORDS = frozenset({"乡镇", "乡镇(街道)", "乡镇街道", "属地乡镇", "乡镇人民政府", "街道办事处"})
_SCOPE_SPLIT = re.compile(r"[、，,；;\s]+")
_BASIS_SPLIT = re.compile(r"[\n；;]+")


@lru_cache(maxsize=50_000)  # cells repeat: 委托, 行政处罚, the same townships
def key(text: str) -> str:
    """Folded, case-insensitive, without a bracketed suffix: 行政检查（监督检查） -> 行政检查."""
    folded = fold(text).casefold()
    return _SUFFIX.sub("", folded) or folded


def _table(labels: dict[str, str], *extra: tuple[str, str]) -> dict[str, str]:
    table = {key(zh): value for value, zh in labels.items()}
    table.update({key(value): value for value in labels})
    table.update({key(word): value for word, value in extra})
    return table


CATEGORIES = _table(
    CATEGORY,
    ("许可", "licensing"),
    ("处罚", "penalty"),
    ("强制", "coercion"),
    ("征收", "levy"),
    ("征用", "expropriation"),
    ("给付", "payment"),
    ("检查", "inspection"),
    ("确认", "confirmation"),
    ("奖励", "reward"),
    ("裁决", "adjudication"),
    ("其他权力", "other-power"),
    ("其他职权", "other-power"),
    ("行政备案", "other-power"),
)
METHODS = _table(METHOD)
ROLES = _table(ROLE, ("基本", "basic"), ("配合", "cooperating"), ("收回", "reclaimed"))
HANDLINGS = _table(
    HANDLING,
    ("办理", "perform"),
    ("协助", "assist"),
    ("不予办理", "excluded"),
    ("不办理", "excluded"),
)
STATUSES = _table(STATUS)
TECHNICAL = _table({"low": "低", "medium": "中", "high": "高"}, ("一般", "medium"))
_TRUE = frozenset({"是", "√", "✓", "y", "yes", "true", "1"})
_FALSE = frozenset({"否", "×", "n", "no", "false", "0"})


def lookup(table: dict[str, str], text: str) -> str | None:
    return table.get(key(text))


def flag(text: str) -> bool | None:
    """是/否 (and yes/no, √/×) as a boolean; None when the cell says neither."""
    word = key(text)
    return True if word in _TRUE else False if word in _FALSE else None


@lru_cache(maxsize=50_000)
def means_all(text: str) -> bool:
    """Whether a scope cell (or one part of it) says every unit: 全部, 全部乡镇..."""
    return key(text) in ALL_WORDS or fold(text) in ALL_WORDS


def split_scope(text: str) -> list[str] | None:
    """Unit names or ids of a scope cell; None when it means every unit (全部...)."""
    if means_all(text):
        return None
    return [part for part in _SCOPE_SPLIT.split(text.strip()) if part]


def split_list(text: str) -> list[str]:
    """A list cell (cooperating departments, tags, replaced ids)."""
    return [part for part in _SCOPE_SPLIT.split(text.strip()) if part]


def split_basis(text: str) -> list[str]:
    """One basis per line or per ；; item: 《公路法》第八条；《条例》第三十四条."""
    return [part.strip() for part in _BASIS_SPLIT.split(text) if part.strip()]
