"""The statistics workbook, reopened with openpyxl (never compared byte by byte)."""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from dutylist.diff import diff_paths
from dutylist.report.excel import display_width
from dutylist.report.xlsx import workbook_bytes
from dutylist.stats.tables import statistics

RunCli = Callable[..., Any]
CASE = Path(__file__).resolve().parent.parent / "fixtures" / "stats"


def _book(lang: str = "zh") -> tuple[Any, bytes]:
    diff = diff_paths(str(CASE / "old"), str(CASE / "new"))
    data = workbook_bytes(statistics([diff]), "zh" if lang == "zh" else "en")
    return load_workbook(io.BytesIO(data)), data


def _values(sheet: Any) -> list[list[Any]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_sheet_names_in_both_languages() -> None:
    assert _book("zh")[0].sheetnames == ["调整统计表", "按乡镇", "变更明细"]
    assert _book("en")[0].sheetnames == ["Adjustment statistics", "By unit", "Changes"]


def test_department_sheet_title_header_rows_and_total() -> None:
    book, _ = _book()
    sheet = book["调整统计表"]
    rows = _values(sheet)
    assert "测试县" in rows[0][0] and "2023" in rows[0][0] and "2024" in rows[0][0]
    assert "A1:J1" in {str(r) for r in sheet.merged_cells.ranges}
    assert rows[1] == [
        "部门",
        "原有数",
        "新增",
        "收回",
        "取消",
        "差异化",
        "范围调整",
        "转隶",
        "更名",
        "现有数",
    ]
    assert rows[2] == ["测试县一局", 4, 0, 0, 0, 1, 0, 0, 1, 3]
    assert rows[5] == ["合计", 7, 1, 1, 1, 1, 1, 1, 1, 6]
    assert sheet.freeze_panes == "B3"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.column_dimensions["A"].width >= display_width("合计测试县一局") - 2


def test_totals_equal_the_diff_summary() -> None:
    diff = diff_paths(str(CASE / "old"), str(CASE / "new"))
    book = load_workbook(io.BytesIO(workbook_bytes(statistics([diff]), "en")))
    rows = _values(book["Adjustment statistics"])
    header, total = rows[1], next(r for r in rows if r[0] == "Total")
    summary = {k: v for k, v in diff.summary.items() if k != "unchanged"}
    labels = {"Added": "added", "Revoked": "revoked", "Removed": "removed",
              "Differentiated": "differentiated", "Rescoped": "rescoped",
              "Transferred": "transferred", "Renamed": "renamed"}  # fmt: skip
    assert {labels[h]: total[i] for i, h in enumerate(header) if h in labels} == summary


def test_unit_sheet_numbers() -> None:
    rows = _values(_book()[0]["按乡镇"])
    assert rows[1] == [
        "乡镇(街道)",
        "原有数",
        "新增",
        "收回",
        "差异化",
        "范围调整",
        "更名",
        "现有数",
    ]
    assert rows[2:6] == [
        ["甲镇", 5, 0, 2, 1, 1, 1, 3],
        ["乙乡", 4, 2, 2, 1, 1, 1, 4],
        ["丙村", 0, 1, 0, 0, 0, 0, 1],
        ["合计", 9, 3, 4, 2, 2, 2, 8],
    ]


def test_changes_sheet_and_no_formula_anywhere() -> None:
    book, data = _book()
    rows = _values(book["变更明细"])
    assert rows[0][:7] == [
        "清单",
        "乡镇(街道)",
        "事项编码",
        "原编码",
        "事项名称",
        "部门",
        "变更类别",
    ]
    names = [r[4] for r in rows[1:]]
    assert "=SUM(A1:A2)" in names and "@事项五" in names
    renamed = next(r for r in rows if r[4] == "=SUM(A1:A2)")
    assert renamed[6] == "更名"
    assert rows[0][7:] == ["变更字段", "原值", "新值"]
    assert renamed[7:] == ["名称", "=SUM(A1)", "=SUM(A1:A2)"]
    transferred = next(r for r in rows if r[2] == "T2")
    assert transferred[7:] == ["实施部门", "测试县一局", "测试县二局"]
    differentiated = next(r for r in rows if r[2] == "E2")
    assert differentiated[8:] == ["全部乡镇(街道)", "甲镇"]
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row), sheet.title
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert "<f>" not in archive.read("xl/worksheets/sheet3.xml").decode()
        assert any(name.startswith("xl/charts/chart") for name in archive.namelist())


def test_display_width_counts_cjk_double() -> None:
    assert display_width("abc") == 3
    assert display_width("合计") == 4
    assert display_width("ＡＢ") == 4


def test_cli_writes_the_workbook(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "调整统计表.xlsx"
    result = run_cli(
        "diff", str(CASE / "old"), str(CASE / "new"), "--format", "xlsx", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert load_workbook(out).sheetnames[0] == "Adjustment statistics"


def test_cli_xlsx_needs_an_output_and_makes_its_folder(run_cli: RunCli, tmp_path: Path) -> None:
    args = ("diff", str(CASE / "old"), str(CASE / "new"), "--format", "xlsx")
    assert run_cli(*args).exit_code == 2
    # spec section 10: missing parent folders are made
    assert run_cli(*args, "-o", str(tmp_path / "no" / "such.xlsx")).exit_code == 0
    assert load_workbook(tmp_path / "no" / "such.xlsx").sheetnames[0] == "Adjustment statistics"


def test_a_failing_write_leaves_no_partial_file(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    out = tmp_path / "stats.xlsx"
    result = run_cli(
        "diff", str(CASE / "old"), str(CASE / "new"), "--format", "xlsx", "-o", str(out)
    )
    assert result.exit_code == 2
    assert "no space left" in result.stderr.lower()
    assert list(tmp_path.iterdir()) == []


def test_csv_is_the_department_table_with_a_bom(run_cli: RunCli) -> None:
    result = run_cli(
        "diff", str(CASE / "old"), str(CASE / "new"), "--format", "csv", "--lang", "zh"
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "\ufeff部门,原有数,新增,收回,取消,差异化,范围调整,转隶,更名,现有数"
    assert lines[-1] == "合计,7,1,1,1,1,1,1,1,6"
    per_change = run_cli("diff", str(CASE / "old"), str(CASE / "new"), "--format", "changes-csv")
    assert per_change.exit_code == 0
    assert len(per_change.stdout.splitlines()) == 1 + 7


def test_rows_with_several_changed_fields_are_taller() -> None:
    examples = CASE.parent.parent.parent / "examples"
    diff = diff_paths(str(examples / "jinghong-2023"), str(examples / "jinghong-2024"))
    sheet = load_workbook(io.BytesIO(workbook_bytes(statistics([diff]), "zh")))["变更明细"]
    for number, row in enumerate(sheet.iter_rows(min_row=2), start=2):
        lines = max(str(c.value or "").count("\n") + 1 for c in row)
        height = sheet.row_dimensions[number].height
        assert lines == 1 or (height or 0) >= 15 * lines
