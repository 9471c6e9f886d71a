"""`dutylist report` end to end in a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

RunCli = Callable[..., Any]
CASE = Path(__file__).resolve().parent.parent / "fixtures" / "stats"


def _commit(repo: Path, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    ident = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    subprocess.run(["git", *ident, "commit", "-qm", date], cwd=repo, env=env, check=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    shutil.copytree(CASE / "old", root / "catalogs" / "test")
    _commit(root, "2024-06-10T10:00:00+08:00")
    shutil.rmtree(root / "catalogs" / "test")
    shutil.copytree(CASE / "new", root / "catalogs" / "test")
    _commit(root, "2024-07-15T10:00:00+08:00")
    monkeypatch.chdir(root)
    return root


def test_report_writes_workbook_and_markdown(run_cli: RunCli, repo: Path) -> None:
    result = run_cli("report", "--month", "2024-07", "-o", "july.xlsx", "--markdown", "-")
    assert result.exit_code == 0, result.stderr
    book = load_workbook(repo / "july.xlsx")
    assert book.sheetnames == ["Adjustment statistics", "By unit", "Changes"]
    rows = list(book["Adjustment statistics"].iter_rows(values_only=True))
    assert rows[1][:2] == ("Department", "Before")
    assert next(r for r in rows if r[0] == "Total")[1:2] == (7,)
    assert result.stdout.startswith("## Monthly adjustment report 2024-07: 测试县")
    assert "| **Total** | **7** |" in result.stdout
    assert "> 1 commit in 2024-07." in result.stdout


def test_month_without_commit_says_so(run_cli: RunCli, repo: Path) -> None:
    md = repo / "summary.md"
    result = run_cli(
        "report",
        "--month",
        "2024-10",
        "catalogs",
        "-o",
        "oct.xlsx",
        "--markdown",
        str(md),
        "--lang",
        "zh",
    )
    assert result.exit_code == 0, result.stderr
    text = md.read_text(encoding="utf-8")
    assert "2024-10 没有提交" in text and "无变更" in text
    assert load_workbook(repo / "oct.xlsx").sheetnames[0] == "调整统计表"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--month", "2024-7"), "YYYY-MM"),
        (("--month", "2024-07", "--tz", "Beijing"), "offset"),
        ((), "--month"),
    ],
)
def test_bad_options_exit_2(
    run_cli: RunCli, repo: Path, args: tuple[str, ...], message: str
) -> None:
    result = run_cli("report", *args, "-o", "x.xlsx")
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (repo / "x.xlsx").exists()


def test_outside_a_repository_and_without_commits(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    monkeypatch.chdir(plain)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    result = run_cli("report", "--month", "2024-07", "-o", "x.xlsx")
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr
    subprocess.run(["git", "init", "-q"], cwd=plain, check=True)
    result = run_cli("report", "--month", "2024-07", "-o", "x.xlsx")
    assert result.exit_code == 2
    assert "no commits" in result.stderr


@pytest.mark.parametrize("name", ["r.csv", "r.md", "report"])
def test_output_must_be_a_workbook(run_cli: RunCli, repo: Path, name: str) -> None:
    """report writes an Excel workbook: another extension would hide it under a wrong name."""
    result = run_cli("report", "--month", "2024-07", "-o", name)
    assert result.exit_code == 2
    assert "-o must end in .xlsx" in result.stderr
    assert not (repo / name).exists()


def test_markdown_onto_a_catalog_is_refused(run_cli: RunCli, repo: Path) -> None:
    catalog = next((repo / "catalogs" / "test").glob("*.yaml"))
    before = catalog.read_bytes()
    args = ["report", "--month", "2024-07", "-o", "july.xlsx", "--markdown", str(catalog)]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert "is an input of this command" in result.stderr
    assert catalog.read_bytes() == before
    assert not (repo / "july.xlsx").exists()


def test_workbook_into_a_missing_folder(run_cli: RunCli, repo: Path) -> None:
    result = run_cli("report", "--month", "2024-07", "-o", "out/july.xlsx")
    assert result.exit_code == 0, result.stderr
    assert load_workbook(repo / "out" / "july.xlsx").sheetnames
