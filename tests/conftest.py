"""Shared fixtures: the CLI end to end, with tracebacks failing the test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from dutylist.cli import app
from dutylist.i18n import set_lang

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

RunCli = Callable[..., "CliResult"]


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Each test starts in English: a command run in Chinese must not leak into the next
    test's direct calls of the core (the language is process state, as in gettext)."""
    set_lang("en")
    yield
    set_lang("en")


class CliResult:
    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test its own validate cache: none reads the user's, nor another test's."""
    monkeypatch.setenv("DUTYLIST_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(autouse=True)
def _root_options_undone(monkeypatch: pytest.MonkeyPatch) -> None:
    """`dutylist --debug` and `dutylist --lang X` set DUTYLIST_DEBUG and DUTYLIST_LANG for
    the process: each test gets them back as they were (monkeypatch restores a variable it
    set, or removes it again), or a later test's error would be a traceback or in Chinese."""
    for name in ("DUTYLIST_DEBUG", "DUTYLIST_LANG"):
        value = os.environ.get(name)
        monkeypatch.setenv(name, value or "")
        if value is None:
            monkeypatch.delenv(name)


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run `dutylist ARGS` through CliRunner; exceptions escape (catch_exceptions=False)."""
    monkeypatch.setenv("DUTYLIST_LANG", "en")
    monkeypatch.delenv("DUTYLIST_DEBUG", raising=False)

    def run(*args: str, input: str | None = None, color: bool = False) -> CliResult:
        # color=True: the output as a terminal gets it (click strips escapes otherwise)
        runner = CliRunner()
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False, color=color)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def shipped(tmp_path: Path) -> Iterator[Path]:
    """A private copy of the shipped catalogs/ and examples/, safe to modify."""
    for name in ("catalogs", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    yield tmp_path


GitCommit = Callable[[Path, str, str], None]


@pytest.fixture
def git_commit() -> GitCommit:
    """`git add -A` and a commit at a fixed date: histories whose months the tests know."""

    def commit(repo: Path, date: str, message: str) -> None:
        env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        ident = ["-c", "user.name=t", "-c", "user.email=t@example.org"]
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
        subprocess.run(["git", *ident, "commit", "-qm", message], cwd=repo, env=env, check=True)

    return commit


@pytest.fixture
def month_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git_commit: GitCommit) -> Path:
    """A repository (the current folder) holding tests/fixtures/stats/old in June 2024 and
    its new version from mid July: one month of adjustments to report."""
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    case = FIXTURES / "stats"
    shutil.copytree(case / "old", root / "catalogs" / "test")
    git_commit(root, "2024-06-10T10:00:00+08:00", "2024-06")
    shutil.rmtree(root / "catalogs" / "test")
    shutil.copytree(case / "new", root / "catalogs" / "test")
    git_commit(root, "2024-07-15T10:00:00+08:00", "2024-07")
    monkeypatch.chdir(root)
    return root


def run_dutylist(*args: str, cwd: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """`python -m dutylist ARGS` as a process of its own, in English: for what CliRunner
    cannot give a program (a real standard output, a device, a signal)."""
    return subprocess.run(
        [sys.executable, "-m", "dutylist", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "DUTYLIST_LANG": "en"},
        check=False,
        **kwargs,
    )
