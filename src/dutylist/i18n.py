"""Language of human-facing output, and the translation of its messages.

The language is --lang, then DUTYLIST_LANG, then the locale (spec section 8). Messages are
written in English in the code, marked with `_()` (translated where the text is made) or
`N_()` (marked only: a table built at import time, translated with `_()` where it is
shown), and translated from the gettext catalogs in `locale/zh_CN/*.po`: the standard form
a translator's tools (Poedit, Weblate, msgmerge) read, one file per area of the tool.
`tests/test_i18n.py` fails when a marked message has no Chinese form.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import Any, Literal

Lang = Literal["zh", "en"]

LOCALE_DIR = Path(__file__).resolve().parent / "locale" / "zh_CN"
_state: dict[str, Lang] = {"lang": "en"}


def resolve_lang(option: str | None = None) -> Lang:
    for value in (option, os.environ.get("DUTYLIST_LANG")):
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_lang(lang: Lang) -> None:
    """Set the language `_()` translates into (the CLI does, once it knows)."""
    _state["lang"] = lang


def current_lang() -> Lang:
    return _state["lang"]


def _(msgid: str, /, **fields: Any) -> str:
    """`msgid` in the current language, its `{name}` fields filled from `fields`."""
    text = _catalog().get(msgid, msgid) if _state["lang"] == "zh" else msgid
    return text.format(**fields) if fields else text


def N_(msgid: str, /) -> str:
    """Mark a message for the catalog without translating it yet."""
    return msgid


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`1 case`, `2 cases`: English count and noun agreeing in number (for an English
    field beside a Chinese sentence's bare number: `{items_en}` and `{items}个事项`)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def translate(msgid: str, lang: Lang) -> str:
    """`msgid` in `lang`, whatever the current language."""
    return _catalog().get(msgid, msgid) if lang == "zh" else msgid


@functools.cache
def _catalog() -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted(LOCALE_DIR.glob("*.po")):
        merged.update(parse_po(path.read_text(encoding="utf-8")))
    return merged


def parse_po(text: str) -> dict[str, str]:
    """msgid -> msgstr of a .po file (untranslated and fuzzy entries left out)."""
    entries: dict[str, str] = {}
    msgid: list[str] | None = None
    msgstr: list[str] | None = None
    current: list[str] | None = None
    fuzzy = False

    def flush() -> None:
        if msgid is not None and msgstr is not None:
            key, value = "".join(msgid), "".join(msgstr)
            if key and value and not fuzzy:
                entries[key] = value

    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("#,") and "fuzzy" in line:
            flush()
            msgid = msgstr = current = None
            fuzzy = True
        elif line.startswith("msgid "):
            if msgstr is not None:
                flush()
                fuzzy = False
            msgid, msgstr = [_po_string(line[6:])], None
            current = msgid
        elif line.startswith("msgstr "):
            msgstr = [_po_string(line[7:])]
            current = msgstr
        elif line.startswith('"') and current is not None:
            current.append(_po_string(line))
        elif not line:
            flush()
            msgid = msgstr = current = None
            fuzzy = False
    flush()
    return entries


def _po_string(quoted: str) -> str:
    body = quoted.strip()
    if len(body) < 2 or body[0] != '"' or body[-1] != '"':
        raise ValueError(f"not a quoted .po string: {quoted!r}")
    out: list[str] = []
    chars = iter(body[1:-1])
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    for char in chars:
        if char == "\\":
            nxt = next(chars, "")
            out.append(escapes.get(nxt, nxt))
        else:
            out.append(char)
    return "".join(out)


CATEGORY = {
    "licensing": "行政许可",
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "levy": "行政征收",
    "expropriation": "行政征用",
    "payment": "行政给付",
    "inspection": "行政检查",
    "confirmation": "行政确认",
    "reward": "行政奖励",
    "adjudication": "行政裁决",
    "other-power": "其他行政权力",
    "public-service": "公共服务",
    "other": "其他",
}
KIND = {
    "empowerment": "赋权事项清单",
    "territorial": "属地管理事项清单",
    "grid": "网格服务管理事项清单",
    "village-affairs": "村级组织工作事务清单",
    "certificates": "村级证明事项清单",
    "duties": "履职清单",
    "guide": "指导目录",
}
ROLE = {"basic": "基本履职", "cooperating": "配合履职", "reclaimed": "上级部门收回"}
HANDLING = {"perform": "可办理", "assist": "协助办理", "excluded": "不可办理"}
STATUS = {"retained": "保留", "abolished": "取消"}
METHOD = {"devolve": "下放", "entrust": "委托"}
SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}

# Change classes of spec section 5, in the order the spec gives (the order of every table).
CHANGE_CLASSES: dict[str, tuple[str, str]] = {
    "added": ("新增", "Added"),
    "revoked": ("收回", "Revoked"),
    "removed": ("取消", "Removed"),
    "differentiated": ("差异化", "Differentiated"),
    "unified": ("统一赋权", "Unified"),
    "rescoped": ("范围调整", "Rescoped"),
    "reclassified": ("类别调整", "Reclassified"),
    "transferred": ("转隶", "Transferred"),
    "merged": ("合并", "Merged"),
    "split": ("拆分", "Split"),
    "recoded": ("重新编码", "Recoded"),
    "renamed": ("更名", "Renamed"),
    "amended": ("修改", "Amended"),
    "unchanged": ("未变", "Unchanged"),
}


def class_label(name: str, lang: Lang) -> str:
    zh, en = CHANGE_CLASSES[name]
    return zh if lang == "zh" else en


def label(table: dict[str, str], value: str, lang: Lang) -> str:
    """The Chinese label of an enum value in Chinese output, the value itself otherwise."""
    return table.get(value, value) if lang == "zh" else value


# A jurisdiction's own departments are named after its kind: 景洪市 has 市级部门, 凤冈县
# 县级部门, 盐湖区 区级部门, 西双版纳傣族自治州 州级部门.
_SEAT = "县市区州旗盟省"


def departments_heading(jurisdiction: str, lang: Lang) -> str:
    """What a jurisdiction's departments are called in its lists (县级部门, 市级部门 …)."""
    if lang != "zh":
        return "county departments"
    tail = jurisdiction.strip()[-1:]
    return f"{tail}级部门" if tail and tail in _SEAT else "本级部门"


