"""The entry point builds only the command it runs, and answers as the whole app."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from dutylist import cli
from dutylist.commands.lazy import LazyCommands, lazy_group

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "catalogs"
FILE = FIXTURES / "valid" / "minimal"
BAD = FIXTURES / "invalid" / "empowerment"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CATALOGS = EXAMPLES.parent / "catalogs"
# the first rows run on cli.main's quick path (no typer), the rest through the app (as
# do the audit rows with an option the quick path leaves to it)
ARGS = [
    ["validate", "--no-cache", str(FILE / "empowerment.yaml")],
    ["validate", "--no-cache", str(FILE / "empowerment.yaml"), str(FILE / "jurisdiction.yaml")],
    ["validate", "--no-cache", str(BAD)],
    ["validate", "--no-cache", str(FILE / "missing.yaml")],
    ["validate", "--no-cache", str(FILE / "jurisdiction.yaml"), "--no-cache"],
    ["validate", "--no-cache"],
    ["diff", str(EXAMPLES / "jinghong-2023"), str(EXAMPLES / "jinghong-2024")],
    ["diff", str(FILE / "empowerment.yaml"), str(FILE / "empowerment.yaml")],
    ["diff", str(FILE / "empowerment.yaml"), "no-such-rev:empowerment.yaml"],
    ["diff", str(FILE / "empowerment.yaml"), ""],
    ["diff", str(FILE / "empowerment.yaml")],
    ["audit", str(FILE)],
    ["audit", str(EXAMPLES / "jinghong-2024"), "--fail-on", "none", "--format", "json"],
    ["audit", "-f", "markdown", "--fail-on", "info", str(EXAMPLES / "jinghong-2024")],
    ["audit", str(FILE / "empowerment.yaml"), "--format", "github"],
    ["audit", str(CATALOGS / "jinghong"), "--format", "json"],
    ["audit", "--fail-on", "warning", str(CATALOGS / "jinghong")],
    ["audit", str(FILE / "missing")],
    ["audit"],
    ["audit", str(FILE), "--format", "xlsx"],
    ["audit", str(FILE), "--fail-on", "nope"],
    ["audit", str(FILE), "--fail-on", "none", "--fail-on", "error"],
    ["audit", str(FILE), "--format"],
    ["audit", str(FILE), str(FILE)],
    ["validate", "--format", "nope", str(FILE)],
    ["diff", "--help"],
    ["validat", str(FILE)],
    ["--version"],
    ["--debug", "validate", "--no-cache", str(FILE / "empowerment.yaml")],
    ["--help"],
    [],
    ["--lang", "zh", "--help"],
    ["--lang", "zh", "validate", "--help"],
    ["--lang", "zh", "validate", "--no-cache", str(FILE / "missing.yaml")],
    ["--lang", "en", "validate", "--no-cache", str(FILE), "--lang", "zh"],
    ["--lang", "fr", "validate", str(FILE)],
    ["--nope"],
]


def run(
    entry: object,
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> tuple[object, str, str]:
    monkeypatch.setattr("sys.argv", ["dutylist", *args])
    with pytest.raises(SystemExit) as exit:
        entry()  # type: ignore[operator]
    out = capsys.readouterr()
    return exit.value.code, out.out, out.err


@pytest.mark.parametrize("columns", ["80", "120"])
@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("args", ARGS, ids=" ".join)
def test_main_answers_as_the_whole_app(
    args: list[str],
    lang: str,
    columns: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DUTYLIST_LANG", lang)
    monkeypatch.setenv("COLUMNS", columns)
    monkeypatch.setenv("DUTYLIST_CACHE_DIR", "")
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")  # main() would set it for good
    monkeypatch.chdir(FIXTURES)  # no catalogs/ folder here
    assert run(cli.main, args, monkeypatch, capsys) == run(cli.app, args, monkeypatch, capsys)


def test_only_the_commands_run_are_built() -> None:
    group = lazy_group(cli.app)
    commands = group.commands
    assert isinstance(commands, LazyCommands)
    assert list(commands) == [c.name for c in cli.app.registered_commands]
    assert len(commands) > 10
    assert "validat" not in commands
    group.get_help(typer.Context(group, info_name="dutylist"))
    assert commands.built() == []
    assert commands["validate"].params
    assert commands.built() == ["validate"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_arguments_print_the_help_page(
    lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DUTYLIST_LANG", lang)
    code, out, err = run(cli.main, [], monkeypatch, capsys)
    assert (code, out) == (2, "")
    assert (0, err, "") == run(cli.main, ["--help"], monkeypatch, capsys)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--lang", "zh", "validate", "--no-cache", str(FILE)], "检查了 2 个文件，没有问题\n"),
        (["--lang", "zh", "validate", "--no-cache", str(FILE), "--lang", "en"], "2 files checked"),
        (["--lang", "en", "validate", "--no-cache", str(FILE)], "2 files checked, no problems\n"),
    ],
)
def test_lang_before_the_command(
    args: list[str],
    said: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DUTYLIST_LANG", "en" if "zh" in args[:2] else "zh")
    code, out, err = run(cli.main, args, monkeypatch, capsys)
    assert (code, err) == (0, "")
    assert out.startswith(said)


def test_the_quick_path_reads_the_fail_on_values_of_the_app() -> None:
    from dutylist.commands.audit import FailOn
    from dutylist.commands.auditing import FAIL_ON

    assert tuple(FailOn) == FAIL_ON
