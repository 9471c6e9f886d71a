"""File names of the per-unit problem lists (spec section 10): made from catalog text,
cut to fit the file system, always inside the output folder; a folder that cannot be
written is one message."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dutylist.report.audit_units import unit_file_name

RunCli = Callable[..., Any]


def rename_unit(county: Path, name: str) -> str:
    """Give the first unit of the registry `name`; its id is returned."""
    registry = county / "jurisdiction.yaml"
    data = yaml.safe_load(registry.read_text(encoding="utf-8"))
    data["units"][0]["name"] = name
    registry.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return str(data["units"][0]["id"])


@pytest.fixture
def county(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(shipped)
    return shipped / "catalogs" / "jinghong"


@pytest.mark.parametrize("name", ["长" * 300, "a" * 300, "景洪" + "é" * 200])
def test_a_long_unit_name_is_cut_to_fit(run_cli: RunCli, county: Path, name: str) -> None:
    unit = rename_unit(county, name)
    lists = county.parent.parent / "lists"
    result = run_cli("audit", str(county), "--by", "unit", "-o", str(lists))
    # a name holding a control character is refused by validate before anything is written
    refused = any(ord(c) < 32 for c in name)
    assert result.exit_code in ((2,) if refused else (0, 1)), result.stderr
    mine = [p.name for p in lists.iterdir() if p.name.endswith(f"-{unit}.md")]
    assert len(mine) == 1
    assert len(mine[0].encode("utf-8")) <= 255
    assert name.startswith(mine[0].removesuffix(f"-{unit}.md"))
    assert not [p for p in lists.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("name", ["../../escaped", "..", "a/b\\c", "NUL", "\x1b[2J"])
def test_a_unit_name_never_leaves_the_folder(run_cli: RunCli, county: Path, name: str) -> None:
    unit = rename_unit(county, name)
    top = county.parent.parent
    lists = top / "out" / "lists"
    before = set(top.parent.rglob("*"))
    result = run_cli("audit", str(county), "--by", "unit", "-o", str(lists))
    if any(ord(c) < 32 for c in name):
        # a name holding a control character is refused by validate before anything is written
        assert result.exit_code == 2, result.stderr
        assert set(top.parent.rglob("*")) == before
        return
    assert result.exit_code in (0, 1), result.stderr
    new = set(top.parent.rglob("*")) - before - {top / "out", lists}
    assert new and all(p.parent == lists for p in new), sorted(map(str, new))
    assert any(p.name.endswith(f"-{unit}.md") for p in lists.iterdir())


def test_the_cut_keeps_whole_characters_and_the_id() -> None:
    assert unit_file_name("长" * 100, "yjh", "md", name_max=20) == "长" * 4 + "-yjh.md"
    assert unit_file_name("长", "x" * 30, "md", name_max=20).startswith("unit-")
    assert unit_file_name("长长", "abcdefghijklmno", "md", name_max=20) == "abcdefghijklmno.md"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to mount a read-only file system")
@pytest.mark.parametrize("inside", ["", "new"])
def test_a_read_only_output_folder_is_one_message(
    run_cli: RunCli, county: Path, tmp_path: Path, inside: str
) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(ro)],
        check=False,
        capture_output=True,
    )
    if mounted.returncode:
        pytest.skip(f"mount not permitted here: {mounted.stderr.decode().strip()}")
    try:
        result = run_cli("audit", str(county), "--by", "unit", "-o", str(ro / inside))
    finally:
        subprocess.run(["umount", "-l", str(ro)], check=False)
    assert result.exit_code == 2
    assert "read-only" in result.stderr.lower()
    assert len(result.stderr.strip().splitlines()) == 1
