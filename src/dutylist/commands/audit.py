"""audit: the annual review of a jurisdiction's lists (spec sections 6-8)."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from dutylist.commands.options import LangOption, emit, finish, lang_of
from dutylist.errors import ExitCode, InputError, UserError


class AuditFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    github = "github"
    xlsx = "xlsx"
    html = "html"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    none = "none"  # report only: the exit code never says findings were found


class By(str, Enum):
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
        AuditFormat, typer.Option("--format", "-f", help="Output format.")
    ] = AuditFormat.text,
    by: Annotated[
        By, typer.Option("--by", help="Group by unit (with -o DIR: one problem list per unit).")
    ] = By.department,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Output file, or folder with --by unit.")
    ] = None,
    lang: LangOption = None,
) -> None:
    """Find one-size-fits-all devolution, return candidates and the other review problems."""
    from dutylist.audit.config import find_config, load_settings
    from dutylist.audit.core import load_accept, run_audit
    from dutylist.findings import Severity

    target = path or default_target()
    settings = load_settings(config or find_config(target))
    accepted = load_accept(accept) if accept else {}
    result = run_audit(
        target, assessment=assessment, previous=previous, settings=settings, accepted=accepted
    )
    write_outputs(result, fmt.value, by.value, output, lang_of(lang))
    fails = fail_on is not FailOn.none and result.failing(Severity(fail_on.value))
    finish(ExitCode.PROBLEMS if fails else ExitCode.OK)


def default_target() -> Path:
    """catalogs/<the only jurisdiction>, or an error asking which."""
    from dutylist.catalog.workspace import find_jurisdictions

    root = Path("catalogs")
    found = find_jurisdictions(root) if root.is_dir() else []
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(
            "no jurisdiction under catalogs/: give the folder or catalog file to audit"
        )
    names = ", ".join(p.as_posix() for p in found)
    raise InputError(f"several jurisdictions under catalogs/ ({names}): give the one to audit")


def write_outputs(result: Any, fmt: str, by: str, output: Path | None, lang: Any) -> None:
    from dutylist.io.files import write_atomic
    from dutylist.report.audit import render
    from dutylist.report.audit_units import unit_lists

    if by == "unit" and output is not None:
        if output.exists() and not output.is_dir():
            raise UserError(f"{output} is a file: --by unit -o needs a folder")
        output.mkdir(parents=True, exist_ok=True)
        for name, payload in unit_lists(result, lang, fmt).items():
            write_atomic(output / name, payload)
        return
    if fmt == "xlsx":
        if output is None:
            raise UserError("--format xlsx needs -o FILE.xlsx")
        from dutylist.report.audit_xlsx import workbook

        title = (
            f"{result.jurisdiction}问题清单" if lang == "zh" else f"Audit of {result.jurisdiction}"
        )
        write_atomic(output, workbook(result, result.findings, lang, title))
        return
    emit(render(result, fmt, lang, by), output)


COMMANDS: dict[str, Callable[..., Any]] = {"audit": audit}
