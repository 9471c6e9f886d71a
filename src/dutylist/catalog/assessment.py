"""Reading assessment tables column by column, with findings at their physical lines.

A county's table holds one row per item and unit: 10k items x 14 units is 140k rows, and a
model object per row cost 1.3 KB. The table is kept as columns instead: the item, unit and
period of a row are indexes into the table of their distinct values, cases an integer
array, capacity and willingness one byte each, and the physical line of every row kept for
messages. A column is checked once per distinct value, not once per row.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import eq
from pathlib import Path
from typing import Any, NamedTuple

from dutylist.checks import check
from dutylist.errors import InputError
from dutylist.findings import Finding
from dutylist.i18n import _
from dutylist.io.tables import read_chunks
from dutylist.io.yamlload import gc_paused
from dutylist.model.assessment import (
    CAPACITIES,
    CAPACITY_WORDS,
    COLUMNS,
    REQUIRED,
    WILLINGNESS_WORDS,
    WILLINGNESSES,
)
from dutylist.normalize import fold

_FIELD_CHECK = {
    "cases": "assessment-cases",
    "capacity": "assessment-capacity",
    "willingness": "assessment-willingness",
}
_CHOICES = {
    "capacity": "adequate/limited/none (足/有限/无)",
    "willingness": "strong/moderate/weak (强/中/弱)",
}


class Sample(NamedTuple):
    """One row's measures, as the audit rules read them."""

    cases: int
    capacity: str
    willingness: str


@dataclass
class Assessment:
    """The rows of one assessment file, as columns, and the problems of the rows left out.

    `units` holds the distinct unit cells resolved to registry ids (a unit's name becomes
    its id); `unit_cells` what the table said, for the messages."""

    file: str
    findings: list[Finding] = field(default_factory=list)
    lines: array[int] = field(default_factory=lambda: array("l"))
    item: array[int] = field(default_factory=lambda: array("l"))
    unit: array[int] = field(default_factory=lambda: array("l"))
    period: array[int] = field(default_factory=lambda: array("l"))
    cases: array[int] = field(default_factory=lambda: array("q"))
    capacity: bytearray = field(default_factory=bytearray)
    willingness: bytearray = field(default_factory=bytearray)
    items: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    unit_cells: list[str] = field(default_factory=list)
    periods_seen: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.lines)

    @property
    def periods(self) -> list[str]:
        return sorted({self.periods_seen[p] for p in set(self.period)})

    def newest(self) -> tuple[str | None, Sequence[int]]:
        """The newest period (periods sort as written: 2024-H1 < 2024-H2) and its rows."""
        codes = set(self.period)
        periods = sorted({self.periods_seen[p] for p in codes})
        if not periods:
            return None, []
        code = self.periods_seen.index(periods[-1])
        if len(codes) == 1:  # a table of one period, as one file a period is
            return periods[-1], range(len(self.period))
        return periods[-1], list(
            compress(range(len(self.period)), map(eq, self.period, repeat(code)))
        )

    def sample(self, row: int) -> Sample:
        return Sample(
            self.cases[row],
            CAPACITIES[self.capacity[row]],
            WILLINGNESSES[self.willingness[row]],
        )


def header_key(text: str) -> str:
    """Header cells compare without spaces, width, case or a bracketed suffix."""
    folded = fold(text).casefold()
    for bracket in ("(", "["):
        if bracket in folded and not folded.startswith(bracket):
            folded = folded[: folded.index(bracket)] if folded.endswith((")", "]")) else folded
    return folded


