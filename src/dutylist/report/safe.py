"""Catalog text made safe to print (spec section 10): a name cannot move the cursor,
retitle the terminal, clear the screen or turn the line around.

Every reporter meant for people (text, Markdown, GitHub annotations, the git diff
driver, HTML) passes catalog text through `safe` where it enters the output. Control
characters (C0, DEL, C1), bidi controls and the Unicode line separators are shown
escaped, as Python writes them (`\\x1b`, `\\u202e`), so that a reviewer sees them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from dutylist.escapes import escape_char

BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
SEPARATORS = (0x2028, 0x2029)
UNSAFE = frozenset((*range(0x00, 0x20), *range(0x7F, 0xA0), *BIDI, *SEPARATORS))


_TABLE = {code: escape_char(code) for code in UNSAFE}
_KEEP_LINES = {code: text for code, text in _TABLE.items() if code not in (0x0A, 0x09)}


def _class(codes: Iterable[int]) -> re.Pattern[str]:
    return re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(codes)) + "]")


# str.translate looks every character up in a dict: a search of a character class tells
# first, at C speed, whether there is anything to escape at all (there almost never is)
_ANY = _class(_TABLE).search
_ANY_KEEP_LINES = _class(_KEEP_LINES).search


def safe(text: object, *, lines: bool = False) -> str:
    """`text` with every unsafe character escaped; `lines=True` keeps newlines and tabs
    (a multi-line note in a format that shows several lines)."""
    value = text if isinstance(text, str) else str(text)
    # every unsafe character is unprintable (Cc, Cf, Zl, Zp), and isprintable() tells it
    # twice as fast as the search: only text that fails it is searched
    if value.isprintable():
        return value
    if lines:
        return value.translate(_KEEP_LINES) if _ANY_KEEP_LINES(value) else value
    return value.translate(_TABLE) if _ANY(value) else value


# Markdown is HTML too: a name is written as text, never as markup, a link or a cell border
_MARKDOWN = str.maketrans(
    {
        "\\": "\\\\",
        "|": "\\|",
        "[": "\\[",
        "]": "\\]",
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
    }
)


def md(text: object, *, breaks: str = " ") -> str:
    """Catalog text for a Markdown line or table cell: made safe, its Markdown and HTML
    syntax written literally (`<script>` is shown, `[x](y)` is no link, `|` no border;
    a code span is harmless and left as it is),
    its line breaks as `breaks`."""
    value = text if isinstance(text, str) else str(text)
    return breaks.join(safe(part).translate(_MARKDOWN) for part in value.split("\n"))


def on_terminal(out: object) -> bool:
    """`out` is a terminal (or stands for one): data formats (CSV) keep catalog text exact
    in a file or a pipe, and show it escaped only where it would be run."""
    isatty = getattr(out, "isatty", None)
    return bool(isatty is not None and isatty())


def is_safe(text: str, *, lines: bool = False) -> bool:
    """No character of `text` would reach the terminal raw as a control."""
    allowed = (0x0A, 0x09) if lines else ()
    return not any(ord(c) in UNSAFE and ord(c) not in allowed for c in text)


def escape(text: object) -> str:
    """Catalog text for a rich markup string: made safe (newlines kept: the text
    format is lines), then its brackets escaped so that `[x]` is not read as a style."""
    from rich.markup import escape as markup_escape

    return markup_escape(safe(text, lines=True))
