"""Standard output that cannot be written (spec section 10): a full device or a closed
stdout is one message and exit 2; a reader that stops early (`| head`) is quiet, exit 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMANDS = {
    "validate": ["validate", "catalogs"],
    "diff": ["diff", "examples/jinghong-2023", "examples/jinghong-2024"],
    "audit": ["audit", "catalogs/jinghong"],
    # written while the arguments are parsed, before a command's error boundary
    "help": ["--help"],
    "diff help": ["diff", "--help"],
    "version": ["--version"],
}
ENV = {**os.environ, "DUTYLIST_LANG": "en"}


def dutylist_sh(args: list[str], redirect: str) -> subprocess.CompletedProcess[str]:
    """`dutylist ARGS REDIRECT` through the shell, as a user types it."""
    line = " ".join([sys.executable, "-m", "dutylist", *args, redirect])
    return subprocess.run(
        ["sh", "-c", line], cwd=ROOT, capture_output=True, text=True, env=ENV, check=False
    )


def one_message(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert words in result.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_full_standard_output(command: str) -> None:
    one_message(dutylist_sh(COMMANDS[command], "> /dev/full"), "no space left")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_closed_standard_output(command: str) -> None:
    one_message(dutylist_sh(COMMANDS[command], ">&-"), "standard output is closed")


def test_the_message_is_in_the_output_language() -> None:
    help_page = ["--lang", "zh", "validate", "--help"]
    one_message(dutylist_sh(help_page, ">&-"), "标准输出已关闭")


def test_a_line_echoed_to_a_full_standard_output(tmp_path: Path) -> None:
    catalog = tmp_path / "empowerment.yaml"
    catalog.write_text("dutylist: 1\ncatalog:\n    kind: empowerment\nitems: []\n")  # to reformat
    one_message(dutylist_sh(["fmt", "--check", str(catalog)], "> /dev/full"), "no space left")


@pytest.mark.parametrize("command", ["fmt --check", "init"])
def test_a_line_said_to_a_closed_standard_output(command: str, tmp_path: Path) -> None:
    catalog = tmp_path / "empowerment.yaml"
    catalog.write_text("dutylist: 1\ncatalog:\n    kind: empowerment\nitems: []\n")  # to reformat
    args = {
        "fmt --check": ["fmt", "--check", str(catalog)],
        "init": ["init", str(tmp_path / "office"), "--code", "532801"],
    }
    one_message(dutylist_sh(args[command], ">&-"), "standard output is closed")


@pytest.mark.parametrize("command", ["diff", "help", "diff help", "version"])
def test_a_reader_that_stops_early_is_not_an_error(command: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "dutylist", *COMMANDS[command]],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=ENV,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # like `| head` that has read all it wanted
    stderr = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert stderr == b""
