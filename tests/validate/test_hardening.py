"""Hostile or unlucky catalogs: a second document, impossible dates, symbolic link loops,
values YAML could misread, and any text at all. Every command gives an answer (exit 0, 1
or 2 with one line), never a traceback; the validator and the JSON Schema agree."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs"
MINIMAL = CASES / "valid" / "minimal"


def one_line_error(result: Any) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith("dutylist: error: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize("command", ["validate", "audit", "diff"])
def test_symlink_loop_as_argument_is_one_line(
    command: str, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop").symlink_to("loop")
    args = ("loop", "loop") if command == "diff" else ("loop",)
    one_line_error(run_cli(command, *args))


def test_symlink_loop_of_two_links_inside_a_path(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    result = run_cli("validate", "a/empowerment.yaml")
    one_line_error(result)
    assert "loop" in result.stderr
