"""Consoles that honour NO_COLOR and pipes (spec section 8)."""

from __future__ import annotations

import os
import sys
from typing import TextIO

from rich.console import Console


def make_console(file: TextIO | None = None, *, stderr: bool = False) -> Console:
    """Colour only on a terminal and never under NO_COLOR; soft wrap so that piped
    output keeps one record per line."""
    stream = file or (sys.stderr if stderr else sys.stdout)
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    no_color = "NO_COLOR" in os.environ or not is_tty
    return Console(
        file=stream,
        no_color=no_color,
        color_system=None if no_color else "auto",
        force_terminal=False if not is_tty else None,
        highlight=False,
        soft_wrap=not is_tty,
        width=None if is_tty else 200,
        emoji=False,
    )
