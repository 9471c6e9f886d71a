"""Which rows of an assessment period belong to an item, for each unit that asks.

A county's table is nearly always written item by item, every item's units in one order
(the export of one spreadsheet). Such a table needs no map of 300k (item, unit) pairs:
an item's rows are one run of the table, and the row of a unit is the run's start plus
the unit's place in that order. The runs are found in C passes over the item column;
an item written in several places, or in another order of units, falls back to a map of
its own rows, made once for all such items.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from itertools import compress, count, islice, repeat
from operator import add, ne
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dutylist.catalog.assessment import Assessment

Found = tuple[list[str], Sequence[int]]
_NONE: Found = ([], [])


class ItemRows:
    """Item id -> the rows of the given units, over some rows of a table (a period)."""

    def __init__(self, table: Assessment, rows: Sequence[int]) -> None:
        self._table = table
        self._rows = rows
        self._starts: dict[str, int] = {}  # item id -> where its regular run starts in `rows`
        self._layout: list[str] = []  # the unit ids of a regular run, in order
        self._offset: dict[str, int] = {}  # unit id -> its place in the layout
        self._irregular: list[tuple[int, int]] = []  # other runs, positions in `rows`
        self._mapped: dict[str, dict[str, int]] | None = None
        self._index()

    def _index(self) -> None:
        table, rows = self._table, self._rows
        if not rows:
            return
        whole = isinstance(rows, range) and rows.step == 1
        items, units = (_of(column, rows) for column in (table.item, table.unit))
        size = len(items)
        width = next(compress(count(1), map(ne, islice(items, 1, None), repeat(items[0]))), size)
        first = units[:width]
        ids = [table.units[code] for code in first]
        if len(set(ids)) < width:  # a unit twice in the first run: no layout to go by
            self._irregular = [(0, size)]
            return
        self._layout, self._offset = ids, {unit: at for at, unit in enumerate(ids)}
        if not (whole and self._uniform(items, units, first)):
            self._runs(items, units, first)

    def _uniform(self, items: array[int], units: array[int], first: array[int]) -> bool:
        """Every item one run of the layout's width, the units of each in its order: the
        table as one export writes it, told by a few compares of whole columns."""
        width = len(first)
        runs, rest = divmod(len(items), width)
        heads = items[::width]
        if rest or len(set(heads)) < runs or units != first * runs:
            return False
        if any(items[at::width] != heads for at in range(1, width)):
            return False
        names = map(self._table.items.__getitem__, heads)
        self._starts = dict(zip(names, range(0, runs * width, width), strict=True))
        return True

    def _runs(self, items: array[int], units: array[int], first: array[int]) -> None:
        rows, size, width = self._rows, len(items), len(first)
        ends = [*compress(range(1, size), map(ne, items[1:], items[:-1])), size]
        if len(ends) > 2 * len(self._table.items) + 16:  # scattered rows: runs cost more
            self._irregular = [(0, size)]
            return
        starts, names, seen = self._starts, self._table.items, set()
        start = 0
        for end in ends:
            item = names[items[start]]
            regular = (
                end - start == width
                and rows[end - 1] - rows[start] == width - 1  # contiguous in the table too
                and units[start:end] == first
                and item not in seen
            )
            if regular:
                starts[item] = start
            else:
                self._irregular.append((start, end))
                earlier = starts.pop(item, None)
                if earlier is not None:  # its earlier run joins it: a later row wins
                    self._irregular.append((earlier, earlier + width))
            seen.add(item)
            start = end

    def of(self, item: str, units: list[str]) -> Found:
        """The given units that have a row for the item, in the order given, and their
        rows (a unit without one is left out, spec section 4; a later row of a unit
        wins)."""
        at = self._starts.get(item)
        if at is None:
            return self._mapped_of(item, units)
        start = self._rows[at]
        if units == self._layout:  # the same strings, compared by identity first
            return list(units), range(start, start + len(units))
        offsets = list(map(self._offset.get, units))
        if None not in offsets:
            return list(units), list(map(add, offsets, repeat(start)))
        present = [u for u, offset in zip(units, offsets, strict=True) if offset is not None]
        return present, [start + offset for offset in offsets if offset is not None]

    def _mapped_of(self, item: str, units: list[str]) -> Found:
        if not self._irregular:
            return _NONE
        if self._mapped is None:
            self._mapped = self._map()
        found = self._mapped.get(item)
        if not found:
            return _NONE
        rows = list(map(found.get, units))
        if None not in rows:
            return list(units), rows  # type: ignore[return-value]
        present = [u for u, row in zip(units, rows, strict=True) if row is not None]
        return present, [row for row in rows if row is not None]

    def _map(self) -> dict[str, dict[str, int]]:
        table, rows = self._table, self._rows
        items, units, item, unit = table.items, table.units, table.item, table.unit
        found: dict[str, dict[str, int]] = {}
        for start, end in sorted(self._irregular):  # in row order: a later row wins
            for row in rows[start:end]:
                found.setdefault(items[item[row]], {})[units[unit[row]]] = row
        return found


def _of(column: array[int], rows: Sequence[int]) -> array[int]:
    """The column at the given rows: a slice when they are a run of the table."""
    if isinstance(rows, range) and rows.step == 1:
        return column[rows.start : rows.stop]
    return array(column.typecode, map(column.__getitem__, rows))
