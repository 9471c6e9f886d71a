"""The entry point builds only the command it runs, and answers as the whole app."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutylist import cli

FILE = Path(__file__).resolve().parent / "fixtures" / "catalogs" / "valid" / "minimal"
ARGS = [
    ["validate", "--no-cache", str(FILE / "empowerment.yaml")],
    ["validate", "--format", "nope", str(FILE)],
    ["diff", "--help"],
    ["validat", str(FILE)],
    ["--version"],
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


@pytest.mark.parametrize("args", ARGS, ids=" ".join)
def test_main_answers_as_the_whole_app(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DUTYLIST_LANG", "en")
    monkeypatch.setenv("DUTYLIST_CACHE_DIR", "")
    monkeypatch.setenv("PYDANTIC_DISABLE_PLUGINS", "__all__")  # main() would set it for good
    assert run(cli.main, args, monkeypatch, capsys) == run(cli.app, args, monkeypatch, capsys)


def test_only_the_named_command_is_built() -> None:
    assert [c.name for c in cli._app_for(["validate"]).registered_commands] == ["validate"]
    assert cli._app_for(["--debug"]) is cli.app
    assert cli._app_for(["validat"]) is cli.app
    assert cli._app_for([]) is cli.app
    assert len(cli.app.registered_commands) > 10
