"""audit: the annual review of a jurisdiction's lists (spec sections 6-8)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dutylist.commands.options import LangOption, finish, lang_of
from dutylist.commands.outputs import guard
from dutylist.commands.writing import write_format
from dutylist.errors import ExitCode, InputError, OutputError, UserError
from dutylist.i18n import _
from dutylist.report.formats import AUDIT, choices, choose, per_unit

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
    from dutylist.audit.config import find_config, load_settings
    from dutylist.audit.core import load_accept, run_audit
    from dutylist.findings import Severity

    target = path or default_target()
    settings_file = config or find_config(target)
    guard([("-o", output)], target, assessment, previous, settings_file, accept)
    if by.value == "unit" and output is not None:
        _outside_the_catalogs(output, target)
    settings = load_settings(settings_file)
    accepted = load_accept(accept) if accept else {}
    result = run_audit(
        target, assessment=assessment, previous=previous, settings=settings, accepted=accepted
    )
    inputs = (target, assessment, previous, settings_file, accept)
    fmt_name = None if fmt is None else str(fmt)
    write_outputs(result, fmt_name, by.value, output, lang_of(lang), inputs=inputs)
    fails = fail_on is not FailOn.none and result.failing(Severity(fail_on.value))
    finish(ExitCode.PROBLEMS if fails else ExitCode.OK)


def _outside_the_catalogs(output: Path, target: Path) -> None:
    """--by unit -o DIR writes a file per unit: never among the catalogs they are made of,
    where the next validate, fmt or site would meet them."""
    folder = (target if target.is_dir() else target.parent).resolve()
    place = output.resolve()
    if place == folder or folder in place.parents:
        raise OutputError(
            _(
                "-o {path}: the problem lists go outside the catalogs they are made from "
                "({source})",
                path=output,
                source=folder,
            )
        )


def default_target() -> Path:
    """catalogs/<the only jurisdiction>, or an error asking which."""
    from dutylist.catalog.workspace import find_jurisdictions

    root = Path("catalogs")
    found = find_jurisdictions(root) if root.is_dir() else []
    if len(found) > 1:  # a city folder holding only its guides (指导目录) is not audited
        found = [r for r in found if not _guides_only(r)] or found
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(
            _("no jurisdiction under catalogs/: give the folder or catalog file to audit")
        )
    names = ", ".join(p.as_posix() for p in found)
    raise InputError(
        _("several jurisdictions under catalogs/ ({names}): give the one to audit", names=names)
    )


def _guides_only(root: Path) -> bool:
    from dutylist.catalog.workspace import load_jurisdiction

    kinds = {c.kind for c in load_jurisdiction(root).catalogs}
    return kinds <= {"guide"}


def write_outputs(
    result: Any, fmt: str | None, by: str, output: Path | None, lang: Any, *, inputs: Any = ()
) -> None:
    """The row of `formats.AUDIT` that --format or the -o suffix names; with --by unit and
    -o DIR one file per unit in that format (Markdown unless --format says otherwise)."""
    from dutylist.io.files import make_folder, name_max, write_atomic
    from dutylist.report.audit_units import unit_lists

    if by == "unit" and output is not None:
        if output.exists() and not output.is_dir():
            raise UserError(_("{path} is a file: --by unit -o needs a folder", path=output))
        form = per_unit(AUDIT, fmt or "markdown")
        make_folder(output)
        lists = unit_lists(result, lang, form, name_max(output))
        guard([("-o", output / name) for name in lists], *inputs)
        for name, payload in lists.items():
            write_atomic(output / name, payload)
        return
    write_format(choose(AUDIT, fmt, output), result, output, lang, by=by)


COMMANDS: dict[str, Callable[..., Any]] = {"audit": audit}
