"""The monthly report from a temporary git repository with commits dated inside and
outside the month (committer dates decide, in UTC+8 unless --tz)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from dutylist.errors import UserError
from dutylist.stats.monthly import month_bounds, monthly_report, parse_month, parse_tz

CASE = Path(__file__).resolve().parents[1] / "fixtures" / "stats"


def git(repo: Path, *args: str, date: str | None = None) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def commit(repo: Path, date: str, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """June: the old county; mid July: the new one; 2024-07-31T20:00Z (August in UTC+8):
    a second county appears."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    shutil.copytree(CASE / "old", root / "catalogs" / "test")
    commit(root, "2024-06-10T10:00:00+08:00", "June")
    shutil.rmtree(root / "catalogs" / "test")
    shutil.copytree(CASE / "new", root / "catalogs" / "test")
    commit(root, "2024-07-15T10:00:00+08:00", "July")
    shutil.copytree(CASE / "new", root / "catalogs" / "other")
    commit(root, "2024-07-31T20:00:00+00:00", "August 1st in Beijing")
    return root


def test_month_bounds_and_parsing() -> None:
    start, end = month_bounds("2024-12", parse_tz("+08:00"))
    assert start.isoformat() == "2024-12-01T00:00:00+08:00"
    assert end.isoformat() == "2025-01-01T00:00:00+08:00"
    assert parse_month("2024-07") == (2024, 7)
    assert parse_tz("UTC+8") == parse_tz("+0800")
    for bad in ("2024-13", "2024-7", "July", ""):
        with pytest.raises(UserError):
            parse_month(bad)
    with pytest.raises(UserError):
        parse_tz("Asia/Shanghai")


def test_july_diffs_june_against_july(repo: Path) -> None:
    report = monthly_report("catalogs", month="2024-07", cwd=repo)
    assert report.commits == 1
    assert report.created == []
    assert report.diff.summary["revoked"] == 1
    assert report.stats.departments.total.before == 7
    assert report.stats.departments.total.after == 6
    assert not report.stats.departments.several
    assert report.old.label.startswith("2024-06-30 (")


def test_a_commit_late_on_july_31_utc_is_august_in_utc8(repo: Path) -> None:
    august = monthly_report("catalogs", month="2024-08", cwd=repo)
    assert august.commits == 1
    assert august.created == ["测试县 (other)"]
    assert august.stats.departments.several
    # every item of the new county counts as added; the old one did not change
    assert dict(august.diff.summary) == {"added": 6, "unchanged": 6}
    utc = monthly_report("catalogs", month="2024-07", tz="+00:00", cwd=repo)
    assert utc.commits == 2
    assert utc.diff.summary["added"] == 7


def test_a_month_without_commit_still_reports(repo: Path) -> None:
    report = monthly_report("catalogs", month="2024-09", cwd=repo)
    assert report.commits == 0
    assert report.old.commit == report.new.commit
    assert report.diff.changes == []
    assert report.stats.departments.classes == []
    assert report.stats.departments.total.after == 12


def test_the_first_month_counts_everything_as_added(repo: Path) -> None:
    report = monthly_report("catalogs", month="2024-06", cwd=repo)
    assert report.old.commit is None
    assert report.diff.summary == {"added": 7}


def test_from_to_revisions(repo: Path) -> None:
    report = monthly_report("catalogs", rev_from="HEAD~2", rev_to="HEAD~1", cwd=repo)
    assert report.commits == 1
    assert report.diff.summary["renamed"] == 1


def test_errors(repo: Path, tmp_path: Path) -> None:
    first = subprocess.run(
        ["git", "rev-list", "--max-parents=0", "HEAD"],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()[:7]
    with pytest.raises(
        UserError,
        match=rf"^2024-05 is before the first commit touching catalogs \({first}, 2024-06-10\): ",
    ):
        monthly_report("catalogs", month="2024-05", cwd=repo)
    with pytest.raises(UserError, match="does not exist"):
        monthly_report("nowhere", month="2024-07", cwd=repo)
    with pytest.raises(UserError, match="either --month or --from"):
        monthly_report("catalogs", month="2024-07", rev_from="HEAD", cwd=repo)
    empty = tmp_path / "empty"
    empty.mkdir()
    git(empty, "init", "-q")
    with pytest.raises(UserError, match="no commits"):
        monthly_report("catalogs", month="2024-07", cwd=empty)
