"""`dutylist laws`: which items cite which law (spec section 12)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from dutylist.commands.options import LangOption, OutputOption, lang_of
from dutylist.commands.outputs import guard
from dutylist.commands.writing import emit
from dutylist.errors import OutputError
from dutylist.i18n import _
from dutylist.io.files import is_stream


class LawsFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"


SUFFIXES = {".xlsx": "xlsx", ".json": "json", ".md": "markdown", ".markdown": "markdown"}


def laws(
    path: Annotated[
        Path | None,
        typer.Argument(help="A jurisdiction folder or a folder of them [default: catalogs/]."),
    ] = None,
    law: Annotated[
        str | None,
        typer.Option("--law", help="Only this law (its id, title or alias): its impact list."),
    ] = None,
    fmt: Annotated[
        LawsFormat | None,
        typer.Option("--format", "-f", help="Output format [default: from the -o extension]."),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """List, per law of laws.yaml, the items that cite it, and the titles it lacks."""
    from dutylist.laws.index import laws_report
    from dutylist.report import laws as render

    language = lang_of(lang)
    chosen = _format(fmt, output)
    report = laws_report(path or Path("catalogs"), law)
    guard([("-o", output)], path or Path("catalogs"))
    if chosen == "xlsx":
        emit_bytes(render.report_xlsx(report, language), output)
    else:
        emit(render.TEXT_REPORTERS[chosen](report, language), output)


def _format(fmt: LawsFormat | None, output: Path | None) -> str:
    suffix = output.suffix.lower() if output else ""
    chosen = fmt.value if fmt is not None else SUFFIXES.get(suffix, "text")
    if chosen == "xlsx" and suffix != ".xlsx" and not (output is not None and is_stream(output)):
        raise OutputError(_("--format xlsx writes a workbook: give -o FILE.xlsx"))
    return chosen


def emit_bytes(data: bytes, output: Path | None) -> None:
    from dutylist.io.files import write_atomic

    assert output is not None  # _format asks for -o with xlsx
    write_atomic(output, data)


COMMANDS: dict[str, Callable[..., Any]] = {"laws": laws}
