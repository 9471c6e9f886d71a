"""Assessment tables read column by column: units named by their names (spec section 4),
a bad value reported once, the same rows as a row-by-row reading."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutylist.catalog.assessment import read_assessment, unit_lookup

RunCli = Callable[..., Any]
CASE = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs" / "invalid" / "assessment"
HEADER = "item,unit,period,cases,capacity,willingness,note\n"


@pytest.fixture
def juris(tmp_path: Path) -> Path:
    root = tmp_path / "jh"
    root.mkdir()
    for name in ("jurisdiction.yaml", "empowerment.yaml"):
        shutil.copy(CASE / name, root / name)
    (root / "assessments").mkdir()
    return root


def _write(root: Path, body: str) -> None:
    (root / "assessments" / "2024-H1.csv").write_text(HEADER + body, encoding="utf-8")


def _errors(run_cli: RunCli, root: Path) -> list[dict[str, Any]]:
    result = run_cli("validate", str(root), "--format", "json")
    errors: list[dict[str, Any]] = json.loads(result.stdout)["errors"]
    return errors


def test_units_named_by_their_names_are_accepted(run_cli: RunCli, juris: Path) -> None:
    _write(
        juris,
        "JH-JT-001,嘎洒街道,2024-H1,3,adequate,strong,\n"
        "JH-JT-001,勐罕镇,2024-H1,0,足,弱,\n"
        "JH-LC-001,menghan,2024-H1,1,有限,中,\n",
    )
    result = run_cli("validate", str(juris), "--format", "json")
    assert result.exit_code == 0, result.stdout
    assert json.loads(result.stdout)["errors"] == []


def test_a_name_and_the_id_of_one_unit_are_one_unit(run_cli: RunCli, juris: Path) -> None:
    _write(
        juris, "JH-JT-001,嘎洒街道,2024-H1,3,adequate,strong,\nJH-JT-001,gasa,2024-H1,1,足,强,\n"
    )
    errors = _errors(run_cli, juris)
    assert [(e["code"], e["line"]) for e in errors] == [("DL207", 3)]


def test_an_unknown_unit_is_reported_once_per_value(run_cli: RunCli, juris: Path) -> None:
    rows = "".join(f"JH-JT-001,永和乡,P{i},3,adequate,strong,\n" for i in range(6))
    _write(juris, rows + "JH-LC-001,mengla,2024-H1,1,足,强,\n")
    errors = _errors(run_cli, juris)
    assert [(e["code"], e["line"]) for e in errors] == [("DL203", 2), ("DL203", 8)]
    assert "'永和乡'" in errors[0]["message"] and "6" in errors[0]["message"]
    assert all(e["name"] == "assessment-unknown-unit" for e in errors)


def test_the_audit_reads_units_by_name(run_cli: RunCli, juris: Path) -> None:
    by_id = "JH-JT-001,gasa,2024-H1,0,none,weak,\nJH-JT-001,menghan,2024-H1,0,none,weak,\n"
    by_name = by_id.replace("gasa", "嘎洒街道").replace("menghan", "勐罕镇")
    found = []
    for body in (by_id, by_name):
        _write(juris, body)
        result = run_cli("audit", str(juris), "--format", "json", "--fail-on", "none")
        assert result.exit_code == 0, result.stderr
        found.append([(f["rule"], f["units"]) for f in json.loads(result.stdout)["findings"]])
    assert found[0] == found[1]
    assert any(units for _, units in found[0])


CELLS = st.sampled_from(["3", "0", "12.0", "-2", "1.5", "很多", "", " 4 "])
WORDS = st.sampled_from(["adequate", "足", "有限", "none", "够用", "", "LIMITED"])
WILL = st.sampled_from(["strong", "中", "一般", "weak", "一般般", ""])
UNITS = st.sampled_from(["gasa", "嘎洒街道", "menghan", "勐罕镇", "mengla", ""])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(UNITS, CELLS, WORDS, WILL), max_size=12))
def test_rows_kept_are_those_without_a_cell_problem(
    tmp_path_factory: pytest.TempPathFactory, rows: list[tuple[str, str, str, str]]
) -> None:
    path = tmp_path_factory.mktemp("a") / "t.csv"
    body = "".join(f"JH-JT-001,{u},P,{c},{w},{v},\n" for u, c, w, v in rows)
    path.write_text(HEADER + body, encoding="utf-8")
    lookup = unit_lookup([("gasa", "嘎洒街道"), ("menghan", "勐罕镇")])
    table = read_assessment(path, "t.csv", lookup)
    bad_lines = {f.line for f in table.findings}
    expected_kept = []
    for line, (unit, cases, capacity, will) in enumerate(rows, start=2):
        ok_cases = cases.strip().isdigit()  # a CSV's 12.0 is text, not a spreadsheet's float
        ok_cap = capacity in ("adequate", "足", "有限", "none", "LIMITED")
        ok_will = will in ("strong", "中", "一般", "weak")
        if unit and ok_cases and ok_cap and ok_will:
            expected_kept.append(line)
        else:
            assert line in bad_lines
    assert list(table.lines) == expected_kept
    for row in range(len(table)):
        assert table.units[table.unit[row]] in ("gasa", "menghan", "mengla")


def _columns(table: Any) -> tuple[Any, ...]:
    return (
        list(table.lines), list(table.item), list(table.unit), list(table.period),
        list(table.cases), bytes(table.capacity), bytes(table.willingness),
        table.items, table.units, table.periods_seen,
        [(f.code, f.line, f.column, f.message) for f in table.findings],
    )  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(UNITS, CELLS, WORDS, WILL), max_size=12), st.integers(1, 4))
def test_a_table_read_in_chunks_is_the_table_read_at_once(
    tmp_path_factory: pytest.TempPathFactory,
    rows: list[tuple[str, str, str, str]],
    size: int,
) -> None:
    """Chunks without a failing value take a shorter way: a value failing in one chunk
    and seen again in a later one must still be reported there."""
    from dutylist.catalog import assessment

    path = tmp_path_factory.mktemp("a") / "t.csv"
    body = "".join(f"JH-JT-00{len(u) % 3},{u},P,{c},{w},{v},\n" for u, c, w, v in rows)
    path.write_text(HEADER + body, encoding="utf-8")
    lookup = unit_lookup([("gasa", "嘎洒街道"), ("menghan", "勐罕镇")])
    whole = _columns(read_assessment(path, "t.csv", lookup))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assessment, "_CHUNK", size)
        assert _columns(read_assessment(path, "t.csv", lookup)) == whole


def test_a_quoted_cell_spanning_lines_keeps_physical_lines(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(
        HEADER + 'JH-JT-001,gasa,P,1,足,强,"two\nlines"\nJH-JT-001,menghan,P,x,足,强,\n',
        encoding="utf-8",
    )
    table = read_assessment(path, "t.csv")
    assert list(table.lines) == [2]
    assert [(f.code, f.line, f.column) for f in table.findings] == [("DL204", 4, 4)]


def test_short_rows_and_spreadsheet_numbers(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["事项编码", "乡镇(街道)", "评估期", "办理量", "承接能力", "承接意愿"])
    sheet.append(["JH-JT-001", "嘎洒街道", "P", 12.0, "足", "强"])
    sheet.append(["JH-JT-001", "menghan", "P", 1.5, "足", "强"])
    sheet.append(["JH-JT-001", "menghan"])
    book.save(tmp_path / "t.xlsx")
    table = read_assessment(tmp_path / "t.xlsx", "t.xlsx", unit_lookup([("gasa", "嘎洒街道")]))
    assert list(table.cases) == [12]
    assert table.units[table.unit[0]] == "gasa"
    problems = [(f.code, f.line, f.column) for f in table.findings]
    assert problems == [
        ("DL204", 3, 4),
        ("DL201", 4, 3),
        ("DL204", 4, 4),
        ("DL205", 4, 5),
        ("DL206", 4, 6),
    ]
