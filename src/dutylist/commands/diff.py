"""diff (and the hidden git-diff-driver): two versions of a catalog, paired and classified."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dutylist.commands import quick
from dutylist.commands.options import LangOption, OutputOption, finish, lang_of
from dutylist.commands.writing import emit
from dutylist.errors import ExitCode
from dutylist.i18n import CHANGE_CLASSES, _
from dutylist.report.formats import DIFF, choices, choose

if TYPE_CHECKING:
    DiffFormat = str
else:
    DiffFormat = choices("DiffFormat", DIFF)


def _classes(values: list[str] | None) -> set[str] | None:
    if not values:
        return None
    wanted = {v.strip() for value in values for v in value.split(",") if v.strip()}
    unknown = sorted(wanted - set(CHANGE_CLASSES))
    if unknown:
        close = difflib.get_close_matches(unknown[0], CHANGE_CLASSES, n=1)
        classes = ", ".join(CHANGE_CLASSES)
        if close:
            message = _(
                "unknown class {names}: did you mean '{close}'? use {classes}",
                names=", ".join(unknown),
                close=close[0],
                classes=classes,
            )
        else:
            message = _(
                "unknown class {names}: use {classes}", names=", ".join(unknown), classes=classes
            )
        raise typer.BadParameter(message, param_hint="--only")
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
    classes = _classes(only)
    language = lang_of(lang)
    form = choose(DIFF, None if fmt is None else str(fmt), output)
    code = quick.diff(
        old,
        new,
        form,
        language,
        output=output,
        similarity=similarity,
        classes=classes,
        department=department,
        exit_code=exit_code,
    )
    finish(code)


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
