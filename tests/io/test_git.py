"""Reading REV:PATH through a real temporary git repository; the git diff driver."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dutylist.diff import diff_paths
from dutylist.errors import GitError
from dutylist.io.git import materialize, resolve_rev, rev_at

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "diff"
RunCli = Callable[..., Any]
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str, date: str = "2024-08-01T10:00:00+08:00") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo.parent),
        "DUTYLIST_LANG": "en",
    }
    out = subprocess.run(
        ["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True
    )
    return out.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Path]:
    """Two commits of catalogs/jinghong: the `scope` case, old then new."""
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    target = root / "catalogs" / "jinghong"
    shutil.copytree(CASES / "scope" / "old", target)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "2023", date="2023-06-30T10:00:00+08:00")
    shutil.rmtree(target)
    shutil.copytree(CASES / "scope" / "new", target)
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "2024")
    yield root


def test_rev_path_against_disk(repo: Path) -> None:
    result = diff_paths("HEAD~1:catalogs/jinghong", "catalogs/jinghong", cwd=repo)
    assert result.old.source == "HEAD~1:catalogs/jinghong"
    assert dict(result.summary) == {"differentiated": 2, "unified": 1, "rescoped": 1}
    assert result.catalogs[0].old_catalog is not None
    assert result.catalogs[0].old_catalog.doc.display == "HEAD~1:catalogs/jinghong/empowerment.yaml"


def test_folder_of_jurisdictions_and_single_file(repo: Path) -> None:
    folders = diff_paths("HEAD~1:catalogs", "HEAD:catalogs", cwd=repo)
    assert [c.jurisdiction for c in folders.catalogs] == ["jinghong"]
    assert folders.summary["differentiated"] == 2
    one = diff_paths(
        "HEAD~1:catalogs/jinghong/empowerment.yaml", "catalogs/jinghong/empowerment.yaml", cwd=repo
    )
    assert "catalogs" not in one.as_record()
    assert one.old.source == "HEAD~1:catalogs/jinghong/empowerment.yaml"


def test_materialize_and_revisions(repo: Path) -> None:
    with materialize("HEAD~1", "catalogs/jinghong/empowerment.yaml", repo) as path:
        assert path is not None
        assert "version: '2023'" in path.read_text(encoding="utf-8")
    with materialize("HEAD", "catalogs/nowhere", repo) as missing:
        assert missing is None
    head = resolve_rev("HEAD", repo)
    assert len(head) == 40
    assert rev_at("2024-08-31T23:59:59+08:00", cwd=repo) == head
    assert rev_at("2023-07-01T00:00:00+08:00", cwd=repo) == resolve_rev("HEAD~1", repo)
    assert rev_at("2020-01-01T00:00:00+08:00", cwd=repo) is None


@pytest.mark.parametrize(
    ("rev", "message"),
    [("nope", "unknown git revision 'nope'"), ("--output=x", "looks like an option")],
)
def test_bad_revisions(repo: Path, rev: str, message: str) -> None:
    with pytest.raises(GitError, match=message):
        resolve_rev(rev, repo)


def test_not_a_repository(tmp_path: Path) -> None:
    with pytest.raises(GitError, match="not inside a git repository"):
        resolve_rev("HEAD", tmp_path)


@pytest.mark.parametrize(
    ("old", "message"),
    [
        ("nope:catalogs/jinghong", "unknown git revision 'nope'"),
        ("HEAD:catalogs/elsewhere", "catalogs/elsewhere does not exist at revision HEAD"),
        ("-x:catalogs", "looks like an option"),
    ],
)
def test_cli_bad_revision_exit_2(
    repo: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, old: str, message: str
) -> None:
    monkeypatch.chdir(repo)
    result = run_cli("diff", "--", old, "catalogs/jinghong")
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_rev_path(repo: Path, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = run_cli("diff", "HEAD~1:catalogs/jinghong", "catalogs/jinghong", "--exit-code")
    assert result.exit_code == 1
    assert "Differentiated" in result.stdout
    assert "HEAD~1:catalogs/jinghong" in result.stdout


def test_git_diff_driver(repo: Path) -> None:
    """`git diff` and `git log -p --ext-diff` show the dutylist diff of a catalog."""
    command = f"{Path(sys.executable).parent / 'dutylist'} git-diff-driver"
    (repo / ".gitattributes").write_text("catalogs/**/*.yaml diff=dutylist\n", encoding="utf-8")
    _git(repo, "config", "diff.dutylist.command", command)
    target = repo / "catalogs" / "jinghong" / "empowerment.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("'2024'", "'2025'"), encoding="utf-8"
    )
    working = _git(repo, "diff", "--", "catalogs/jinghong/empowerment.yaml")
    assert "dutylist diff a/catalogs/jinghong/empowerment.yaml" in working
    assert "Unchanged" in working
    log = _git(repo, "log", "-p", "--ext-diff", "-1", "--", "catalogs/jinghong/empowerment.yaml")
    assert "Differentiated" in log
    assert "T-1" in log
    assert "Rescoped" in log
    plain = _git(repo, "diff", "HEAD~1", "HEAD", "--", "catalogs/jinghong/jurisdiction.yaml")
    assert plain == ""  # the registry did not change: nothing to show
