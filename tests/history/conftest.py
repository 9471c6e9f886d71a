"""Building catalog repositories commit by commit, with fixed dates, for the tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "history"

# (version file or None for a commit touching another file, committer date, message)
TIMELINE: list[tuple[str | None, str, str]] = [
    ("1-start", "2023-03-01T10:00:00+08:00", "first list"),
    # just before midnight UTC: 2023-07-01 in UTC+8
    ("2-add-differentiate", "2023-06-30T20:30:00+00:00", "add E7, differentiate E2"),
    (None, "2023-08-01T09:00:00+08:00", "notes only"),
    ("3-recode", "2023-09-01T09:00:00+08:00", "re-code E3 and E4"),
    ("4-invalid", "2023-10-01T09:00:00+08:00", "a typo in a department"),
    ("5-merge-split-revoke", "2023-11-01T09:00:00+08:00", "merge, split, revoke"),
]


def git(repo: Path, *args: str, date: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
    }
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = date
    done = subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    return done.stdout.decode()


def commit(repo: Path, date: str, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--allow-empty", "-m", message, date=date)


def init(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def build_timeline(root: Path) -> Path:
    """The fixture versions committed one by one under catalogs/test/."""
    init(root)
    folder = root / "catalogs" / "test"
    folder.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "jurisdiction.yaml", folder / "jurisdiction.yaml")
    for version, date, message in TIMELINE:
        if version is None:
            notes = root / "NOTES.md"
            notes.write_text(f"{message}\n", encoding="utf-8")
        else:
            shutil.copyfile(FIXTURES / "versions" / f"{version}.yaml", folder / "empowerment.yaml")
        commit(root, date, message)
    return root


class Repo:
    """A repository under construction (the fixture `new_repo`)."""

    def __init__(self, root: Path) -> None:
        self.root = init(root)

    def git(self, *args: str, date: str | None = None) -> str:
        return git(self.root, *args, date=date)

    def commit(self, date: str, message: str) -> None:
        commit(self.root, date, message)


@pytest.fixture
def timeline(tmp_path: Path) -> Path:
    """The fixture versions as a repository (see TIMELINE)."""
    return build_timeline(tmp_path / "repo")


@pytest.fixture
def new_repo(tmp_path: Path) -> Callable[[str], Repo]:
    return lambda name: Repo(tmp_path / name)


@pytest.fixture
def repo_class() -> type[Repo]:
    return Repo


@pytest.fixture
def generator() -> Iterator[Any]:
    """benchmarks/generate.py: generated jurisdictions and their known mutations."""
    bench = str(Path(__file__).resolve().parents[2] / "benchmarks")
    sys.path.insert(0, bench)
    try:
        import generate

        yield generate
    finally:
        sys.path.remove(bench)
