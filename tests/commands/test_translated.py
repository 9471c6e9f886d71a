"""--help and usage errors in Chinese: every command, every option, at 80 columns."""

from __future__ import annotations

import inspect
import re
import unicodedata
from typing import Any

import pytest
import typer
from tests.conftest import RunCli
from tests.test_zh_output import english_runs

from dutylist.cli import app
from dutylist.commands.translated import _wrap, translate_usage_error
from dutylist.i18n import _catalog, set_lang

ROOT_COMMAND = typer.main.get_command(app)
NAMES = sorted(getattr(ROOT_COMMAND, "commands", {}))


def _help_texts(command: Any) -> list[str]:
    texts = [command.help, *(p.help for p in command.params)]
    for sub in getattr(command, "commands", {}).values():
        texts += _help_texts(sub)
    return [inspect.cleandoc(t) for t in texts if t]


def _columns(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in line)


def test_every_help_text_has_its_chinese_form() -> None:
    known = _catalog()
    missing = [text for text in _help_texts(ROOT_COMMAND) if text not in known]
    assert not missing, "help texts without a Chinese form (add them to help.po):\n" + "\n".join(
        missing
    )


@pytest.mark.parametrize("name", NAMES)
def test_help_of_each_command_is_chinese_and_fits_80_columns(
    name: str, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli(name, "--help", "--lang", "zh")
    assert result.exit_code == 0
    assert result.stdout.startswith("用法：dutylist " + name)
    assert "选项：" in result.stdout and "显示本帮助并退出。" in result.stdout
    assert not english_runs(result.stdout), english_runs(result.stdout)
    assert max(map(_columns, result.stdout.splitlines())) <= 80


PLACEHOLDER = re.compile(
    r"\[OPTIONS\]|COMMAND \[ARGS\]|<str>|<path>|<list\[|\b(?:RATIO|DEPT|CLASS)\b|\{OLD\}"
)
NO_START = "，。、；：？！）》」』】〉”’"


@pytest.mark.parametrize("name", ["", *NAMES])
def test_chinese_help_names_its_placeholders_in_chinese_and_keeps_its_columns(
    name: str, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    page = run_cli(*([name] if name else []), "--help", "--lang", "zh").stdout
    assert not PLACEHOLDER.search(page), PLACEHOLDER.findall(page)
    assert "[选项]" in page.splitlines()[0]
    lines = page.splitlines()
    assert not [line for line in lines if line.strip()[:1] in tuple(NO_START)]
    # each section's descriptions start at one display column, their continuations too
    for section in page.split("\n\n"):
        starts = {
            _columns(line[: m.start(2)])
            for line in section.splitlines()
            if (m := re.match(r"(  \S.*?\s{2,})(\S)", line))
            and not line.startswith("  -f, --format <")
        }
        rows = [line for line in section.splitlines() if line.startswith("  ")]
        if len(starts) > 1:  # a wide left column pushes its own row's text only
            assert len(starts) <= 3, (section, starts)
        for line in rows:
            if line.startswith(" " * 4) and starts:
                assert _columns(line) - _columns(line.lstrip()) in starts | {2, 4}, line


def test_english_help_keeps_click_placeholders(run_cli: RunCli) -> None:
    page = run_cli("diff", "--help").stdout
    assert "[OPTIONS]" in page and "RATIO" in page


def test_the_root_help_follows_the_environment(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUTYLIST_LANG", "zh")
    result = run_cli("--help")
    assert result.exit_code == 0
    assert "命令：" in result.stdout and "校验、比较和审查" in result.stdout
    assert not english_runs(result.stdout)


def test_english_help_is_left_as_typer_writes_it(run_cli: RunCli) -> None:
    result = run_cli("validate", "--help")
    assert result.stdout.startswith("Usage: dutylist validate")
    assert "Show this message and exit." in result.stdout


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("No such option: --bogus", "没有这个选项：--bogus"),
        ("Missing argument 'NEW'.", "缺少参数 '新版本'。"),
        ("Missing option '-o' / '--output'.", "缺少选项 '-o' / '--output'。"),
        (
            "Invalid value for '--format' / '-f': 'x' is not one of 'text', 'json'.",
            "'--format' / '-f' 的值无效：'x' 不在 'text', 'json' 之中。",
        ),
        ("something click says that we do not know", "something click says that we do not know"),
    ],
)
def test_usage_errors_are_translated_by_their_pattern(message: str, expected: str) -> None:
    set_lang("zh")
    try:
        assert translate_usage_error(message) == expected
    finally:
        set_lang("en")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Invalid value for '--format' / '-f': 'sarif' is not one of"),
        ("zh", "'--format' / '-f' 的值无效：'sarif' 不在"),
    ],
)
def test_a_bad_choice_is_said_without_pydantics_words(
    run_cli: RunCli, lang: str, expected: str
) -> None:
    """typer reads some choices through pydantic, which starts its reason with
    "Value error, "; the user reads only the reason, in the output language."""
    result = run_cli("validate", "--format", "sarif", "--lang", lang)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Value error" not in result.stderr


def test_wrapping_counts_a_chinese_character_as_two_columns() -> None:
    line = "  --only CLASS                    " + "只显示这些调整类别" * 5
    parts = _wrap(line, 80)
    assert len(parts) == 2
    assert all(_columns(p) <= 80 for p in parts)
    assert all(p.startswith(" " * 34) and p[34] != " " for p in parts[1:])
    assert "".join(p.strip() for p in parts[1:]) == line[len(parts[0]) :].strip()
    assert _wrap("short", 60) == ["short"]


def test_a_command_row_of_the_listing_continues_under_its_description() -> None:
    line = "  conform   " + "各清单采用了指导目录的哪些事项、另增了哪些事项" * 2
    parts = _wrap(line, 80)
    assert len(parts) == 2
    assert all(_columns(p) <= 80 for p in parts)
    assert parts[1].startswith(" " * 12) and parts[1][12] != " "
