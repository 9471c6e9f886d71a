"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dutylist.errors import ExitCode
from dutylist.i18n import Lang, _, resolve_lang, set_lang

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang", help="Output language: zh or en (default: DUTYLIST_LANG, then the locale)."
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("-o", "--output", help="Write to this file instead of standard output."),
]


def say(text: str, *, err: bool = True) -> None:
    """A line to the user: a path or a name in it may hold control characters, which
    click strips only when the stream is no terminal."""
    from dutylist.report.safe import safe

    if err:
        typer.echo(safe(text, lines=True), err=True)
        return
    from dutylist.io.files import write_stdout

    write_stdout(safe(text, lines=True) + "\n")  # a closed stdout is an error, not silence


def print_page(text: str) -> None:
    """A help page or the version to standard output, which fails as every command's
    output does (spec section 10): a full or closed one is one message and exit 2, a
    reader that stopped early (`| head`) exit 0. These are written while the arguments
    are parsed, before any command's error boundary."""
    from dutylist.commands.boundary import HANDLED, handled
    from dutylist.io.files import write_stdout

    try:
        write_stdout(text)
    except HANDLED as exc:
        code = handled(exc)
        if code is None:
            raise
        raise typer.Exit(code) from None


def lang_of(option: str | None) -> Lang:
    if option is not None and option.lower() not in ("zh", "en", "zh-cn", "zh_cn"):
        raise typer.BadParameter(_("use zh or en"), param_hint="--lang")
    lang = resolve_lang(option)
    set_lang(lang)
    return lang


def finish(code: ExitCode | int) -> None:
    raise typer.Exit(int(code))