_ALIASES = {header_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


def unit_lookup(units: Iterator[tuple[str, str]] | list[tuple[str, str]]) -> dict[str, str]:
    """What a unit cell may say -> the unit id: the id, the name as in jurisdiction.yaml,
    or the name folded (a full-width space or bracket typed by hand)."""
    lookup: dict[str, str] = {}
    pairs = list(units)
    for ident, name in pairs:
        lookup.setdefault(fold(name), ident)
        lookup.setdefault(name, ident)
    for ident, _name in pairs:
        lookup[ident] = ident
    return lookup


def read_assessment(path: Path, display: str, units: Mapping[str, str] | None = None) -> Assessment:
    """All rows of an assessment CSV or sheet; bad rows become findings. `units` maps a
    unit cell (id or name) to its id; without it a cell is taken as an id."""
    result = Assessment(display)
    try:
        chunks = read_chunks(path, display, _CHUNK)
        lines, rows = next(chunks, ((), []))
    except InputError as exc:
        result.findings.append(Finding(check("assessment-unreadable"), exc.message, display, 1, 1))
        return result
    header_line, header = (lines[0], rows[0]) if rows else (1, [])
    columns = {i: _ALIASES.get(header_key(str(cell or ""))) for i, cell in enumerate(header)}
    present = set(columns.values())
    missing = [name for name in REQUIRED if name not in present]
    if missing:
        wanted = ", ".join(f"{m} ({COLUMNS[m][1]})" for m in missing)
        message = _("the header row lacks {columns}", columns=wanted)
        result.findings.append(
            Finding(check("assessment-columns"), message, display, header_line, 1)
        )
        return result
    # the first header cell of a name is its column, as a dict of the record kept it
    where = {name: index for index, name in sorted(columns.items(), reverse=True) if name}
    reader = _Columns(result, where, units)
    try:
        with gc_paused():  # chunks of lists, acyclic: collecting them finds nothing
            reader.feed(lines[1:], rows[1:])
            for lines, rows in chunks:
                reader.feed(lines, rows)
    except InputError as exc:
        result.findings.append(Finding(check("assessment-unreadable"), exc.message, display, 1, 1))
    reader.finish()
    return result


# rows are taken in chunks so that the cells of a million-row table never sit in memory
# all at once: only their codes are kept
_CHUNK = 20_000
_MISSING, _BAD = -2, -1


class _Memo(dict[Any, int]):
    """A cell value -> its code, computed once per distinct value. `failed` counts the
    distinct values that are no valid cell: while it is 0 no row needs a second look."""

    def __init__(self, classify: Callable[[Any], int]) -> None:
        super().__init__()
        self.classify = classify
        self.failed = 0

    def __missing__(self, value: Any) -> int:
        code = self[value] = self.classify(value)
        if code < 0:
            self.failed += 1
        return code


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _Columns:
    """Checks a chunk of rows one column at a time (each distinct value once) and keeps
    the codes of the rows that pass."""

    def __init__(
        self, result: Assessment, where: dict[str, int], units: Mapping[str, str] | None
    ) -> None:
        self.result, self.where, self.units = result, where, units
        self.problems: list[tuple[int, int, str, str]] = []  # line, column, check, message
        self.memo = {
            "item": _Memo(self._text(result.items)),
            "unit": _Memo(self._text(result.unit_cells)),
            "period": _Memo(self._text(result.periods_seen)),
            "cases": _Memo(_count),
            "capacity": _Memo(_enum(CAPACITY_WORDS, CAPACITIES)),
            "willingness": _Memo(_enum(WILLINGNESS_WORDS, WILLINGNESSES)),
        }

    @staticmethod
    def _text(table: list[str]) -> Callable[[Any], int]:
        index: dict[str, int] = {}  # " gasa" and "gasa" are one value

        def classify(value: Any) -> int:
            if _blank(value):
                return _MISSING
            if not isinstance(value, str):
                return _BAD
            text = value.strip()
            code = index.get(text)
            if code is None:
                code = index[text] = len(table)
                table.append(text)
            return code

        return classify

    def _columns(self, rows: Sequence[list[Any]]) -> dict[str, Sequence[Any]]:
        width = max(self.where.values()) + 1
        # one C pass over the chunk; zip stops at the shortest row, so as many columns as
        # the header wants means no row is short
        transposed = list(zip(*rows, strict=False))
        if len(transposed) >= width:
            return {name: transposed[index] for name, index in self.where.items()}
        return {  # short rows (a CSV line with fewer commas, a sheet's empty tail)
            name: [cells[index] if index < len(cells) else None for cells in rows]
            for name, index in self.where.items()
        }

    def feed(self, lines: Sequence[int], rows: Sequence[list[Any]]) -> None:
        if not rows:
            return
        values = self._columns(rows)
        codes = {
            name: list(map(self.memo[name].__getitem__, v))
            for name, v in values.items()
            if name != "note"  # free text, only read to tell a blank row
        }
        memo = self.memo
        if not any(memo[name].failed for name in codes):
            self._keep(lines, codes, set())  # no value of these columns ever failed
            return
        # blank rows (and rows blank in every known column) are spacing
        blank = set()
        if _MISSING in codes["item"]:
            note = values.get("note")
            blank = {
                row
                for row, code in enumerate(codes["item"])
                if code == _MISSING
                and all(c[row] == _MISSING for c in codes.values())
                and (note is None or _blank(note[row]))
            }
        bad = set(blank)
        for name in REQUIRED:
            column = codes[name]
            if min(column) >= 0:
                continue
            for row in [row for row, code in enumerate(column) if code < 0]:
                if row in blank:
                    continue
                bad.add(row)
                self._problem(lines[row], name, column[row], values[name][row])
        self._keep(lines, codes, bad)

    def _problem(self, line: int, name: str, code: int, value: Any) -> None:
        column = f"{name} ({COLUMNS[name][1]})" if name in COLUMNS else name
        if code == _MISSING:
            message = _("row has no {column}", column=column)
        elif name == "cases":
            message = _("cases must be a whole number >= 0, not {value}", value=repr(value))
        elif name in _CHOICES:
            message = _(
                "{column} {value} is not one of {choices}",
                column=COLUMNS[name][1],
                value=repr(value),
                choices=_CHOICES[name],
            )
        else:
            message = _("{column}: not a valid value", column=column)
        chk = _FIELD_CHECK.get(name, "assessment-columns")
        self.problems.append((line, self.where[name] + 1, chk, message))

    def _keep(self, lines: Sequence[int], codes: dict[str, list[int]], bad: set[int]) -> None:
        result = self.result
        if bad:
            keep = [row for row in range(len(lines)) if row not in bad]
            lines = [lines[row] for row in keep]
            codes = {name: [column[row] for row in keep] for name, column in codes.items()}
        # fromlist converts in one C loop; extend takes any iterable, item by item
        result.lines.fromlist(list(lines))
        result.item.fromlist(codes["item"])
        result.unit.fromlist(codes["unit"])
        result.period.fromlist(codes["period"])
        result.cases.fromlist(codes["cases"])
        result.capacity.extend(codes["capacity"])
        result.willingness.extend(codes["willingness"])

    def finish(self) -> None:
        """Unit cells resolved to ids (a cell naming no unit stays as it is: validate
        reports it once, the audit ignores its rows); problems in line order."""
        result = self.result
        lookup = self.units
        cells = result.unit_cells
        if lookup is None:
            result.units = list(cells)
        else:
            result.units = [lookup.get(c) or lookup.get(fold(c)) or c for c in cells]
        self.problems.sort()
        result.findings.extend(
            Finding(check(chk), message, result.file, line, column)
            for line, column, chk, message in self.problems
        )


def _enum(words: dict[str, str], choices: tuple[str, ...]) -> Callable[[Any], int]:
    def classify(value: Any) -> int:
        return _MISSING if _blank(value) else _choice(value, words, choices)

    return classify


def _choice(value: object, words: dict[str, str], choices: tuple[str, ...]) -> int:
    if not isinstance(value, str):
        return -1
    text = value.strip()
    word = words.get(text, text.lower())
    return choices.index(word) if word in choices else -1


def _count(value: object) -> int:
    """A whole number >= 0, or -1. Spreadsheets hand over 12.0 for 12; a fractional
    count, a negative one, a boolean or a word is an error."""
    if _blank(value):
        return _MISSING
    if isinstance(value, bool):
        return -1
    if isinstance(value, int):
        return value if value >= 0 else -1
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else -1
    if isinstance(value, str) and value.strip().isdigit():
        try:
            return int(value.strip())
        except ValueError:  # digits of other scripts (٣) pass isdigit but not int
            return -1
    return -1


def unit_problems(table: Assessment, known: set[str] | None) -> Iterator[Finding]:
    """One finding per unit cell that names no unit of the registry (an id or a name),
    at its first row, with the number of rows that say it."""
    import difflib

    from dutylist.model.rules import slug_problem

    wrong = {
        code
        for code, ident in enumerate(table.units)
        if ((ident not in known) if known is not None else slug_problem(ident))
    }
    first, count = _first_rows(table.unit, wrong)
    for code, row in first.items():
        cell = table.unit_cells[code]
        close = difflib.get_close_matches(cell, sorted(known), n=1) if known else []
        if close:
            message = _(
                "unit {value} is neither an id nor a name of jurisdiction.yaml's units: "
                "did you mean {close}?",
                value=repr(cell),
                close=repr(close[0]),
            )
        else:
            message = _(
                "unit {value} is neither an id nor a name of jurisdiction.yaml's units",
                value=repr(cell),
            )
        yield Finding(
            check("assessment-unknown-unit"),
            message + _rows_suffix(count[code]),
            table.file,
            table.lines[row],
            1,
            table.items[table.item[row]],
        )


def item_problems(table: Assessment, known: set[str]) -> Iterator[Finding]:
    """One finding per item cell that is no item of the empowerment catalog."""
    wrong = {code for code, item in enumerate(table.items) if item not in known}
    first, count = _first_rows(table.item, wrong)
    for code, row in first.items():
        item = table.items[code]
        message = _("{item} is not an item of the empowerment catalog", item=repr(item))
        yield Finding(
            check("assessment-unknown-item"),
            message + _rows_suffix(count[code]),
            table.file,
            table.lines[row],
            1,
            item,
        )


def _first_rows(column: array[int], wrong: set[int]) -> tuple[dict[int, int], dict[int, int]]:
    """The first row and the number of rows of each wrong code (distinct values are
    checked, not rows: a table without a wrong value costs no pass over its rows)."""
    first: dict[int, int] = {}
    count: dict[int, int] = {}
    if wrong:
        for row, code in enumerate(column):
            if code in wrong:
                first.setdefault(code, row)
                count[code] = count.get(code, 0) + 1
    return first, count


def _rows_suffix(count: int) -> str:
    return _(" ({count} rows, the first here)", count=count) if count > 1 else ""


def duplicate_problems(table: Assessment) -> Iterator[Finding]:
    """One row per item, unit (as resolved: a name and its id are the same unit) and period."""
    units = table.units
    # a unit's name and its id are two cells of one unit: key by the resolved id
    same = {ident: code for code, ident in reversed(list(enumerate(units)))}
    unit = table.unit
    if len(same) < len(units):
        unit = array("l", [same[units[u]] for u in unit])
    keys = list(zip(table.item, unit, table.period, strict=True))
    if len(set(keys)) == len(keys):
        return
    seen: set[tuple[int, int, int]] = set()
    for row, key in enumerate(keys):
        if key in seen:
            item = table.items[key[0]]
            message = _(
                "a second row for {item} / {unit} / {period}",
                item=item,
                unit=units[key[1]],
                period=table.periods_seen[key[2]],
            )
            yield Finding(
                check("assessment-duplicate"), message, table.file, table.lines[row], 1, item
            )
        seen.add(key)
