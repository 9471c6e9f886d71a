"""Writing a command's output, without typer (the quick path of cli.main writes through it)."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from dutylist.i18n import Lang
from dutylist.io.files import write_atomic, write_stdout
from dutylist.report.formats import Format


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
