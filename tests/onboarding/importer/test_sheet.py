"""The sheet readers: calamine (the fast one) and openpyxl (the fallback) give the same
rows for what import needs: merged cells filled, row numbers of the sheet, the header,
dates, ids written as text, numbers without a spurious .0."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import RunCli

from dutylist.errors import InputError
from dutylist.onboarding.importer import sheet as reader

ROOT = Path(__file__).resolve().parents[3]
JINGHONG = ROOT / "catalogs" / "jinghong"
HEADER = [
    "序号",
    "事项名称",
    "事项编码",
    "事项类型",
    "实施依据",
    "实施部门",
    "赋权方式",
    "承接乡镇",
]


def _book(path: Path, sheets: dict[str, tuple[list[list[Any]], tuple[str, ...]]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, (rows, merges) in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
        for ref in merges:
            ws.merge_cells(ref)
    book.save(path)
    return path


# a county sheet: title merged across, two blank rows, a department merged down three
# rows, a section heading merged across, an id that is a number, one written as text
COUNTY: list[list[Any]] = [
    ["勐海县乡镇赋权事项清单", *[None] * 7],
    [None] * 8,
    HEADER,
    [1, "甲事项", "00123", "行政处罚", "《法》第一条", "县交通运输局", "委托", "全部"],
    [2, "乙事项", 456, "行政检查", None, None, "下放", "勐龙镇"],
    [3, "丙事项", 789.0, "行政许可", None, None, "委托", "全部"],
    ["一、林业", None, None, None, None, None, None, None],
    [4, "丁事项", "JH-1", "其他", dt.datetime(2024, 8, 19), "县林草局", 3.5, "全部"],
]
MERGES = ("A1:H1", "F4:F6", "A7:H7")


def _both(path: Path, sheet: str | None = None) -> reader.Sheet:
    data = path.read_bytes()
    fast = reader._calamine(data, path.name, sheet)
    slow = reader._openpyxl(data, path.name, sheet)
    assert fast is not None
    assert (fast.rows, fast.numbers, fast.name) == (slow.rows, slow.numbers, slow.name)
    return fast


def test_calamine_reads_what_openpyxl_reads(tmp_path: Path) -> None:
    path = _book(tmp_path / "c.xlsx", {"清单": (COUNTY, MERGES)})
    got = _both(path)
    assert got.numbers == list(range(1, 9))
    assert got.rows[0] == ["勐海县乡镇赋权事项清单"] * 8  # merged across: every cell
    assert [r[5] for r in got.rows[3:6]] == ["县交通运输局"] * 3  # merged down
    assert [r[2] for r in got.rows[3:6]] == ["00123", "456", "789"]
    assert got.rows[6] == ["一、林业"] * 8
    assert got.rows[7][4] == "2024-08-19"
    assert got.rows[7][6] == "3.5"
    assert got.rows[1] == [None] * 8


def test_rows_keep_their_sheet_numbers_below_blank_rows(tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        [None] * 3,
        [None] * 3,
        ["事项名称", "事项编码", "实施部门"],
        ["甲", "A", "局"],
    ]
    path = _book(tmp_path / "gap.xlsx", {"s": (rows, ("C3:C4",))})
    got = _both(path)
    assert got.rows[3] == ["甲", "A", "实施部门"]  # merged down from the header
    assert got.numbers[3] == 4


def test_a_named_sheet_and_a_missing_one(tmp_path: Path) -> None:
    path = _book(
        tmp_path / "two.xlsx",
        {"说明": ([["见第二页"]], ()), "清单": (COUNTY, MERGES)},
    )
    assert _both(path, "清单").rows[3][1] == "甲事项"
    assert _both(path).rows == [["见第二页"]]
    with pytest.raises(InputError, match="说明, 清单"):
        reader.read_sheet(path, "two.xlsx", "没有")


def test_a_workbook_calamine_cannot_read_goes_to_openpyxl(tmp_path: Path) -> None:
    path = tmp_path / "bad.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    assert reader._calamine(path.read_bytes(), "bad.xlsx", None) is None
    with pytest.raises(InputError, match="not a readable"):
        reader.read_sheet(path, "bad.xlsx")


def test_problem_lines_escape_control_characters_of_cells(tmp_path: Path, run_cli: RunCli) -> None:
    folder = tmp_path / "jinghong"
    folder.mkdir()
    shutil.copy(JINGHONG / "jurisdiction.yaml", folder / "jurisdiction.yaml")
    rows: list[list[Any]] = [
        HEADER,
        [1, "甲", "A-1", "行政处罚", None, "景洪市交通运输局", "委托", "全部"],
        [2, "乙", "A-2", "行政处罚", None, "坏\x1b[2J局\u202e", "委托", "全部"],
    ]
    # a CSV: openpyxl refuses to write an ESC into a workbook, a county's tool may not
    path = tmp_path / "esc.csv"
    path.write_text(
        "\n".join(",".join("" if c is None else str(c) for c in row) for row in rows),
        encoding="utf-8",
    )
    result = run_cli(
        "import", str(path), "--kind", "empowerment", "--jurisdiction", str(folder),
        "-o", str(tmp_path / "e.yaml"),
    )  # fmt: skip
    line = next(x for x in result.stderr.splitlines() if ":3:" in x)
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "坏\\x1b[2J局\\u202e" in line
