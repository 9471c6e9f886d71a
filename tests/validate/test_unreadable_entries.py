"""Entries of a jurisdiction folder that have a catalog's name but cannot be read (a link
to nothing, a link loop, a FIFO, a folder): each is a DL011 finding at the entry, never
skipped in silence, and no command opens a FIFO for reading (it would wait for ever).
They are made here, not kept under fixtures/: git keeps no FIFOs."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs"
ENTRIES = ["duties/z.yaml", "fifo.yaml", "loop.yaml", "x.yaml", "y.yaml"]

pytestmark = [
    pytest.mark.timeout(60),
    pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here"),
]


def _entries(root: Path) -> None:
    (root / "x.yaml").symlink_to("nowhere.yaml")
    (root / "loop.yaml").symlink_to("loop.yaml")
    os.mkfifo(root / "fifo.yaml")
    (root / "y.yaml").mkdir()
    (root / "duties").mkdir(exist_ok=True)
    os.mkfifo(root / "duties" / "z.yaml")


@pytest.fixture
def juris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "catalogs" / "j"
    shutil.copytree(CASES / "valid" / "minimal", root)
    _entries(root)
    monkeypatch.chdir(tmp_path)
    return root


@pytest.mark.parametrize("target", ["catalogs/j", "catalogs"])
def test_validate_reports_each_entry_at_its_own_name(
    juris: Path, run_cli: RunCli, target: str
) -> None:
    for _run in range(2):  # the second run asks the cache, which must not read them either
        result = run_cli("validate", target, "--format", "json")
        assert result.exit_code == 1, result.stderr
        errors = json.loads(result.stdout)["errors"]
        found = [(e["file"], e["code"], e["line"], e["column"]) for e in errors]
        assert found == [(f"catalogs/j/{name}", "DL011", 1, 1) for name in ENTRIES]


def test_validate_says_what_each_entry_is(juris: Path, run_cli: RunCli) -> None:
    result = run_cli("validate", "catalogs/j")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[1] == (
        "catalogs/j/fifo.yaml:1:1: error DL011 unreadable-file cannot read the file: "
        "it is not a regular file (a FIFO, a device or a socket): it is not read"
    )
    assert lines[3].endswith(
        "x.yaml:1:1: error DL011 unreadable-file cannot read the file: "
        "it is a symbolic link to nothing"
    )
    assert lines[4].endswith(
        "y.yaml:1:1: error DL011 unreadable-file cannot read the file: it is a folder"
    )
    assert lines[-1].startswith("5 problems in 5 files")


def test_a_registry_that_is_a_fifo_is_reported(juris: Path, run_cli: RunCli) -> None:
    (juris / "jurisdiction.yaml").unlink()
    os.mkfifo(juris / "jurisdiction.yaml")
    result = run_cli("validate", "catalogs/j", "--format", "json")
    assert result.exit_code == 1
    files = {e["file"] for e in json.loads(result.stdout)["errors"]}
    assert "catalogs/j/jurisdiction.yaml" in files


@pytest.mark.parametrize(
    "args",
    [
        ("audit", "catalogs/j"),
        ("diff", "catalogs/j", "catalogs/j"),
    ],
)
def test_audit_and_diff_stop_with_one_message(
    juris: Path, run_cli: RunCli, args: tuple[str, ...]
) -> None:
    result = run_cli(*args)
    assert result.exit_code == 2, result.stdout
    assert result.stderr.count("\n") == 1
    assert "DL011" in result.stderr
    assert "run `dutylist validate` for the list" in result.stderr


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("fifo.yaml", "is not a file or a folder (a device, a pipe or a socket)"),
        ("loop.yaml", "its symbolic links loop back on themselves"),
        ("x.yaml", "is a symbolic link to nothing"),
    ],
)
def test_an_entry_named_on_the_command_line_is_refused(
    juris: Path, run_cli: RunCli, name: str, says: str
) -> None:
    for args in (
        ("validate", f"catalogs/j/{name}"),
        ("diff", f"catalogs/j/{name}", f"catalogs/j/{name}"),
    ):
        result = run_cli(*args)
        assert result.exit_code == 2
        assert result.stderr == f"dutylist: error: catalogs/j/{name} {says}\n".replace(
            f"{name} its", f"{name}: its"
        )


@pytest.fixture
def tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped jinghong whose assessments/ also holds a FIFO (the newest
    name), a link to nothing and a folder under table names."""
    shutil.copytree(Path(__file__).resolve().parents[2] / "catalogs", tmp_path / "catalogs")
    root = tmp_path / "catalogs" / "jinghong"
    os.mkfifo(root / "assessments" / "2024-H3.csv")
    (root / "assessments" / "2024-H0.csv").symlink_to("nothing.csv")
    (root / "assessments" / "2024-H1b.csv").mkdir()
    monkeypatch.chdir(tmp_path)
    return root


def test_validate_reports_unreadable_assessment_entries(tables: Path, run_cli: RunCli) -> None:
    for _run in range(2):
        result = run_cli("validate", "catalogs/jinghong", "--format", "json")
        assert result.exit_code == 1, result.stderr
        found = [(e["file"], e["code"]) for e in json.loads(result.stdout)["errors"]]
        assert found == [
            (f"catalogs/jinghong/assessments/{name}", "DL208")
            for name in ("2024-H0.csv", "2024-H1b.csv", "2024-H3.csv")
        ]


def test_audit_stops_at_a_newest_table_it_cannot_read(tables: Path, run_cli: RunCli) -> None:
    result = run_cli("audit", "catalogs/jinghong")
    assert result.exit_code == 2
    assert result.stderr == (
        "dutylist: error: catalogs/jinghong/assessments/2024-H3.csv:1: cannot read the file: it is not "
        "a regular file (a FIFO, a device or a socket): it is not read: fix the assessment "
        "table before the audit\n"
    )


def test_a_shared_laws_file_that_is_a_fifo_is_reported(juris: Path, run_cli: RunCli) -> None:
    os.mkfifo(juris.parent / "laws.yaml")
    result = run_cli("validate", "catalogs", "--format", "json")
    assert result.exit_code == 1
    errors = json.loads(result.stdout)["errors"]
    assert ("catalogs/laws.yaml", "DL011") in [(e["file"], e["code"]) for e in errors]
