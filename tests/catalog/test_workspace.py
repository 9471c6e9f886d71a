"""Commands that work on the data refuse a catalog that validate rejects."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]


def _misspell_department(root: Path) -> Path:
    juris = root / "catalogs" / "jinghong"
    path = juris / "empowerment.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("department: transport", "department: transprt", 1), encoding="utf-8"
    )
    return juris


@pytest.mark.parametrize(
    "command",
    [
        ("audit", "{juris}"),
        ("diff", "{root}/examples/jinghong-2024", "{juris}"),
        ("diff", "{root}/catalogs/jinghong/empowerment.yaml", "{juris}/empowerment.yaml"),
        ("export", "{juris}/empowerment.yaml", "-o", "{root}/out.xlsx"),
    ],
)
def test_unknown_department_stops_the_command(
    shipped: Path, run_cli: RunCli, command: tuple[str, ...]
) -> None:
    juris = _misspell_department(shipped)
    args = [a.format(juris=juris, root=shipped) for a in command]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert "DL104 unknown department 'transprt'" in result.stderr
    assert "did you mean 'transport'" in result.stderr
    assert not (shipped / "out.xlsx").exists()


def test_valid_catalog_still_diffs(shipped: Path, run_cli: RunCli) -> None:
    juris = shipped / "catalogs" / "jinghong"
    result = run_cli("diff", str(juris), str(juris), "--format", "json")
    assert result.exit_code == 0
    assert '"changes": []' in result.stdout