# Item fields as the diff reports name them (labels only; the keys are the format's).
FIELD: dict[str, str] = {
    "name": "名称",
    "category": "事项类型",
    "department": "实施部门",
    "basis": "实施依据",
    "scope": "赋权范围",
    "method": "赋权方式",
    "role": "履职类型",
    "lead": "牵头部门",
    "cooperating": "协同部门",
    "grid": "网格承接",
    "source": "来源事项",
    "post": "岗位",
    "handling": "办理方式",
    "status": "状态",
    "alternative": "替代方式",
    "technical": "技术要求",
    "support": "支撑保障",
    "admission": "准入",
    "replaces": "替代事项",
    "tags": "标签",
    "notes": "备注",
    "training": "业务培训",
    "funding": "经费保障",
    "guidance": "办事指南",
    "approved_by": "批准机关",
    "approved_on": "批准日期",
    "content": "协助内容",
    "term": "期限",
}
TECHNICAL = {"low": "低", "medium": "中", "high": "高"}

# The fields whose values are words of the format, with their Chinese labels.
ENUM_LABELS: dict[str, dict[str, str]] = {
    "category": CATEGORY,
    "role": ROLE,
    "handling": HANDLING,
    "status": STATUS,
    "method": METHOD,
    "technical": TECHNICAL,
}

# `unit` among a territorial item's cooperating departments (协同部门): the township
# itself, which bears the 配合责任 (spec section 3); the diff reports name it so.
COOPERATING_UNIT = {"zh": "属地乡镇(街道)", "en": "unit"}


def change_value(field_name: str, value: str, lang: Lang) -> str:
    """A changed field's value, as the statistics write it (ids made names, lists joined
    by 、), in the words of the output: enum values by their labels, `scope: all` as every
    unit, the word `unit` of `cooperating` as the township."""
    if field_name == "scope" and value == "all":
        return "全部乡镇(街道)" if lang == "zh" else "all units"
    if field_name == "cooperating":
        parts = value.split("、")
        return "、".join(COOPERATING_UNIT[lang] if part == "unit" else part for part in parts)
    table = ENUM_LABELS.get(field_name)
    return label(table, value, lang) if table is not None else value


# Audit rules and suggestions (spec section 6), for human-facing audit output.
AUDIT_RULE = {
    "one-size-fits-all": "一刀切",
    "return-candidate": "动态退出",
    "zero-uptake": "零办件（空转）",
    "missing-admission": "准入不全",
    "missing-support": "配套保障缺失",
    "similar-items": "同类项",
    "reclaimed-still-devolved": "已收回仍赋权",
    "grid-link": "两单联动",
    "empty-post": "空岗位",
    "abolished-without-alternative": "取消证明无替代",
    "basis-revised-since": "依据已修订",
    "basis-unknown-law": "依据未登记",
    "basis-uncited": "依据未引法规",
    # the laws.yaml checks of validate, which audit reports beside its rules
    "basis-repealed": "依据已废止",
    "basis-not-yet-in-force": "依据尚未施行",
    "basis-article-out-of-range": "条款超出范围",
}
SUGGESTION = {"differentiate": "差异化赋权", "revoke": "收回", "merge": "合并", "fix": "修正"}
