"""The fit/unfit arithmetic of spec section 7, shared by the rules that read assessments.

An item's evaluation is read off the assessment's columns (counts an integer array,
capacity and willingness one byte a row) through the row index of each assessed unit,
computed once per item and shared by every rule that asks."""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from itertools import compress, repeat
from operator import and_, eq, ge, itemgetter, not_
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules.base import Joined, Label, Message, joined, plural
from dutylist.i18n import N_
from dutylist.model.assessment import CAPACITIES, WILLINGNESSES

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext
    from dutylist.model.catalog import EmpowermentItem

CAPACITY_ZH = {"adequate": "足", "limited": "有限", "none": "无"}
WILLINGNESS_ZH = {"strong": "强", "moderate": "中", "weak": "弱"}
_NONE = CAPACITIES.index("none")
_WEAK = WILLINGNESSES.index("weak")

SHOWN = 3
"""Units a message details; the rest are counted (every unit is in the finding's
`units`, `keep` and evidence, and in each unit's own problem list)."""
UNIT_ROW = N_("{unit} ({cases}, capacity {capacity}, {willingness})")
MORE_UNITS = N_("and {n} more units")


@dataclass(slots=True)  # not frozen: a frozen __init__ costs a setattr call per field
class Evaluation:
    """One item's assessment over the units that count (its scope, with a row):
    `units` in scope order, `rows` their rows of the table, and their measures."""

    units: list[str]
    rows: Sequence[int]
    cases_of: Sequence[int]
    fit: list[str]
    unfit: list[str]
    cases: int
    # the table's capacity and willingness columns, read at `rows` when asked: most items
    # need neither (a message shows three units, the text report no evidence)
    columns: tuple[Sequence[int], Sequence[int]] = field(default=((), ()), repr=False)
    _weak: list[str] | None = field(default=None, repr=False, compare=False)
    _zero: list[str] | None = field(default=None, repr=False, compare=False)

    @property
    def assessed(self) -> list[str]:
        return list(self.units)

    @property
    def capacity_of(self) -> Sequence[int]:
        return _pick(self.rows)(self.columns[0])

    @property
    def willingness_of(self) -> Sequence[int]:
        return _pick(self.rows)(self.columns[1])

    @property
    def weak(self) -> list[str]:
        """The units weak in willingness, made on first use: only technical `high` items
        ask."""
        if self._weak is None:
            self._weak = list(compress(self.units, map(eq, self.willingness_of, repeat(_WEAK))))
        return self._weak

    @property
    def zero(self) -> list[str]:
        """The units that handled no case, made on first use: zero-uptake asks only for the
        items no other rule has flagged."""
        if self._zero is None:
            self._zero = list(compress(self.units, map(not_, self.cases_of)))
        return self._zero


_EMPTY = Evaluation([], [], (), [], [], 0)


@lru_cache(maxsize=16)
def _exact(share: float) -> Fraction:
    # Fraction of the decimal text, so that 0.25 x 12 is exactly 3, never 3.0000000000000004
    return Fraction(str(share))


def share_of(share: float, count: int) -> Fraction:
    return _exact(share) * count


