"""Reading assessment tables into rows, with findings at their physical lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from dutylist.checks import check
from dutylist.errors import InputError
from dutylist.findings import Finding
from dutylist.i18n import _, current_lang
from dutylist.io.tables import read_rows
from dutylist.io.yamlload import gc_paused
from dutylist.model.assessment import COLUMNS, REQUIRED, AssessmentRow
from dutylist.normalize import fold

_FIELD_CHECK = {
    "cases": "assessment-cases",
    "capacity": "assessment-capacity",
    "willingness": "assessment-willingness",
}


@dataclass
class Assessment:
    """The rows of one assessment file, and the problems of the rows left out."""

    file: str
    rows: list[AssessmentRow] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    @property
    def periods(self) -> list[str]:
        return sorted({row.period for row in self.rows})

    def newest(self) -> list[AssessmentRow]:
        """The rows of the newest period (periods sort as written: 2024-H1 < 2024-H2)."""
        if not self.rows:
            return []
        last = self.periods[-1]
        return [row for row in self.rows if row.period == last]


def header_key(text: str) -> str:
    """Header cells compare without spaces, width, case or a bracketed suffix."""
    folded = fold(text).casefold()
    for bracket in ("(", "["):
        if bracket in folded and not folded.startswith(bracket):
            folded = folded[: folded.index(bracket)] if folded.endswith((")", "]")) else folded
    return folded


_ALIASES = {header_key(alias): name for name, aliases in COLUMNS.items() for alias in aliases}


def read_assessment(path: Path, display: str) -> Assessment:
    """All rows of an assessment CSV or sheet; bad rows become findings."""
    result = Assessment(display)
    try:
        rows = iter(read_rows(path, display))
        header_line, header = next(rows, (1, []))
    except InputError as exc:
        result.findings.append(Finding(check("assessment-unreadable"), exc.message, display, 1, 1))
        return result
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
    pairs = [(index, name) for index, name in columns.items() if name is not None]
    order = [columns.get(i) for i in range(len(header))]
    records: list[dict[str, Any]] = []
    try:
        for line, cells in rows:
            record: dict[str, Any] = {}
            for index, name in pairs:
                cell = cells[index] if index < len(cells) else None
                if isinstance(cell, str):
                    cell = cell.strip()
                if cell is not None and cell != "":
                    record[name] = cell
            if record:  # blank rows (and rows blank in every known column) are spacing
                record["line"] = line
                records.append(record)
                if len(records) == _CHUNK:
                    _add_rows(result, records, order)
                    records = []
    except InputError as exc:
        result.findings.append(Finding(check("assessment-unreadable"), exc.message, display, 1, 1))
    _add_rows(result, records, order)
    return result


_ROWS = TypeAdapter(list[AssessmentRow])
# rows are validated in chunks so that the raw records of a million-row table never
# sit in memory beside all of their models
_CHUNK = 20_000


def _add_rows(result: Assessment, records: list[dict[str, Any]], order: list[str | None]) -> None:
    """Validate every row in one pass; only the rows of a failed pass are redone one by one
    to name their problems (tens of thousands of rows are normal)."""
    try:
        with gc_paused():
            result.rows.extend(_ROWS.validate_python(records))
        return
    except ValidationError as exc:
        bad = {int(e["loc"][0]) for e in exc.errors() if e["loc"]}
    for index, record in enumerate(records):
        if index in bad:
            _add_row(result, record, order)
        else:
            result.rows.append(AssessmentRow.model_validate(record))


def _add_row(result: Assessment, record: dict[str, Any], order: list[str | None]) -> None:
    line = record["line"]
    try:
        result.rows.append(AssessmentRow.model_validate(record))
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            name = str(error["loc"][0]) if error["loc"] else ""
            column = order.index(name) + 1 if name in order else 1
            chk = check(_FIELD_CHECK.get(name, "assessment-columns"))
            value = record.get(name)
            if error["type"] == "missing":
                message = _("row has no {column}", column=_column(name))
            elif name == "cases":
                message = _("cases must be a whole number >= 0, not {value}", value=repr(value))
            elif name in ("capacity", "willingness"):
                words = COLUMNS[name][1]
                choices = (
                    "adequate/limited/none (足/有限/无)"
                    if name == "capacity"
                    else "strong/moderate/weak (强/中/弱)"
                )
                message = _(
                    "{column} {value} is not one of {choices}",
                    column=words,
                    value=repr(value),
                    choices=choices,
                )
            elif current_lang() == "en":
                message = f"{name}: {error['msg']}"
            else:  # pydantic's own wording is English only
                message = _("{column}: not a valid value", column=_column(name))
            result.findings.append(Finding(chk, message, result.file, line, column))


def _column(name: str) -> str:
    """A column by its name and its Chinese header: `cases (办理量)`."""
    return f"{name} ({COLUMNS[name][1]})" if name in COLUMNS else name
