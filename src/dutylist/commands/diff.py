"""diff (and the hidden git-diff-driver): two versions of a catalog, paired and classified."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from dutylist.commands.options import LangOption, OutputOption, emit, finish, lang_of
from dutylist.commands.outputs import guard
from dutylist.errors import ExitCode, UserError
from dutylist.i18n import CHANGE_CLASSES


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"
    csv = "csv"
    changes_csv = "changes-csv"
    xlsx = "xlsx"


SUFFIXES = {".xlsx": "xlsx", ".json": "json", ".md": "markdown", ".markdown": "markdown"}
"""Output extensions that decide the format; .csv is csv or changes-csv, others are text."""
FITS = {
    "text": {".txt"},
    "json": {".json"},
    "markdown": {".md", ".markdown"},
    "csv": {".csv"},
    "changes-csv": {".csv"},
    "xlsx": {".xlsx"},
}
KNOWN = frozenset().union(*FITS.values())


def _format(fmt: DiffFormat | None, output: Path | None) -> str:
    """--format, else the format the -o extension names; a format that contradicts a known
    extension (text into .xlsx, a workbook into .csv) is refused rather than written."""
    suffix = output.suffix.lower() if output else ""
    if fmt is None:
        return "csv" if suffix == ".csv" else SUFFIXES.get(suffix, "text")
    if output is not None and suffix in KNOWN and suffix not in FITS[fmt.value]:
        raise UserError(
            f"--format {fmt.value} does not write a {suffix} file: "
            f"use -o FILE{min(FITS[fmt.value])} or leave out --format"
        )
    if output is not None and fmt.value == "xlsx" and suffix != ".xlsx":
        raise UserError(f"--format xlsx writes a workbook: -o must end in .xlsx, not {output.name}")
    return fmt.value


def _classes(values: list[str] | None) -> set[str] | None:
    if not values:
        return None
    wanted = {v.strip() for value in values for v in value.split(",") if v.strip()}
    unknown = sorted(wanted - set(CHANGE_CLASSES))
    if unknown:
        close = difflib.get_close_matches(unknown[0], CHANGE_CLASSES, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise typer.BadParameter(
            f"unknown class {', '.join(unknown)}: {hint}use {', '.join(CHANGE_CLASSES)}",
            param_hint="--only",
        )
    return wanted


def diff(
    old: Annotated[
        str,
        typer.Argument(
            metavar="OLD", help="Old version: a catalog file, a jurisdiction folder, or REV:PATH."
        ),
    ],
    new: Annotated[
        str,
        typer.Argument(
            metavar="NEW", help="New version: a catalog file, a jurisdiction folder, or REV:PATH."
        ),
    ],
    *,
    fmt: Annotated[
        DiffFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format [default: from the -o extension (.xlsx, .json, .md, .csv), "
            "else text].",
        ),
    ] = None,
    output: OutputOption = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when the versions differ (like git diff).")
    ] = False,
    similarity: Annotated[
        float | None,
        typer.Option(
            "--similarity",
            metavar="RATIO",
            help="Also pair items whose names are this similar, within a department: "
            "a ratio 0..1 (or a percentage 0..100), e.g. 0.85.",
        ),
    ] = None,
    only: Annotated[
        list[str] | None,
        typer.Option(
            "--only", metavar="CLASS", help="Show only these change classes (repeatable)."
        ),
    ] = None,
    department: Annotated[
        str | None,
        typer.Option(
            "--department",
            metavar="DEPT",
            help="Show only this department's changes: its id or its name in jurisdiction.yaml.",
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Compare two versions and classify every change (新增, 收回, 差异化, 合并...)."""
    from dutylist.diff import diff_paths, similarity_ratio
    from dutylist.report.diff import render

    classes = _classes(only)
    language = lang_of(lang)
    form = _format(fmt, output)
    guard([("-o", output)], old, new)
    result = diff_paths(old, new, similarity_ratio(similarity))
    dep = result.department_id(department) if department is not None else None
    result = result.select(classes, dep)
    out = render(result, form, language)
    if isinstance(out, bytes) and output is None:
        raise UserError(f"--format {form} writes a file: give -o FILE")
    emit(out, output) if isinstance(out, str) else _write(out, output)
    finish(ExitCode.PROBLEMS if exit_code and result.changed else ExitCode.OK)


def _write(data: bytes, output: Path | None) -> None:
    from dutylist.io.files import write_atomic

    assert output is not None
    write_atomic(output, data)


def git_diff_driver(
    args: Annotated[
        list[str],
        typer.Argument(metavar="ARGS...", help="The 7 arguments git passes to GIT_EXTERNAL_DIFF."),
    ],
    lang: LangOption = None,
) -> None:
    """For git: `git config diff.dutylist.command 'dutylist git-diff-driver'`."""
    from dutylist.diff.driver import driver_diff
    from dutylist.report.diff import render
    from dutylist.report.safe import safe

    result = driver_diff(args)
    if isinstance(result, str):  # not a catalog: the plain line diff git would show
        emit(safe(result, lines=True), None)
        finish(ExitCode.OK)
        return
    text = render(result, "text", lang_of(lang))
    emit(f"dutylist diff a/{safe(args[0])} b/{safe(args[0])}\n" + str(text), None)
    finish(ExitCode.OK)


COMMANDS: dict[str, Callable[..., Any]] = {"diff": diff}
HIDDEN: dict[str, Callable[..., Any]] = {"git-diff-driver": git_diff_driver}
