"""The message catalog: every message marked in the code has its Chinese form."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from dutylist.i18n import LOCALE_DIR, _, parse_po, set_lang

SRC = Path(__file__).resolve().parents[1] / "src" / "dutylist"
CJK = re.compile(r"[\u4e00-\u9fff]")


def marked_messages() -> dict[str, str]:
    """msgid -> where it is marked, for every `_("...")` and `N_("...")` call in src/."""
    found: dict[str, str] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.setdefault(node.args[0].value, f"{path.relative_to(SRC)}:{node.lineno}")
    return found


def catalog() -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted(LOCALE_DIR.glob("*.po")):
        merged.update(parse_po(path.read_text(encoding="utf-8")))
    return merged


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_marked_message_has_a_chinese_form() -> None:
    known = catalog()
    missing = [
        f"{where}: {msgid!r}" for msgid, where in marked_messages().items() if msgid not in known
    ]
    assert not missing, "messages without a Chinese form:\n" + "\n".join(missing)


def counts(names: set[str]) -> set[str]:
    # an English count that agrees in number (`{items_en}`: `1 item`, `2 items`) is the
    # Chinese sentence's bare number (`{items}个事项`)
    return {name.removesuffix("_en") for name in names}


def test_translations_keep_the_fields_and_are_chinese() -> None:
    for msgid, msgstr in catalog().items():
        assert counts(fields(msgid)) == counts(fields(msgstr)), msgid
        assert CJK.search(msgstr), f"not Chinese: {msgstr!r}"


def test_parse_po_reads_continuations_escapes_and_skips_fuzzy() -> None:
    text = (
        'msgid ""\nmsgstr "header"\n\n'
        'msgid "a"\n"b\\n"\nmsgstr "甲"\n"乙\\"丙\\""\n\n'
        '#, fuzzy\nmsgid "c"\nmsgstr "丁"\n\n'
        'msgid "d"\nmsgstr ""\n'
    )
    assert parse_po(text) == {"ab\n": '甲乙"丙"'}


@pytest.mark.parametrize(
    ("lang", "expected"), [("zh", "dutylist: 错误：x"), ("en", "dutylist: error: x")]
)
def test_gettext_follows_the_current_language(lang: str, expected: str) -> None:
    set_lang("zh" if lang == "zh" else "en")
    try:
        assert _("dutylist: error: {message}", message="x") == expected
    finally:
        set_lang("en")


@pytest.mark.parametrize(
    ("jurisdiction", "heading"),
    [
        ("景洪市", "市级部门"),
        ("凤冈县", "县级部门"),
        ("盐湖区", "区级部门"),
        ("西双版纳傣族自治州", "州级部门"),
        ("某某自治旗", "旗级部门"),
        ("开发区管委会", "本级部门"),
        ("", "本级部门"),
    ],
)
def test_departments_are_named_after_the_jurisdiction(jurisdiction: str, heading: str) -> None:
    from dutylist.i18n import departments_heading

    assert departments_heading(jurisdiction, "zh") == heading
    assert departments_heading(jurisdiction, "en") == "county departments"


_USER_ERRORS = {"UserError", "InputError", "GitError", "OutputError"}


def _english_words(node: ast.expr) -> bool:
    """A literal or f-string whose own text holds a word (an English sentence, then)."""
    parts = [node] if isinstance(node, ast.Constant) else getattr(node, "values", [])
    return any(
        isinstance(p, ast.Constant)
        and isinstance(p.value, str)
        and re.search("[A-Za-z]{2}", p.value)
        for p in parts
    )


def test_every_user_error_speaks_the_output_language() -> None:
    """A message a user reads (`dutylist: 错误：…`) goes through `_()`: an English literal
    or f-string given straight to a user-facing error stays English in Chinese output."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in _USER_ERRORS and _english_words(node.args[0]):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}")
    assert found == []


def test_every_rule_an_audit_reports_has_a_chinese_name() -> None:
    from dutylist.audit.rules import RULE_NAMES
    from dutylist.checks import CHECKS_ZH
    from dutylist.i18n import AUDIT_RULE
    from dutylist.laws.checks import BASIS_CHECKS

    assert sorted(RULE_NAMES | set(BASIS_CHECKS)) == sorted(AUDIT_RULE)
    for name in BASIS_CHECKS:  # named as validate names them
        assert AUDIT_RULE[name] == CHECKS_ZH[name][0]
