"""conform: every list of a guided kind against its guides (指导目录, spec section 13)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from dutylist.commands.options import LangOption, OutputOption, finish, lang_of
from dutylist.commands.outputs import guard
from dutylist.commands.writing import emit
from dutylist.errors import ExitCode, OutputError
from dutylist.i18n import _


class ConformFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"


def conform(
    path: Annotated[
        Path,
        typer.Argument(help="A catalog file, a jurisdiction folder or a folder of them."),
    ] = Path("catalogs"),
    *,
    similarity: Annotated[
        float | None,
        typer.Option(
            "--similarity",
            min=0.01,
            max=1.0,
            metavar="RATIO",
            help="Also group item names this close across jurisdictions (e.g. 0.9).",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", metavar="FILE", help="Settings file [default: dutylist.yaml]."),
    ] = None,
    fmt: Annotated[
        ConformFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ConformFormat.text,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """What each list adopted from its guide, what it added, and the same item under other names."""
    from dutylist.audit.config import find_config
    from dutylist.conform.config import load_conform_settings
    from dutylist.conform.core import run_conform

    language = lang_of(lang)
    settings_file = config or find_config(path)
    _check_output(output, fmt, path, settings_file)
    settings = load_conform_settings(settings_file)
    result = run_conform(path, similarity=similarity, settings=settings)
    write_output(result, fmt.value, output, language)
    finish(ExitCode.PROBLEMS if result.failing() else ExitCode.OK)


def _check_output(output: Path | None, fmt: ConformFormat, *inputs: Path | None) -> None:
    if fmt is ConformFormat.xlsx and output is None:
        raise OutputError(_("--format xlsx needs -o FILE.xlsx"))
    guard([("-o", output)], *inputs)


def write_output(result: Any, fmt: str, output: Path | None, lang: Any) -> None:
    if fmt == "xlsx" and output is not None:
        from dutylist.io.files import write_atomic
        from dutylist.report.conform_xlsx import workbook

        write_atomic(output, workbook(result, lang))
        return
    from dutylist.report.conform import render
    from dutylist.report.layout import PIPE_WIDTH, text_width

    # laid out for the terminal when the text goes to one, else at the width of a pipe
    width, out = (text_width(sys.stdout), sys.stdout) if output is None else (PIPE_WIDTH, None)
    emit(render(result, fmt, lang, width, out), output)


COMMANDS: dict[str, Callable[..., Any]] = {"conform": conform}
