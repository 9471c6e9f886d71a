"""audit's run as a plain function: the typer command calls it with every option, and
cli.main's quick path with a path, --format and --fail-on (a CI job's audit), without
building the typer app (typer and click are a tenth of a CI audit's start-up)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dutylist.commands.outputs import guard
from dutylist.commands.writing import write_format
from dutylist.errors import ExitCode, InputError, OutputError, UserError
from dutylist.i18n import Lang, _
from dutylist.report.formats import AUDIT, choose, per_unit

FAIL_ON = ("error", "warning", "info", "none")
"""--fail-on: the lowest severity that fails the run; none: report, never fail."""


def run(
    path: Path | None,
    *,
    assessment: Path | None = None,
    previous: str | None = None,
    config: Path | None = None,
    fail_on: str = "error",
    accept: Path | None = None,
    fmt: str | None = None,
    by: str = "department",
    output: Path | None = None,
    lang: Callable[[], Lang],
) -> ExitCode:
    """Audit `path` (the jurisdiction under catalogs/ when None) and write the findings;
    `lang` is asked once the audit has run, as the typer command always did."""
    from dutylist.audit.config import find_config, load_settings
    from dutylist.audit.core import load_accept, run_audit
    from dutylist.findings import Severity

    target = path or default_target()
    settings_file = config or find_config(target)
    guard([("-o", output)], target, assessment, previous, settings_file, accept)
    if by == "unit" and output is not None:
        _outside_the_catalogs(output, target)
    settings = load_settings(settings_file)
    accepted = load_accept(accept) if accept else {}
    result = run_audit(
        target,
        assessment=assessment,
        previous=previous,
        settings=settings,
        accepted=accepted,
        evidence=output is not None or fmt not in (None, "text"),  # text shows no evidence
    )
    inputs = (target, assessment, previous, settings_file, accept)
    write_outputs(result, fmt, by, output, lang(), inputs=inputs)
    fails = fail_on != "none" and result.failing(Severity(fail_on))
    return ExitCode.PROBLEMS if fails else ExitCode.OK


def _outside_the_catalogs(output: Path, target: Path) -> None:
    """--by unit -o DIR writes a file per unit: never among the catalogs they are made of,
    where the next validate, fmt or site would meet them."""
    from dutylist.catalog.paths import owning_jurisdiction

    folder = (target if target.is_dir() else owning_jurisdiction(target) or target.parent).resolve()
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
