"""The cheap converters of command-line values answer exactly as typer's own coercion:
the same values, the same exit codes and messages, good input or bad."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import RunCli

from dutylist.commands import coercion, translated

CATALOG = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs" / "valid" / "minimal"
FILE = str(CATALOG / "empowerment.yaml")

CASES = [
    ("validate", FILE),
    ("validate", FILE, str(CATALOG / "jurisdiction.yaml"), "--format", "json"),
    ("validate", "--format", "JSON", FILE),
    ("validate", "--format", "nope", FILE),
    ("validate", str(CATALOG / "missing.yaml")),
    ("validate", "--no-cache", "--lang", "zh", FILE),
    ("diff", FILE, FILE, "--similarity", "0.85"),
    ("diff", FILE, FILE, "--similarity", "85"),
    ("diff", FILE, FILE, "--similarity", "-1"),
    ("diff", FILE, FILE, "--similarity", "abc"),
    ("diff", FILE, FILE, "--similarity", "1e-1"),
    ("diff", FILE, FILE, "--only", "added", "--only", "removed", "--format", "json"),
    ("diff", FILE, FILE, "--format", "markdown", "--exit-code"),
    ("audit", str(CATALOG / "missing")),
    ("audit", str(CATALOG), "--fail-on", "WARNING", "--format", "json"),
    ("--version",),
    ("--debug", "validate", FILE),
]


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_same_answer_as_typer(
    args: tuple[str, ...], run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUTYLIST_CACHE_DIR", "")
    ours = run_cli(*args, "--no-cache") if args[0] == "validate" else run_cli(*args)
    monkeypatch.setattr(translated, "lighten", lambda params: None)
    typers = run_cli(*args, "--no-cache") if args[0] == "validate" else run_cli(*args)
    assert (ours.exit_code, ours.stdout, ours.stderr) == (
        typers.exit_code,
        typers.stdout,
        typers.stderr,
    )


def test_parameters_get_their_own_converter() -> None:
    import typer.main

    from dutylist.cli import app

    if not coercion.ACTIVE:
        pytest.skip("this typer coerces through click types, not pydantic")
    command = typer.main.get_command(app).commands["validate"]  # type: ignore[attr-defined]
    coercion.lighten(command.params)
    kinds = {p.name: getattr(p._runtime_param, "kind", None) for p in command.params}
    assert kinds == {"paths": "list:path", "fmt": "choice", "lang": "str", "no_cache": "bool"}
