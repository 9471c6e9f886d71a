"""Options shared by several commands, declared once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dutylist.errors import ExitCode
from dutylist.i18n import Lang, resolve_lang, set_lang
from dutylist.io.files import write_atomic, write_stdout

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


def lang_of(option: str | None) -> Lang:
    if option is not None and option.lower() not in ("zh", "en", "zh-cn", "zh_cn"):
        raise typer.BadParameter("use zh or en", param_hint="--lang")
    lang = resolve_lang(option)
    set_lang(lang)
    return lang


def emit(text: str, output: Path | None) -> None:
    """Text to standard output, or atomically to a file."""
    if output is None:
        write_stdout(text)
    else:
        write_atomic(output, text)


def finish(code: ExitCode | int) -> None:
    raise typer.Exit(int(code))
