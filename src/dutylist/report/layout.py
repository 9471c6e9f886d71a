"""Text that fits the terminal (spec section 10): the width to write at, CJK-aware wrapping,
boxed tables that wrap their cells or give way to a list, and colour applied to whole
strings, so that a reporter builds its text in one pass and writes it once.

Chinese has no spaces: a line may break between any two wide characters, but not before
closing punctuation (，。、) nor after an opening bracket, as Chinese typesetting wants.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from typing import Any, TextIO

from dutylist.report.safe import safe

PIPE_WIDTH = 120
"""Width of the text written to a pipe or a file."""
NARROWEST = 20
"""Below this a requested width is not taken at its word."""

_NO_START = frozenset("，。、；：？！）》」』】〉”’,.;:?!)]}%·")
_NO_END = frozenset("（《「『【〈“‘([{")
_NO_START_CHARS = "".join(sorted(_NO_START))
_NO_END_CHARS = "".join(sorted(_NO_END))


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


_WIDE_CLASS = (  # East Asian Width W and F: the blocks of CJK, kana, hangul, full-width forms
    "\u1100-\u115f\u231a-\u231b\u2329-\u232a\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf"
    "\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19"
    "\ufe30-\ufe6f\uff00-\uff60\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff"
    "\U00020000-\U0003fffd"
)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled on first use (some 50 ms): validate's pre-commit run never wraps."""
    return (
        re.compile(f"[{_WIDE_CLASS}]"),
        re.compile(f"([{_WIDE_CLASS}]+)|( +)|([^ {_WIDE_CLASS}]+)"),
    )


def _char_width(ch: str) -> int:
    return 2 if _patterns()[0].match(ch) else 1


def cell_len(text: str) -> int:
    """Columns a text takes in a terminal: wide and full-width characters count two."""
    if text.isascii():
        return len(text)
    return len(text) + len(_patterns()[0].findall(text))


def wrap(text: str, width: int, indent: str = "", first: str = "") -> list[str]:
    """`text` in lines of at most `width` columns: broken at spaces and between wide
    characters, a word longer than a line folded; the first line starts with `first`,
    the others with `indent`."""
    lines: list[str] = []
    for para in text.split("\n"):
        # catalog text cannot move the cursor or retitle the terminal (spec section 10)
        lines.extend(_wrap_line(safe(para), width, first if not lines else indent, indent))
    return lines


def _tokens(text: str) -> list[tuple[str, int]]:
    """Runs a line may break between: (text, kind) with kind 0 for a run of wide
    characters (breakable inside), 1 for spaces, 2 for a run of narrow ones (a word).
    Punctuation that may not start a line joins the run before it, an opening bracket
    the run after it."""
    out: list[list[Any]] = []
    for match in _patterns()[1].finditer(text):
        kind = match.lastindex or 1
        out.append([match.group(kind), kind - 1])
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        if prev[1] == 1 or cur[1] == 1:
            continue
        head = len(cur[0]) - len(cur[0].lstrip(_NO_START_CHARS))
        # a word's own leading mark stays with it (".json", ".5"); a lone mark joins the run before
        if head and (cur[1] == 0 or head == len(cur[0])):
            prev[0], cur[0] = prev[0] + cur[0][:head], cur[0][head:]
        tail = len(prev[0]) - len(prev[0].rstrip(_NO_END_CHARS))
        if tail:
            prev[0], cur[0] = prev[0][:-tail], prev[0][-tail:] + cur[0]
    return [(t, k) for t, k in out if t]


def _wrap_line(text: str, width: int, first: str, indent: str) -> list[str]:
    prefix = first
    if cell_len(prefix) + cell_len(text) <= width:
        return [prefix + text]
    out: list[str] = []
    line: list[str] = []
    used = cell_len(prefix)
    space = False
    for token, kind in _tokens(text):
        if kind == 1:
            space = bool(line)
            continue
        need = cell_len(token) + space
        if used + need <= width:
            line.append(" " + token if space else token)
            used += need
            space = False
            continue
        if kind == 2 and line:  # a word goes whole to the next line
            out.append(prefix + "".join(line))
            prefix, line, used = indent, [], cell_len(indent)
        elif space:
            used += 1
            line.append(" ")
        space = False
        rest = token
        while used + cell_len(rest) > width:
            k = _fit(rest, width - used, force=not line, breakable=kind == 0)
            if k:
                line.append(rest[:k])
                rest = rest[k:]
            out.append(prefix + "".join(line).rstrip())
            prefix, line, used = indent, [], cell_len(indent)
        line.append(rest)
        used += cell_len(rest)
    if line or not out:
        out.append(prefix + "".join(line).rstrip())
    return out


def _fit(token: str, room: int, *, force: bool, breakable: bool) -> int:
    """How many characters of `token` go on a line with `room` columns left: as many as
    fit, less a closing mark that may not start the next line; a word is broken only
    when it is alone on its line (`force`)."""
    if not breakable and not force:
        return 0
    if room <= 0:
        k = 0
    elif cell_len(token) == 2 * len(token):
        k = room // 2
    else:
        k, used = 0, 0
        for ch in token:
            used += _char_width(ch)
            if used > room:
                break
            k += 1
    fit = k
    while breakable and 0 < k < len(token) and (token[k] in _NO_START or token[k - 1] in _NO_END):
        k -= 1
    if k == 0 and force:
        return max(fit, 1)
    return k


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
        text = safe(text)
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
    # the final newline joined in: `+ "\n"` would copy the whole text once more
    out.write("\n".join(chain(map(str.rstrip, lines), ("",))) or "\n")
