"""Options shared by several commands, declared once."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from dutylist.errors import ExitCode
from dutylist.i18n import Lang, _, resolve_lang, set_lang
from dutylist.io.files import write_atomic, write_stdout
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


def say(text: str, *, err: bool = True) -> None:
    """A line to the user: a path or a name in it may hold control characters, which
    click strips only when the stream is no terminal."""
    from dutylist.report.safe import safe

    typer.echo(safe(text, lines=True), err=err)


def lang_of(option: str | None) -> Lang:
    if option is not None and option.lower() not in ("zh", "en", "zh-cn", "zh_cn"):
        raise typer.BadParameter(_("use zh or en"), param_hint="--lang")
    lang = resolve_lang(option)
    set_lang(lang)
    return lang


def emit(text: str, output: Path | None) -> None:
    """Text to standard output, or atomically to a file."""
    if output is None:
        write_stdout(text)
    else:
        write_atomic(output, text)


class _Like(io.StringIO):
    """A buffer that answers isatty() as standard output does: the reporter lays out for
    the terminal (width, colour) while the text is still written once, by write_stdout."""

    def isatty(self) -> bool:
        stream = sys.stdout
        return stream is not None and hasattr(stream, "isatty") and bool(stream.isatty())

    def fileno(self) -> int:
        return sys.stdout.fileno()


def write_format(form: Format, result: Any, output: Path | None, lang: Lang, **opts: Any) -> None:
    """A row of a command's format table: bytes to -o; text to -o or to standard output."""
    if form.binary:
        assert output is not None  # formats.choose refuses a binary format without -o
        write_atomic(output, form.renderer()(result, lang, **opts))
        return
    buffer = _Like() if output is None else io.StringIO()
    form.renderer()(result, buffer, lang, **opts)
    emit(buffer.getvalue(), output)


def finish(code: ExitCode | int) -> None:
    raise typer.Exit(int(code))
