"""report: the monthly adjustment report from git history (spec section 8)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from dutylist.commands.options import LangOption, lang_of, say
from dutylist.commands.outputs import STDOUT, guard
from dutylist.commands.writing import emit
from dutylist.errors import UserError
from dutylist.i18n import _
from dutylist.io.files import is_stream, write_atomic


@contextmanager
def _progress() -> Iterator[Callable[[str], None] | None]:
    """A rich spinner on stderr while revisions are read, only on a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from dutylist.report.console import make_console

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=make_console(stderr=True), transient=True) as bar:
        task = bar.add_task("git", total=None)
        yield lambda step: bar.update(task, description=f"reading {step}")


def report(
    *,
    output: Annotated[Path, typer.Option("-o", "--output", help="The workbook to write (.xlsx).")],
    path: Annotated[
        Path | None,
        typer.Argument(help="A jurisdiction folder or a folder of them [default: catalogs/]."),
    ] = None,
    month: Annotated[
        str | None, typer.Option("--month", help="The month to report, YYYY-MM.")
    ] = None,
    markdown: Annotated[
        str | None,
        typer.Option("--markdown", help="Also write a Markdown summary to FILE (- = stdout)."),
    ] = None,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Also write the report as one self-contained HTML file."),
    ] = None,
    tz: Annotated[
        str, typer.Option("--tz", help="UTC offset that decides which month a commit is in.")
    ] = "+08:00",
    rev_from: Annotated[
        str | None, typer.Option("--from", help="Old revision (instead of --month).")
    ] = None,
    rev_to: Annotated[
        str | None, typer.Option("--to", help="New revision (with --from) [default: HEAD].")
    ] = None,
    lang: LangOption = None,
) -> None:
    """Write the adjustment statistics workbook of a month from the catalogs' git history."""
    from dutylist.report.statistics import markdown_summary, monthly_heading, monthly_notes
    from dutylist.report.xlsx import workbook_bytes
    from dutylist.stats.monthly import default_path, monthly_report

    if output.suffix.lower() != ".xlsx" and not is_stream(output):
        raise UserError(
            _(
                "report writes an Excel workbook: -o must end in .xlsx, not {name}",
                name=output.name,
            )
        )
    language = lang_of(lang)
    md = None if markdown in (None, "-") else Path(markdown)
    shown = STDOUT if markdown == "-" else md
    guard([("-o", output), ("--markdown", shown), ("--html", html)], path or Path("catalogs"))
    options: dict[str, Any] = {"month": month, "tz": tz, "rev_from": rev_from, "rev_to": rev_to}
    with _progress() as tell:
        where = str(path) if path is not None else default_path()
        result = monthly_report(where, progress=tell, **options)
    result.stats.notes = monthly_notes(result, language)
    write_atomic(output, workbook_bytes(result.stats, language))
    if html is not None:
        from dutylist.report.html_reports import stats_html

        write_atomic(
            html, stats_html(result.stats, language, title=monthly_heading(result, language))
        )
    if markdown is not None:
        text = markdown_summary(result.stats, language, heading=monthly_heading(result, language))
        emit(text, md)
    say(_("wrote {path}", path=output))


COMMANDS: dict[str, Callable[..., Any]] = {"report": report}
