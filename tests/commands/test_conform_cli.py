"""`dutylist conform` end to end: formats, languages, settings, outputs; `import --guide`;
guide catalogs beside the other commands (diff pairs them, stats and audit leave them)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "fixtures" / "conform"
PROVINCE = CASES / "province"


def test_json_has_the_shape_of_section_13(run_cli: RunCli) -> None:
    result = run_cli("conform", str(PROVINCE), "--format", "json", "--similarity", "0.9")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    (guide,) = report["guides"]
    assert guide["guide"].endswith("yuncheng/village-affairs-guide.yaml")
    assert guide["items"] == 6
    yanhu = next(x for x in guide["lists"] if x["jurisdiction"] == "140802")
    assert yanhu["adopted"] == 4
    assert yanhu["not_adopted"] == ["YC-CJ-05-01", "YC-CJ-07-02"]
    assert yanhu["beyond"] == ["YH-CJ-090", "YH-CJ-091", "YH-CJ-092"]
    assert yanhu["catalog"].endswith("yanhu/village-affairs.yaml")
    for finding in report["findings"]:
        assert {"rule", "severity", "item", "message"} <= set(finding)
    variant = next(v for v in report["variants"] if v["match"] == "similar")
    assert {m["id"] for m in variant["members"]} == {"YH-CJ-090", "LY-02"}
    assert set(variant["members"][0]) >= {"jurisdiction", "id", "name"}


def test_chinese_text_names_adoption_drift_and_variants(run_cli: RunCli) -> None:
    result = run_cli("conform", str(PROVINCE), "--lang", "zh", "--similarity", "0.9")
    assert result.exit_code == 0
    out = result.stdout
    assert "采用 4/6 项，未采用 2 项，目录外 3 项" in out
    assert "名称为「制定和修订村规民约（居民公约）」" in out
    assert "同事不同名" in out and "同名不同码" in out
    for english in ("adopted", "beyond the guide", "is named", "Findings", "Variants"):
        assert english not in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_text_fits_an_80_column_terminal(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    from dutylist.report.layout import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    narrow = run_cli("conform", str(PROVINCE), "--lang", lang, "--similarity", "0.9").stdout
    monkeypatch.setenv("COLUMNS", "400")
    wide = run_cli("conform", str(PROVINCE), "--lang", lang, "--similarity", "0.9").stdout
    assert max(cell_len(line) for line in narrow.splitlines()) <= 80
    assert max(cell_len(line) for line in wide.splitlines()) > 80  # so there was wrapping
    # wrapped, not cut: the same words in the same order
    assert "".join(narrow.split()) == "".join(wide.split())


def test_markdown_holds_the_matrix(run_cli: RunCli) -> None:
    result = run_cli("conform", str(PROVINCE), "--format", "markdown")
    lines = result.stdout.splitlines()
    header = next(line for line in lines if line.startswith("| Code | Guide item"))
    assert header.endswith("| 临猗县 | 盐湖区 |")
    row = next(line for line in lines if line.startswith("| YC-CJ-01-01 |"))
    assert row.endswith("| LY-01 | YH-CJ-001、YH-CJ-004 |")
    row = next(line for line in lines if line.startswith("| YC-CJ-07-02 |"))
    assert row.endswith("| — | — |")


def test_xlsx_prints_on_a4_landscape_with_values_only(run_cli: RunCli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "对照表.xlsx"
    result = run_cli("conform", str(PROVINCE), "--format", "xlsx", "-o", str(out), "--lang", "zh")
    assert result.exit_code == 0, result.stderr
    book = load_workbook(out)
    assert book.sheetnames[0] == "采用情况"
    matrix = book[book.sheetnames[1]]
    assert matrix["A1"].value == "运城市村级组织履行职责事项指导目录采用对照表"
    assert [c.value for c in matrix[2]][:5] == ["编码", "指导事项", "类别", "临猗县", "盐湖区"]
    assert matrix["E3"].value == "YH-CJ-001、YH-CJ-004"
    for sheet in book.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.paperSize == 9
        assert sheet.print_title_rows == "$2:$2"
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"


def test_xlsx_needs_an_output_and_never_replaces_an_input(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("conform", str(PROVINCE), "--format", "xlsx")
    assert result.exit_code == 2
    assert "-o" in result.stderr
    shutil.copytree(PROVINCE, tmp_path / "p")
    target = tmp_path / "p" / "linyi" / "village-affairs.yaml"
    before = target.read_bytes()
    result = run_cli("conform", str(tmp_path / "p"), "--format", "json", "-o", str(target))
    assert result.exit_code == 2
    assert target.read_bytes() == before


def test_settings_change_severity_and_the_exit_code(run_cli: RunCli, tmp_path: Path) -> None:
    config = tmp_path / "dutylist.yaml"
    config.write_text(
        "conform:\n  severity:\n    outside-guide: error\n  disable: [guide-not-adopted]\n",
        encoding="utf-8",
    )
    result = run_cli("conform", str(PROVINCE), "--format", "json", "--config", str(config))
    assert result.exit_code == 1
    findings = json.loads(result.stdout)["findings"]
    assert {f["severity"] for f in findings if f["rule"] == "outside-guide"} == {"error"}
    assert not any(f["rule"] == "guide-not-adopted" for f in findings)
    config.write_text("conform:\n  disable:\n    - outside-guid\n", encoding="utf-8")
    result = run_cli("conform", str(PROVINCE), "--config", str(config))
    assert result.exit_code == 2
    assert "outside-guid" in result.stderr and ":3" in result.stderr


def test_the_shipped_example(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli("conform", "catalogs", "--format", "json")
    assert result.exit_code == 0
    (guide,) = json.loads(result.stdout)["guides"]
    assert guide["guide"] == "catalogs/xishuangbanna/village-affairs-guide.yaml"
    (jinghong,) = guide["lists"]
    assert (jinghong["jurisdiction"], jinghong["adopted"]) == ("532801", 15)
    assert jinghong["not_adopted"] == ["XSBN-CW-16"]


def test_no_such_path_is_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("conform", str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "nowhere" in result.stderr


def test_import_fills_guide_and_lists_near_misses(run_cli: RunCli, tmp_path: Path) -> None:
    sheet = tmp_path / "盐湖区村级事务.csv"
    sheet.write_text(
        "事项编码,事项名称,事项类型,实施部门,办理方式\n"
        "A-1,组织召开村民会议、村民代表会议,其他,民政局,可办理\n"
        "A-2,协助开展城乡居民基本医疗保险参保缴费动员工作,公共服务,民政局,协助办理\n"
        "A-3,村级河道保洁,其他,民政局,协助办理\n",
        encoding="utf-8",
    )
    out = tmp_path / "village-affairs.yaml"
    guide = PROVINCE / "yuncheng" / "village-affairs-guide.yaml"
    result = run_cli(
        "import", str(sheet), "--kind", "village-affairs", "-o", str(out), "--guide", str(guide)
    )
    assert result.exit_code == 0, result.stderr
    import yaml

    items = {i["id"]: i for i in yaml.safe_load(out.read_text(encoding="utf-8"))["items"]}
    assert items["A-1"]["guide"] == "YC-CJ-01-01"
    assert "guide" not in items["A-2"] and "guide" not in items["A-3"]
    assert "row 3" in result.stderr and "YC-CJ-03-01" in result.stderr
    assert "A-3" not in result.stderr and "filled for 1 items" in result.stderr


def test_import_refuses_a_guide_of_another_kind(run_cli: RunCli, tmp_path: Path) -> None:
    sheet = tmp_path / "x.csv"
    sheet.write_text(
        "事项名称,事项类型,实施部门,履职类型\n甲,其他,民政局,基本履职\n", encoding="utf-8"
    )
    guide = PROVINCE / "yuncheng" / "village-affairs-guide.yaml"
    result = run_cli(
        "import", str(sheet), "--kind", "duties", "--unit", "x", "-o", str(tmp_path / "d.yaml"),
        "--guide", str(guide),
    )  # fmt: skip
    assert result.exit_code == 2
    assert "village-affairs" in result.stderr


def test_diff_pairs_guides_and_the_statistics_leave_them_out(
    run_cli: RunCli, tmp_path: Path
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(PROVINCE / "yuncheng", old)
    shutil.copytree(PROVINCE / "yuncheng", new)
    path = new / "village-affairs-guide.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("高标准农田建设", "高标准农田建设管护"),
        encoding="utf-8",
    )
    report = json.loads(run_cli("diff", str(old), str(new), "--format", "json").stdout)
    assert report["summary"] == {"renamed": 1, "unchanged": 5}
    assert report["changes"][0]["kind"] == "guide"
    csv_out = run_cli("diff", str(old), str(new), "--format", "csv").stdout
    assert "agriculture" not in csv_out and "农业农村局" not in csv_out


def test_audit_leaves_a_guide_alone(run_cli: RunCli) -> None:
    result = run_cli("audit", str(PROVINCE / "yuncheng"), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["findings"] == []


def test_schema_of_a_guide(run_cli: RunCli) -> None:
    schema = json.loads(run_cli("schema", "guide").stdout)
    header = schema["$defs"]["CatalogHeader_guide"]["properties"]
    assert header["kind"]["const"] == "guide"
    assert header["kind"]["description"].startswith("指导目录 guide")
    assert "for" in header
    assert "group" in schema["$defs"]["GuideItem"]["properties"]


def test_english_counts_agree_in_number(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    english = run_cli("conform", "catalogs", "--lang", "en").stdout
    assert "1 list checked against 1 guide: 0 errors, 1 warning, 4 notes; 0 variant groups" in (
        english
    )
    chinese = run_cli("conform", "catalogs", "--lang", "zh").stdout
    assert "已对照 1 份指导目录检查 1 份清单：错误 0 个，警告 1 个，提示 4 个" in chinese


def test_a_file_it_could_not_read_fails_the_run(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "catalogs", tmp_path / "catalogs", ignore=shutil.ignore_patterns("*.db"))
    grid = tmp_path / "catalogs" / "jinghong" / "grid.yaml"
    grid.write_text(grid.read_text(encoding="utf-8") + "  - {id: [\n", encoding="utf-8")
    result = run_cli("conform", str(tmp_path / "catalogs"), "--lang", "en")
    assert result.exit_code == 1
    assert "1 problem skipped in the files: run `dutylist validate`" in result.stdout
