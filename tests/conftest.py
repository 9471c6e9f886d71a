"""Shared fixtures: the CLI end to end, with tracebacks failing the test."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

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


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch) -> RunCli:
    """Run `dutylist ARGS` through CliRunner; exceptions escape (catch_exceptions=False)."""
    monkeypatch.setenv("DUTYLIST_LANG", "en")
    monkeypatch.delenv("DUTYLIST_DEBUG", raising=False)

    def run(*args: str, input: str | None = None) -> CliResult:
        runner = CliRunner()
        result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
        return CliResult(result.exit_code, result.stdout, result.stderr)

    return run


@pytest.fixture
def shipped(tmp_path: Path) -> Iterator[Path]:
    """A private copy of the shipped catalogs/ and examples/, safe to modify."""
    for name in ("catalogs", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    yield tmp_path
