"""No command writes over one of its inputs (spec section 10): a catalog, a file of an
input jurisdiction folder, an assessment file, the registry; by name, through a
symlink or through a hard link. Each refusal is exit 2 with the input untouched."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]
EXAMPLE_CSV = Path(__file__).resolve().parents[2] / "examples" / "import" / "赋权事项清单.csv"


@pytest.fixture
def county(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(shipped)
    return shipped / "catalogs" / "jinghong"


def refused(result: Any, *untouched: tuple[Path, bytes]) -> None:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "is an input of this command" in result.stderr
    for path, before in untouched:
        assert path.read_bytes() == before


def test_audit_output_onto_a_catalog_of_the_folder(run_cli: RunCli, county: Path) -> None:
    catalog = county / "empowerment.yaml"
    before = catalog.read_bytes()
    refused(run_cli("audit", str(county), "-o", str(catalog)), (catalog, before))


def test_audit_output_onto_a_new_yaml_file_of_the_folder(run_cli: RunCli, county: Path) -> None:
    # it would be read as a catalog the next time
    result = run_cli("audit", str(county), "-o", str(county / "report.yaml"))
    refused(result)
    assert not (county / "report.yaml").exists()


def test_audit_output_onto_a_hard_link_of_a_catalog(
    run_cli: RunCli, county: Path, tmp_path: Path
) -> None:
    catalog = county / "territorial.yaml"
    before = catalog.read_bytes()
    link = tmp_path / "review.md"
    os.link(catalog, link)
    refused(run_cli("audit", str(county), "-o", str(link)), (catalog, before))


def test_audit_output_onto_the_assessment(run_cli: RunCli, county: Path, tmp_path: Path) -> None:
    table = county / "assessments" / "2024-H2.csv"
    before = table.read_bytes()
    link = tmp_path / "out.md"
    link.symlink_to(table)
    refused(run_cli("audit", str(county), "-o", str(link)), (table, before))


def test_audit_by_unit_file_onto_a_catalog(run_cli: RunCli, county: Path, tmp_path: Path) -> None:
    assert run_cli("audit", str(county), "--by", "unit", "-o", str(tmp_path / "probe")).exit_code
    name = sorted(p.name for p in (tmp_path / "probe").iterdir())[0]
    lists = tmp_path / "lists"
    lists.mkdir()
    catalog = county / "grid.yaml"
    before = catalog.read_bytes()
    (lists / name).symlink_to(catalog)
    result = run_cli("audit", str(county), "--by", "unit", "-o", str(lists))
    refused(result, (catalog, before))
    assert [p.name for p in lists.iterdir()] == [name]  # no list written before refusing


def test_diff_output_onto_a_hard_link_of_an_input(
    run_cli: RunCli, shipped: Path, tmp_path: Path
) -> None:
    old = shipped / "examples" / "jinghong-2023" / "empowerment.yaml"
    new = shipped / "examples" / "jinghong-2024" / "empowerment.yaml"
    before = old.read_bytes()
    link = tmp_path / "changes.md"
    os.link(old, link)
    refused(run_cli("diff", str(old), str(new), "-o", str(link)), (old, before))


def test_export_output_through_a_symlink_to_the_catalog(
    run_cli: RunCli, county: Path, tmp_path: Path
) -> None:
    catalog = county / "empowerment.yaml"
    before = catalog.read_bytes()
    link = tmp_path / "清单.xlsx"
    link.symlink_to(catalog)
    refused(run_cli("export", str(catalog), "-o", str(link), "--force"), (catalog, before))


def test_import_output_onto_the_registry(run_cli: RunCli, county: Path) -> None:
    registry = county / "jurisdiction.yaml"
    before = registry.read_bytes()
    args = ["import", str(EXAMPLE_CSV), "--kind", "empowerment", "-o", str(registry)]
    refused(run_cli(*args, "--jurisdiction", str(county), "--force"), (registry, before))


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["laws", "catalogs/jinghong", "--format", "json"], "catalogs/laws.yaml"),
        (["audit", "catalogs/jinghong"], "catalogs/laws.yaml"),
        (["history", "--path", "catalogs/jinghong"], "catalogs/laws.yaml"),
        (["conform", "catalogs/jinghong"], "catalogs/xishuangbanna/village-affairs-guide.yaml"),
        (["diff", "catalogs/jinghong", "catalogs/jinghong"], "catalogs/laws.yaml"),
    ],
)
def test_output_onto_a_file_read_beside_the_folder(
    run_cli: RunCli, county: Path, command: list[str], target: str
) -> None:
    """The shared laws.yaml of the catalogs root and a guide of another jurisdiction are
    read with the folder, though they are not below it."""
    path = county.parents[1] / target
    before = path.read_bytes()
    refused(run_cli(*command, "-o", target), (path, before))
