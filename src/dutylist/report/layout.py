"""Text that fits the terminal (spec section 10): the width to write at, CJK-aware wrapping,
boxed tables that wrap their cells or give way to a list, and colour applied to whole
strings, so that a reporter builds its text in one pass and writes it once.

Chinese has no spaces: a line may break between any two wide characters, but not before
closing punctuation (，。、) nor after an opening bracket, as Chinese typesetting wants.
"""

from __future__ import annotations

import os
import shutil
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TextIO

PIPE_WIDTH = 120
"""Width of the text written to a pipe or a file."""
NARROWEST = 20
"""Below this a requested width is not taken at its word."""

_NO_START = frozenset("，。、；：？！）》」』】〉”’,.;:?!)]}%·")
_NO_END = frozenset("（《「『【〈“‘([{")


def text_width(out: TextIO | None = None) -> int:
    """`COLUMNS`, else the terminal's width, else 120 (a pipe or a file)."""
    env = os.environ.get("COLUMNS", "")
    if env.strip().isdigit() and int(env) > 0:
        return max(int(env), NARROWEST)
    if out is not None and hasattr(out, "isatty") and out.isatty():
        try:
            return max(os.get_terminal_size(out.fileno()).columns, NARROWEST)
        except (OSError, ValueError, AttributeError):
            return max(shutil.get_terminal_size((PIPE_WIDTH, 24)).columns, NARROWEST)
    return PIPE_WIDTH


@lru_cache(maxsize=4096)
def _char_width(ch: str) -> int:
    if unicodedata.combining(ch) or ch in "\u200b\u200d":
        return 0
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def cell_len(text: str) -> int:
    """Columns a text takes in a terminal: wide and full-width characters count two."""
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


def wrap(text: str, width: int, indent: str = "", first: str = "") -> list[str]:
    """`text` in lines of at most `width` columns: broken at spaces and between wide
    characters, a word longer than a line folded; the first line starts with `first`,
    the others with `indent`."""
    lines: list[str] = []
    for para in text.split("\n"):
        lines.extend(_wrap_line(para, width, first if not lines else indent, indent))
    return lines


def _wrap_line(text: str, width: int, first: str, indent: str) -> list[str]:
    prefix = first
    if cell_len(prefix) + cell_len(text) <= width:
        return [prefix + text]
    out: list[str] = []
    line, used = "", cell_len(prefix)
    brk = -1  # the last index of `line` before which it may break
    for ch in text:
        w = _char_width(ch)
        if w > width - used and line:
            cut = len(line) if _can_break(line[-1], ch) else brk
            while True:
                cut = cut if cut > 0 else _fallback_break(line, ch)
                out.append(prefix + line[:cut].rstrip())
                prefix, line = indent, line[cut:].lstrip(" ")
                used = cell_len(indent) + cell_len(line)
                if used + w <= width or not line:
                    break
                cut = _last_break(line)  # the rest is still too long: break it again
            brk = _last_break(line)
        if not line and ch == " ":
            continue
        if line and _can_break(line[-1], ch):
            brk = len(line)
        line += ch
        used += w
    if line or not out:
        out.append(prefix + line.rstrip())
    return out


def _can_break(before: str, after: str) -> bool:
    """A line may break between these two characters: after a space, or beside a wide
    character unless that leaves an opening bracket at a line's end or a comma at its start."""
    if before == " ":
        return True
    wide = _char_width(before) == 2 or _char_width(after) == 2
    return wide and before not in _NO_END and after not in _NO_START and after != " "


def _last_break(line: str) -> int:
    for i in range(len(line) - 1, 0, -1):
        if _can_break(line[i - 1], line[i]):
            return i
    return -1


def _fallback_break(line: str, nxt: str) -> int:
    """Where to break a line that has no break opportunity left: before its last
    (wide) character when the next one may not start a line, else at the end (a word
    is not split for a comma)."""
    if nxt in _NO_START and len(line) > 1 and _char_width(line[-1]) == 2:
        return len(line) - 1
    return len(line)


def pad(text: str, width: int, align: str = "left") -> str:
    gap = max(width - cell_len(text), 0)
    return " " * gap + text if align == "right" else text + " " * gap


def columns(
    cells: Sequence[str], widths: Sequence[int], gap: int = 2, indent: str = ""
) -> list[str]:
    """Cells side by side, each wrapped in its column; the last column is not padded."""
    wrapped = [wrap(cell, width) for cell, width in zip(cells, widths, strict=True)]
    height = max(len(w) for w in wrapped)
    lines = []
    for i in range(height):
        parts = [
            pad(w[i] if i < len(w) else "", widths[c])
            if c < len(cells) - 1
            else (w[i] if i < len(w) else "")
            for c, w in enumerate(wrapped)
        ]
        lines.append((indent + (" " * gap).join(parts)).rstrip())
    return lines