@lru_cache(maxsize=1024)
def at_least(share: float, count: int) -> int:
    """The least whole number >= share x count (exactly, see `_exact`): a count of units
    reaches the share when it is at least this, an integer compare for every item."""
    exact = _exact(share)
    return -(-exact.numerator * count // exact.denominator)


def _pick(rows: Sequence[int]) -> Callable[[Sequence[int]], Sequence[int]]:
    if isinstance(rows, range) and rows.step == 1:  # an item's run of the table: a slice
        run = slice(rows.start, rows.stop)
        return lambda column: column[run]
    if len(rows) <= 1:  # itemgetter of one index gives the value, not a tuple
        return lambda column: tuple(map(column.__getitem__, rows))
    return itemgetter(*rows)


_ABLE = bytes(int(code != _NONE) for code in range(256))
_NOT = bytes(int(code == 0) for code in range(256))


def flags(cases: Sequence[int], capacity: bytes | bytearray, min_cases: int) -> tuple[bytes, bytes]:
    """Per row: fit (at least `min_cases` cases, capacity not `none`) and unfit, one byte
    each, in C passes over the columns."""
    able = capacity.translate(_ABLE)
    enough = _enough(cases, min_cases)
    if enough is None:
        fit = bytes(map(and_, map(ge, cases, repeat(min_cases)), able))
    else:  # both are 0 or 1 a byte: the AND of them as two big numbers is the AND of each
        size = len(able)
        fit = (int.from_bytes(enough) & int.from_bytes(able)).to_bytes(size)
    return fit, fit.translate(_NOT)


def _enough(cases: Sequence[int], min_cases: int) -> bytes | None:
    """Per row 1 when it has at least `min_cases` cases, by one table lookup a row, when
    every count fits a byte (300k rows compared one by one cost a tenth of a rule)."""
    small = _low_bytes(cases)
    if small is None:  # a count of 256 or more: the plain way
        return None
    return small.translate(bytes(int(count >= min_cases) for count in range(256)))


def _low_bytes(cases: Sequence[int]) -> bytes | None:
    """The counts a byte each, when each fits one. Counts are never negative, so an
    array of them fits when all its other bytes are zero: read off the array's memory
    in C passes (converting 300k numbers one by one cost more than the rule's test)."""
    if not isinstance(cases, array) or cases.typecode != "q":
        try:
            return array("B", cases).tobytes()
        except OverflowError:
            return None
    raw = cases.tobytes()
    low = (
        raw[:: cases.itemsize]
        if sys.byteorder == "little"
        else raw[cases.itemsize - 1 :: cases.itemsize]
    )
    if raw.count(0) != len(raw) - len(low) + low.count(0):
        return None
    return low


def columns_of(ctx: AuditContext, min_cases: int) -> tuple[Sequence[int], ...]:
    """The table's cases, capacity and willingness codes, and the fit and unfit flags of
    its rows."""
    key = ("columns", min_cases)
    found: tuple[Sequence[int], ...] | None = ctx.memo.get(key)
    if found is None:
        t = ctx.table
        found = ctx.memo[key] = (
            t.cases,
            t.capacity,
            t.willingness,
            *flags(t.cases, t.capacity, min_cases),
        )
    return found


def evaluate(
    units: list[str], rows: Sequence[int], columns: tuple[Sequence[int], ...]
) -> Evaluation:
    """The evaluation of the units at the given rows of `columns` (see `columns_of`)."""
    if not rows:
        return _EMPTY
    pick = _pick(rows)
    cases, capacity, willingness, fit, unfit = columns
    cases_of = pick(cases)
    return Evaluation(
        units,
        rows,
        cases_of,
        list(compress(units, pick(fit))),
        list(compress(units, pick(unfit))),
        sum(cases_of),
        (capacity, willingness),
    )


def one_size_flagged(ev: Evaluation, settings: AuditSettings) -> bool:
    """Unfit units number at least max(1, ceil(unfit_share x assessed units))."""
    if not ev.rows:
        return False
    return len(ev.unfit) >= max(1, at_least(settings.unfit_share, len(ev.rows)))


def low_weak_high(item: EmpowermentItem, ev: Evaluation, settings: AuditSettings) -> bool:
    """办理量少、承接意愿弱、技术要求高: technical high, at least `weak_share` of the assessed
    units weak, and fewer cases in total than assessed units."""
    if not ev.rows or item.technical != "high":
        return False
    enough_weak = len(ev.weak) >= at_least(settings.weak_share, len(ev.rows))
    return enough_weak and ev.cases < len(ev.rows)


def item_evaluation(
    ctx: AuditContext, item: EmpowermentItem, settings: AuditSettings
) -> Evaluation:
    """The item's evaluation, computed once per audit (several rules ask for it)."""
    key = ("evaluation", item.id)
    found: Evaluation | None = ctx.memo.get(key)
    if found is None:
        units, rows = ctx.assessed_rows(item.id, ctx.scope_of(item.scope))
        found = evaluate(units, rows, columns_of(ctx, settings.min_cases)) if rows else _EMPTY
        ctx.memo[key] = found
    return found


def unit_evidence(ctx: AuditContext, ev: Evaluation, units: list[str]) -> Joined:
    """`勐旺乡 (0 cases, capacity none, weak)` for the first units; past `SHOWN` units (and
    one more, which would cost a line as its count does) the rest are counted:
    `… and 18 more units`."""
    names = ctx.unit_names
    shown = units if len(units) <= SHOWN + 1 else units[:SHOWN]
    rows: list[object] = []
    made: dict[tuple[str, int, int, int], Message] | None = ctx.memo.get("unit rows")
    if made is None:
        made = ctx.memo["unit rows"] = {}
    place = ev.units.index
    capacity_column, willingness_column = ev.columns
    for unit in shown:
        at = place(unit)
        row_of = ev.rows[at]
        key = (unit, ev.cases_of[at], capacity_column[row_of], willingness_column[row_of])
        row = made.get(key)
        if row is None:  # one Message per unit and measures: rendered once for all items
            _unit, n, capacity, willingness = key
            row = made[key] = Message(
                UNIT_ROW,
                unit=names.get(unit, unit),
                cases=cases(n),
                capacity=Label(CAPACITIES[capacity], CAPACITY_ZH),
                willingness=Label(WILLINGNESSES[willingness], WILLINGNESS_ZH),
            )
        rows.append(row)
    if len(units) > len(shown):
        rows.append(plural(len(units) - len(shown), MORE_UNITS, MORE_UNITS))
    return joined(rows, "; ", "；")


@lru_cache(maxsize=4096)
def cases(n: int) -> Message:
    return plural(n, N_("{n} case"), N_("{n} cases"))


@lru_cache(maxsize=4096)
def units(n: int) -> Message:
    return plural(n, N_("{n} unit"), N_("{n} units"))


def evidence(ctx: AuditContext, ev: Evaluation) -> dict[str, object]:
    """The rows behind a finding, for the JSON and Excel outputs: unit -> its measures.
    The records of equal measures are one shared dict (they are read, never changed); the
    dict of units is the finding's own (it may add keys: also_revoke)."""
    records: _Records | None = ctx.memo.get("row records")
    if records is None:
        records = ctx.memo["row records"] = _Records()
    measures = zip(ev.cases_of, ev.capacity_of, ev.willingness_of, strict=True)
    return dict(zip(ev.units, map(records.__getitem__, measures), strict=True))


class _Records(dict[tuple[int, int, int], dict[str, object]]):
    """(cases, capacity code, willingness code) -> the evidence record of those measures,
    made on the first lookup: one shared record for every row of equal measures."""

    def __missing__(self, measures: tuple[int, int, int]) -> dict[str, object]:
        cases, capacity, willingness = measures
        record: dict[str, object] = {
            "cases": cases,
            "capacity": CAPACITIES[capacity],
            "willingness": WILLINGNESSES[willingness],
        }
        self[measures] = record
        return record
