"""`dutylist laws` end to end: per law the items citing it, the titles the registry lacks,
the impact list of one law, in text, json (spec section 12), markdown and xlsx."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len

from dutylist.laws.citations import parse_basis

RunCli = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "laws" / "registry"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "registry")
    return tmp_path / "registry"


def _json(run_cli: RunCli, *args: str) -> dict[str, Any]:
    result = run_cli("laws", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def test_json_per_spec(run_cli: RunCli, tree: Path) -> None:
    data = _json(run_cli, str(tree))
    assert set(data) == {"laws", "unknown"}
    by_id = {law["id"]: law for law in data["laws"]}
    assert set(by_id) == {"highway-law", "penalty-law", "forest-fire", "forest-law", "new-rule"}
    fire = by_id["forest-fire"]
    assert (fire["title"], fire["status"], fire["replaced_by"]) == (
        "森林防火条例",
        "repealed",
        "forest-law",
    )
    assert fire["items"] == [
        {
            "jurisdiction": "532801",
            "kind": "empowerment",
            "id": "A3",
            "name": "对在森林防火区内野外用火的行政处罚",
            "department": "forestry",
            "articles": ["第二十五条", "第五十条"],
        },
        {
            "jurisdiction": "532801",
            "kind": "territorial",
            "id": "T1",
            "name": "森林草原防灭火",
            "department": "forestry",
            "articles": ["第五条"],
        },
    ]
    # 公路法 is cited by its full title and by its alias: one law
    assert [i["id"] for i in by_id["highway-law"]["items"]] == ["A1", "A2"]
    assert by_id["forest-law"]["items"] == []
    assert data["unknown"] == [
        {
            "title": "中华人民共和国公路发",
            "did_you_mean": "中华人民共和国公路法",
            "items": [
                {
                    "jurisdiction": "532801",
                    "kind": "empowerment",
                    "id": "A5",
                    "name": "对损坏公路附属设施的行政处罚",
                    "department": "transport",
                    "articles": ["第七十六条"],
                }
            ],
        }
    ]


@pytest.mark.parametrize("wanted", ["forest-fire", "森林防火条例", "《森林防火条例》"])
def test_impact_list_of_one_law(run_cli: RunCli, tree: Path, wanted: str) -> None:
    result = run_cli("laws", str(tree), "--law", wanted, "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "《森林防火条例》已废止：2个清单中的2个事项引用了它"
    assert "由《中华人民共和国森林法》取代" in lines[1]
    assert "A3" in result.stdout and "T1" in result.stdout and "A1" not in result.stdout
    # department names shortened by the jurisdiction's prefix
    assert "林业和草原局" in result.stdout and "景洪市林业和草原局" not in result.stdout


def test_law_by_alias_and_an_unknown_title(run_cli: RunCli, tree: Path) -> None:
    data = _json(run_cli, str(tree), "--law", "公路法")
    assert [law["id"] for law in data["laws"]] == ["highway-law"]
    data = _json(run_cli, str(tree), "--law", "中华人民共和国公路发")
    assert (data["laws"], [u["title"] for u in data["unknown"]]) == (
        [],
        ["中华人民共和国公路发"],
    )
    result = run_cli("laws", str(tree), "--law", "no-such-law")
    assert result.exit_code == 2
    assert "no law 'no-such-law'" in result.stderr


def test_text_in_english_fits_80_columns(
    run_cli: RunCli, tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run_cli("laws", str(tree))
    assert result.exit_code == 0
    assert "《森林防火条例》 is repealed: 2 items in 2 lists cite it" in result.stdout
    assert "did you mean" in result.stdout and "《中华人民共和国公路法》?" in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 80


def test_markdown(run_cli: RunCli, tree: Path) -> None:
    result = run_cli("laws", str(tree), "--format", "markdown", "--lang", "zh")
    assert result.exit_code == 0
    assert "### 《森林防火条例》已废止：2个清单中的2个事项引用了它" in result.stdout
    assert "| 清单 | 辖区代码 | 事项编码 | 事项名称 | 部门 | 引用条款 |" in result.stdout


def test_xlsx_prints_on_a4_with_values_only(run_cli: RunCli, tree: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = tree / "county" / "territorial.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: 森林草原防灭火", 'name: "=HYPERLINK(1)"'),
        encoding="utf-8",
    )
    out = tmp_path / "依据.xlsx"
    result = run_cli("laws", str(tree), "-o", str(out), "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    book = load_workbook(out)
    sheet = book.worksheets[0]
    assert sheet["A1"].value.endswith("的实施依据：laws.yaml 登记5部法律法规，另有1个名称未登记")
    assert "A1:J1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[2]][:4] == ["#", "法律法规", "效力级别", "时效性"]
    assert sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$2:$2"
    fit = sheet.sheet_properties.pageSetUpPr
    assert fit is not None and fit.fitToPage
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "=HYPERLINK(1)" in values
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
    assert book.sheetnames == ["法律法规引用情况", "未登记的名称"]


def test_xlsx_needs_a_file_and_inputs_are_not_overwritten(run_cli: RunCli, tree: Path) -> None:
    assert run_cli("laws", str(tree), "--format", "xlsx").exit_code == 2
    target = tree / "county" / "laws.yaml"
    before = target.read_bytes()
    result = run_cli("laws", str(tree), "--format", "json", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_bytes() == before


def test_missing_path_and_broken_catalog(run_cli: RunCli, tree: Path) -> None:
    result = run_cli("laws", str(tree / "nope"))
    assert (result.exit_code, result.stderr.count("\n")) == (2, 1)
    (tree / "county" / "grid.yaml").write_text("dutylist: 1\ncatalog: [\n", encoding="utf-8")
    result = run_cli("laws", str(tree))
    assert result.exit_code == 2
    assert "grid.yaml" in result.stderr and "Traceback" not in result.stderr


def test_shipped_catalogs_every_citation_listed(run_cli: RunCli) -> None:
    """Every 《title》 of the shipped catalogs is either under its law or an unknown title,
    and the shipped registry keeps validate green."""
    from dutylist.catalog.workspace import load_jurisdiction

    data = _json(run_cli, str(ROOT / "catalogs" / "jinghong"))
    juris = load_jurisdiction(ROOT / "catalogs" / "jinghong")
    cited = {
        (c.kind, c.model.catalog.unit, item.id, citation.key)
        for c in juris.catalogs
        for item in c.model.items
        for citation in parse_basis(item.basis)
    }
    listed = sum(len(law["items"]) for law in data["laws"])
    listed += sum(len(u["items"]) for u in data["unknown"])
    assert listed == len(cited)
    assert {law["id"] for law in data["laws"] if law["items"]} >= {"highway-law", "forest-law"}
    assert run_cli("validate", str(ROOT / "catalogs")).exit_code == 0


def test_schema_init_and_rules_know_laws(run_cli: RunCli, tmp_path: Path) -> None:
    schema = json.loads(run_cli("schema", "laws").stdout)
    assert "laws" in schema["properties"] and "Law" in schema["$defs"]
    assert "laws" in json.dumps(json.loads(run_cli("schema").stdout)["$defs"].keys().__repr__())
    result = run_cli("init", str(tmp_path), "--name", "测试县")
    assert result.exit_code == 0, result.stderr
    (laws,) = tmp_path.glob("catalogs/*/laws.yaml")
    assert "laws: []" in laws.read_text(encoding="utf-8")
    assert run_cli("validate", str(tmp_path / "catalogs")).exit_code == 0
    rules = {r["name"]: r for r in json.loads(run_cli("rules", "--format", "json").stdout)["rules"]}
    assert rules["basis-repealed"]["command"] == "validate"
    assert rules["basis-repealed"]["severity"] == "error"
    assert rules["basis-revised-since"]["command"] == "audit"