@dataclass
class Column:
    """A table column: its header, right-aligned for counts, how narrow it may wrap
    (0: a count column never narrower than its header)."""

    header: str
    numeric: bool = False
    min_width: int = 8


def table(
    cols: Sequence[Column],
    rows: Sequence[Sequence[str]],
    width: int,
    *,
    total_from: int | None = None,
) -> list[str] | None:
    """A boxed table of at most `width` columns, text cells wrapped; None when even the
    narrowest layout does not fit (the caller then writes a list). `total_from`: index
    of the first row of a total section, set off by a rule."""
    natural = [
        max([cell_len(c.header)] + [cell_len(r[i]) for r in rows]) for i, c in enumerate(cols)
    ]
    # text columns wrap down to their floor; count columns keep their header on one line
    # unless nothing else fits, then wrap it to their own floor
    flat, tight = [], []
    for i, (c, n) in enumerate(zip(cols, natural, strict=True)):
        if c.numeric:
            widest = max((cell_len(r[i]) for r in rows), default=0)
            flat.append(n)
            tight.append(min(n, max(c.min_width, widest)) if c.min_width else n)
        else:
            flat.append(min(n, c.min_width))
            tight.append(flat[-1])
    for floor in (flat, tight):
        for padding in (1, 0):
            drawn = _draw(cols, rows, width, natural, floor, padding, total_from)
            if drawn is not None:
                return drawn
    return None


def _draw(  # noqa: PLR0917 - the table's parts, each computed once by table()
    cols: Sequence[Column],
    rows: Sequence[Sequence[str]],
    width: int,
    natural: list[int],
    floor: list[int],
    padding: int,
    total_from: int | None,
) -> list[str] | None:
    frame = (2 * padding + 1) * len(cols) + 1
    if sum(floor) + frame > width:
        return None
    # a count column whose header must wrap goes straight to its floor
    widths = [
        f if f < n and cols[i].numeric else n
        for i, (f, n) in enumerate(zip(floor, natural, strict=True))
    ]
    excess = sum(widths) + frame - width
    while excess > 0:  # narrow the widest column that can still give, a column at a time
        give = [i for i in range(len(cols)) if widths[i] > floor[i]]
        widths[max(give, key=lambda k: widths[k])] -= 1
        excess -= 1
    space = " " * padding

    def line(left: str, mid: str, right: str) -> str:
        return left + mid.join("─" * (w + 2 * padding) for w in widths) + right

    def row_lines(cells: Sequence[str]) -> list[str]:
        wrapped = [wrap(cell, w) for cell, w in zip(cells, widths, strict=True)]
        height = max(len(w) for w in wrapped)
        out = []
        for k in range(height):
            parts = [
                pad(w[k] if k < len(w) else "", widths[i], "right" if cols[i].numeric else "left")
                for i, w in enumerate(wrapped)
            ]
            out.append(f"│{space}" + f"{space}│{space}".join(parts) + f"{space}│")
        return out

    out = [line("┌", "┬", "┐"), *row_lines([c.header for c in cols]), line("├", "┼", "┤")]
    for index, cells in enumerate(rows):
        if index == total_from and index:
            out.append(line("├", "┼", "┤"))
        out.extend(row_lines(cells))
    out.append(line("└", "┴", "┘"))
    return out


class Painter:
    """Colour for a terminal, nothing for a pipe, a file or NO_COLOR: the text is built
    as plain strings and each styled piece painted whole."""

    def __init__(self, out: TextIO | None) -> None:
        is_tty = out is not None and hasattr(out, "isatty") and out.isatty()
        self.enabled = is_tty and "NO_COLOR" not in os.environ

    def __call__(self, text: str, style: str) -> str:
        if not self.enabled or not text or not style:
            return text
        return str(_style(style).render(text, color_system=_color_system()))


@lru_cache(maxsize=64)
def _style(name: str):  # type: ignore[no-untyped-def]
    from rich.style import Style

    return Style.parse(name)


@lru_cache(maxsize=1)
def _color_system():  # type: ignore[no-untyped-def]
    from rich.color import ColorSystem

    return ColorSystem.STANDARD


def write_text(out: TextIO, lines: Sequence[str]) -> None:
    """The whole text at once, without the padding spaces tables leave at line ends."""
    out.write("\n".join(line.rstrip() for line in lines) + "\n")
