"""An input that is no file or folder (a device, a pipe, a link to nothing) is named for
what it is, in one line and exit 2, and never read: a pipe would wait for ever."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]

COMMANDS = [
    ["validate", "{path}"],
    ["fmt", "--check", "{path}"],
    ["audit", "{path}"],
    ["conform", "{path}"],
    ["export", "{path}", "-o", "out.xlsx"],
    ["import", "{path}", "--kind", "grid", "-o", "out.yaml"],
]


@pytest.fixture
def specials(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    monkeypatch.chdir(tmp_path)
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    dangling = tmp_path / "gone.yaml"
    dangling.symlink_to(tmp_path / "nowhere.yaml")
    return {"device": Path(os.devnull), "pipe": fifo, "dangling": dangling}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize(
    ("special", "said"),
    [
        ("device", "is not a file or a folder (a device, a pipe or a socket)"),
        ("pipe", "is not a file or a folder (a device, a pipe or a socket)"),
        ("dangling", "is a symbolic link to nothing"),
    ],
)
def test_a_special_input_is_named_for_what_it_is(
    run_cli: RunCli, specials: dict[str, Path], command: list[str], special: str, said: str
) -> None:
    path = specials[special]
    result = run_cli(*[part.format(path=path) for part in command])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and said in result.stderr
    assert not Path("out.xlsx").exists() and not Path("out.yaml").exists()


def test_a_missing_input_is_said_missing(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_a_folder_where_a_file_is_read_is_said(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "sheets").mkdir()
    result = run_cli(
        "import", str(tmp_path / "sheets"), "--kind", "grid", "-o", str(tmp_path / "x.yaml")
    )
    assert result.exit_code == 2
    assert "is a folder: give a file" in result.stderr
