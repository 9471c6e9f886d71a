"""`dutylist report` end to end in a temporary git repository."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

RunCli = Callable[..., Any]
CASE = Path(__file__).resolve().parent.parent / "fixtures" / "stats"


@pytest.fixture
def repo(month_repo: Path) -> Path:
    return month_repo


def test_report_writes_workbook_and_markdown(run_cli: RunCli, repo: Path) -> None:
    result = run_cli("report", "--month", "2024-07", "-o", "july.xlsx", "--markdown", "-")
    assert result.exit_code == 0, result.stderr
    book = load_workbook(repo / "july.xlsx")
    assert book.sheetnames == ["Adjustment statistics", "By unit", "Changes"]
    rows = list(book["Adjustment statistics"].iter_rows(values_only=True))
    assert rows[2][:3] == ("No.", "Department", "Before")
    line = str(rows[1][0])
    assert "2024-06-30" in line and "(" not in line  # the commits go to a note
    assert next(r for r in rows if r[0] == "Total")[2:3] == (7,)
    assert result.stdout.startswith("## Monthly adjustment report 2024-07: 测试县")
    assert "| **Total** | **7** |" in result.stdout
    assert "> 1 commit in 2024-07." in result.stdout


@pytest.mark.parametrize(
    "outputs",
    [
        ["-o", "july.xlsx", "--markdown", "july.xlsx"],
        ["-o", "july.xlsx", "--markdown", "s.md", "--html", "./s.md"],
        ["-o", "/dev/stdout", "--markdown", "-"],
    ],
)
def test_two_outputs_into_one_place_are_refused(
    run_cli: RunCli, repo: Path, outputs: list[str]
) -> None:
    result = run_cli("report", "--month", "2024-07", *outputs)
    assert result.exit_code == 2
    assert "both write to" in result.stderr
    assert not (repo / "july.xlsx").exists() and not (repo / "s.md").exists()


def test_outputs_that_only_look_alike_are_not_refused(run_cli: RunCli, repo: Path) -> None:
    # --html - is a file named `-` (HTML is never written to standard output)
    result = run_cli("report", "--month", "2024-07", "-o", "july.xlsx", "--html", "-",
                     "--markdown", "-")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (repo / "-").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    twice = run_cli("report", "--month", "2024-07", "-o", "/dev/null", "--markdown", "/dev/null")
    assert twice.exit_code == 0, twice.stderr  # a device takes what it is given


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


def test_a_shallow_clone_that_misses_the_month_start_is_an_error(
    run_cli: RunCli, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)],
        check=True,
        capture_output=True,
    )
    monkeypatch.chdir(clone)
    result = run_cli("report", "--month", "2024-07", "-o", "july.xlsx")
    assert result.exit_code == 2
    assert "git fetch --unshallow" in result.stderr
    assert not (clone / "july.xlsx").exists()
    # the whole history: June's state is there, July is reported
    monkeypatch.chdir(repo)
    assert run_cli("report", "--month", "2024-07", "-o", "july.xlsx").exit_code == 0


@pytest.mark.parametrize("how", ["default", "relative", "absolute"])
def test_report_from_a_subfolder(
    run_cli: RunCli, repo: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    monkeypatch.chdir(repo / "catalogs" / "test")
    path = {"default": [], "relative": [".."], "absolute": [str(repo / "catalogs")]}[how]
    result = run_cli("report", "--month", "2024-07", *path, "-o", "july.xlsx", "--markdown", "-")
    assert result.exit_code == 0, result.stderr
    assert "| **Total** | **7** |" in result.stdout


def test_a_month_before_the_first_commit_says_so(run_cli: RunCli, repo: Path) -> None:
    first = subprocess.run(
        ["git", "log", "--reverse", "--format=%h", "--abbrev=7"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()[0]
    result = run_cli("report", "--month", "2024-05", "-o", "may.xlsx")
    assert result.exit_code == 2
    assert result.stderr == (
        f"dutylist: error: 2024-05 is before the first commit touching catalogs ({first}, "
        "2024-06-10): nothing to report\n"
    )
    assert not (repo / "may.xlsx").exists()


EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
# (language, the sheets, the cooperating departments of JH-SD-010 before, as the changes
# sheet and the HTML report show them): `unit` there is the township itself
LANGUAGES = [
    (
        "en",
        ["Adjustment statistics", "By unit", "Changes"],
        "景洪市应急管理局、景洪市自然资源局、unit",
    ),
    (
        "zh",
        ["调整统计表", "按乡镇", "变更明细"],
        "景洪市应急管理局、景洪市自然资源局、属地乡镇(街道)",
    ),
]


@pytest.fixture
def jinghong_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git_commit: Any) -> Path:
    """The example's 2023 lists committed in July 2024, its 2024 lists in August."""
    root = tmp_path / "repo"
    folder = root / "catalogs" / "jinghong"
    shutil.copytree(EXAMPLES / "jinghong-2023", folder)
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    git_commit(root, "2024-07-10T10:00:00+08:00", "2023 lists")
    shutil.rmtree(folder)
    shutil.copytree(EXAMPLES / "jinghong-2024", folder)
    git_commit(root, "2024-08-19T10:00:00+08:00", "2024 lists")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize(("lang", "sheets", "cooperating"), LANGUAGES)
def test_the_workbook_and_page_are_in_the_output_language(
    run_cli: RunCli, jinghong_repo: Path, lang: str, sheets: list[str], cooperating: str
) -> None:
    args = ["report", "--month", "2024-08", "-o", "r.xlsx", "--html", "r.html", "--lang", lang]
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    book = load_workbook(jinghong_repo / "r.xlsx")
    assert book.sheetnames == sheets
    row = next(r for r in book[sheets[2]].iter_rows(values_only=True) if r[2] == "JH-SD-010")
    assert cooperating in str(row[8]).splitlines()
    page = (jinghong_repo / "r.html").read_text(encoding="utf-8")
    assert cooperating in page
