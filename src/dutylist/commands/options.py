"""Options shared by several commands, declared once."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from dutylist.errors import ExitCode
from dutylist.i18n import Lang, resolve_lang, set_lang
from dutylist.io.files import write_atomic
from dutylist.report.formats import Format

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
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_atomic(output, text)


def write_format(form: Format, result: Any, output: Path | None, lang: Lang, **opts: Any) -> None:
    """A row of a command's format table: bytes to -o; text to -o, or straight to standard
    output, where the reporter sees the terminal (its width, whether to colour)."""
    if form.binary:
        assert output is not None  # formats.choose refuses a binary format without -o
        write_atomic(output, form.renderer()(result, lang, **opts))
        return
    if output is None:
        form.renderer()(result, sys.stdout, lang, **opts)
        sys.stdout.flush()
        return
    buffer = io.StringIO()
    form.renderer()(result, buffer, lang, **opts)
    write_atomic(output, buffer.getvalue())


def finish(code: ExitCode | int) -> None:
    raise typer.Exit(int(code))
