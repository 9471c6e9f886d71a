"""audit: the annual review of a jurisdiction's lists (spec sections 6-8)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dutylist.commands.options import LangOption, finish, lang_of
from dutylist.report.formats import AUDIT, choices

if TYPE_CHECKING:
    AuditFormat = str
else:
    AuditFormat = choices("AuditFormat", AUDIT)


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"
    none = "none"  # report only: the exit code never says findings were found


class By(StrEnum):
    unit = "unit"
    department = "department"


def audit(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="A catalog file or a jurisdiction folder [default: the one under catalogs/]."
        ),
    ] = None,
    *,
    assessment: Annotated[
        Path | None,
        typer.Option(
            "--assessment",
            metavar="FILE",
            help="Assessment CSV/XLSX [default: newest in assessments/].",
        ),
    ] = None,
    previous: Annotated[
        str | None,
        typer.Option(
            "--previous",
            metavar="OLD",
            help="The previous version (path or REV:PATH): new items need admission.",
        ),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="Settings file [default: dutylist.yaml at the repository root].",
        ),
    ] = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            help="Lowest severity that fails the run (exit 1); none: report, never fail.",
        ),
    ] = FailOn.error,
    accept: Annotated[
        Path | None,
        typer.Option(
            "--accept",
            metavar="FILE",
            help="File of accepted finding fingerprints (with comments).",
        ),
    ] = None,
    fmt: Annotated[
        AuditFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: from the -o extension, markdown for --by unit -o DIR, "
            "else text].",
        ),
    ] = None,
    by: Annotated[
        By, typer.Option("--by", help="Group by unit (with -o DIR: one problem list per unit).")
    ] = By.department,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file, or folder with --by unit.")
    ] = None,
    lang: LangOption = None,
) -> None:
    """Find one-size-fits-all devolution, return candidates and the other review problems."""
    from dutylist.commands.auditing import run

    code = run(
        path,
        assessment=assessment,
        previous=previous,
        config=config,
        fail_on=fail_on.value,
        accept=accept,
        fmt=None if fmt is None else str(fmt),
        by=by.value,
        output=output,
        lang=lambda: lang_of(lang),
    )
    finish(code)


COMMANDS: dict[str, Callable[..., Any]] = {"audit": audit}
