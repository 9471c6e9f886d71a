"""The statistics tables: hand-counted numbers on a small county, and the invariant that
the 合计 of each class column equals the diff summary."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dutylist.diff import DiffResult, diff_paths
from dutylist.stats.tables import TABLE_CLASSES, Table, statistics

ROOT = Path(__file__).resolve().parents[2]
CASE = Path(__file__).resolve().parents[1] / "fixtures" / "stats"


@pytest.fixture(scope="module")
def case() -> DiffResult:
    return diff_paths(str(CASE / "old"), str(CASE / "new"))


def _rows(table: Table) -> dict[str, tuple[int, dict[str, int], int]]:
    return {row.name: (row.before, row.counts, row.after) for row in table.rows}


def test_department_rows_follow_the_registry_and_count_by_hand(case: DiffResult) -> None:
    table = statistics([case]).departments
    assert [row.name for row in table.rows] == ["测试县一局", "测试县二局", "测试县三局"]
    rows = _rows(table)
    assert rows["测试县一局"] == (4, {"differentiated": 1, "renamed": 1}, 3)
    # the transfer of T2 counts under the receiving department
    assert rows["测试县二局"] == (2, {"revoked": 1, "rescoped": 1, "transferred": 1}, 2)
    assert rows["测试县三局"] == (1, {"added": 1, "removed": 1}, 1)
    assert (table.total.before, table.total.after) == (7, 6)


def test_class_columns_occur_in_spec_order_and_the_header_frames_them(case: DiffResult) -> None:
    table = statistics([case]).departments
    assert table.classes == [
        "added",
        "revoked",
        "removed",
        "differentiated",
        "rescoped",
        "transferred",
        "renamed",
    ]
    assert table.header("zh") == [
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
    assert table.body("en")[-1] == ["Total", 7, 1, 1, 1, 1, 1, 1, 1, 6]


def test_unit_rows_count_devolved_items(case: DiffResult) -> None:
    table = statistics([case]).units
    # `all` reaches the town and the township, not the village (丙村)
    assert _rows(table) == {
        "甲镇": (5, {"revoked": 2, "differentiated": 1, "rescoped": 1, "renamed": 1}, 3),
        "乙乡": (
            4,
            {"revoked": 2, "added": 2, "differentiated": 1, "rescoped": 1, "renamed": 1},
            4,
        ),
        "丙村": (0, {"added": 1}, 1),
    }
    assert table.classes == ["added", "revoked", "differentiated", "rescoped", "renamed"]
    assert table.body("zh")[-1] == ["合计", 9, 3, 4, 2, 2, 2, 8]


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (CASE / "old", CASE / "new"),
        (ROOT / "examples" / "jinghong-2023", ROOT / "examples" / "jinghong-2024"),
    ],
)
def test_class_totals_equal_the_diff_summary(old: Path, new: Path) -> None:
    diff = diff_paths(str(old), str(new))
    table = statistics([diff]).departments
    expected = {k: v for k, v in diff.summary.items() if k != "unchanged" and v}
    assert {k: table.total.counts[k] for k in table.classes} == expected
    assert table.total.before == diff.old.items
    assert table.total.after == diff.new.items
    assert set(table.classes) <= set(TABLE_CLASSES)


def test_several_jurisdictions_get_a_jurisdiction_column(tmp_path: Path) -> None:
    for side in ("old", "new"):
        for name in ("north", "south"):
            shutil.copytree(CASE / side, tmp_path / side / name)
    diff = diff_paths(str(tmp_path / "old"), str(tmp_path / "new"))
    table = statistics([diff]).departments
    assert table.several
    assert table.header("en")[:2] == ["Jurisdiction", "Department"]
    assert len(table.rows) == 6
    assert table.total.counts["revoked"] == 2 == diff.summary["revoked"]
    assert table.body("zh")[-1][0] == "合计"


def test_no_change_gives_no_class_column(case: DiffResult) -> None:
    same = diff_paths(str(CASE / "new"), str(CASE / "new"))
    table = statistics([same]).departments
    assert table.classes == []
    assert table.header("en") == ["Department", "Before", "After"]
    assert table.body("en")[-1] == ["Total", 6, 6]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_invariant_on_generated_versions(tmp_path: Path, seed: int) -> None:
    """Generated versions with every kind of change (the benchmark generator's mutations)."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate_jurisdiction, mutate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    old = generate_jurisdiction(tmp_path / "old", 300, seed=seed)
    mutate(old, tmp_path / "new", 0.3, seed)
    diff = diff_paths(str(old), str(tmp_path / "new"))
    stats = statistics([diff])
    table = stats.departments
    expected = {k: v for k, v in diff.summary.items() if k != "unchanged" and v}
    assert {k: table.total.counts[k] for k in table.classes} == expected
    assert (table.total.before, table.total.after) == (diff.old.items, diff.new.items)
    # per unit: an item devolved to a unit before and after is neither lost nor gained
    for row in stats.units.rows:
        lost, gained = row.counts.get("revoked", 0), row.counts.get("added", 0)
        merged = row.counts.get("merged", 0) + row.counts.get("split", 0)
        assert row.before - lost + gained == row.after or merged
