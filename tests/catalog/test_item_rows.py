"""An item's rows found through the runs of a table against a map of every (item, unit)
pair, the plain way they replace: the same units and rows for any table and any units
asked, and no map at all for a table written item by item."""

from __future__ import annotations

from array import array
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from dutylist.catalog.assessment import Assessment
from dutylist.catalog.item_rows import ItemRows

ITEMS = ["A", "B", "C", "D"]
UNITS = ["a", "b", "c", "d", "e"]


def _table(pairs: Sequence[tuple[int, int]], cells: list[str]) -> Assessment:
    return Assessment(
        "t.csv",
        item=array("l", [i for i, _ in pairs]),
        unit=array("l", [u for _, u in pairs]),
        items=list(ITEMS),
        units=cells,
    )


def _plain(table: Assessment, rows: Sequence[int], item: str, units: list[str]) -> list[int]:
    found: dict[str, dict[str, int]] = {}
    for row in rows:  # a later row of a unit wins
        found.setdefault(table.items[table.item[row]], {})[table.units[table.unit[row]]] = row
    mine = found.get(item, {})
    return [mine[unit] for unit in units if unit in mine]


@st.composite
def tables(draw: st.DrawFn) -> tuple[Assessment, Sequence[int]]:
    """A table written item by item in one order of units, then perhaps disturbed (rows
    swapped, repeated or dropped), or rows at random; and all its rows or some."""
    # a unit cell table may name one id twice (its id and its name both resolve to it)
    cells = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=6))
    if draw(st.booleans()):
        layout = draw(st.permutations(range(len(cells))))
        order = draw(st.permutations(range(len(ITEMS))))[: draw(st.integers(1, len(ITEMS)))]
        pairs = [(i, u) for i in order for u in layout]
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(0, len(pairs) - 1))
            change = draw(st.sampled_from(["swap", "repeat", "drop", "again"]))
            if change == "swap":
                other = draw(st.integers(0, len(pairs) - 1))
                pairs[at], pairs[other] = pairs[other], pairs[at]
            elif change == "again":  # an item's whole run written once more
                pairs.extend(pairs[: len(layout)])
            elif change == "repeat":
                pairs.insert(draw(st.integers(0, len(pairs))), pairs[at])
            elif len(pairs) > 1:
                del pairs[at]
    else:
        pair = st.tuples(st.integers(0, len(ITEMS) - 1), st.integers(0, len(cells) - 1))
        pairs = draw(st.lists(pair, max_size=30))
    table = _table(pairs, cells)
    every = range(len(pairs))
    some = sorted(draw(st.sets(st.integers(0, max(len(pairs) - 1, 0)), max_size=len(pairs))))
    return table, every if draw(st.booleans()) else [r for r in some if r < len(pairs)]


@given(tables(), st.lists(st.lists(st.sampled_from([*UNITS, "z"]), unique=True), max_size=4))
def test_rows_of_an_item_are_the_rows_a_map_finds(
    made: tuple[Assessment, Sequence[int]], asked: list[list[str]]
) -> None:
    table, rows = made
    found = ItemRows(table, rows)
    layout = _first_run(table, rows)
    for item in ITEMS:
        for units in [*asked, layout, list(UNITS)]:
            present, at = found.of(item, units)
            expected = _plain(table, rows, item, units)
            assert list(at) == expected
            assert present == [table.units[table.unit[row]] for row in expected]


def _first_run(table: Assessment, rows: Sequence[int]) -> list[str]:
    run = []
    for row in rows:
        if table.item[row] != table.item[rows[0]]:
            break
        run.append(table.units[table.unit[row]])
    return run


def test_a_table_written_item_by_item_needs_no_map() -> None:
    cells = ["a", "b", "c"]
    pairs = [(i, u) for i in (2, 0, 1) for u in (1, 0, 2)]
    table = _table(pairs, cells)
    found = ItemRows(table, range(len(pairs)))
    assert found.of("A", ["b", "a", "c"]) == (["b", "a", "c"], range(3, 6))
    assert found.of("C", ["c", "b"]) == (["c", "b"], [2, 0])
    assert found.of("B", ["z", "a"]) == (["a"], [7])
    assert found.of("D", ["a"]) == ([], [])
    assert found._mapped is None and not found._irregular


def test_an_item_written_twice_takes_its_later_rows() -> None:
    pairs = [(0, 0), (0, 1), (1, 0), (1, 1), (0, 1)]
    found = ItemRows(_table(pairs, ["a", "b"]), range(len(pairs)))
    assert found.of("A", ["a", "b"]) == (["a", "b"], [0, 4])
    assert found.of("B", ["a", "b"]) == (["a", "b"], range(2, 4))
    whole_runs = [(0, 0), (0, 1), (1, 0), (1, 1), (0, 0), (0, 1)]
    found = ItemRows(_table(whole_runs, ["a", "b"]), range(len(whole_runs)))
    assert found.of("A", ["a", "b"]) == (["a", "b"], [4, 5])
