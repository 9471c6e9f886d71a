"""Characters that make two ids or names look alike while they differ (spec section 3).

Control characters, zero-width characters and bidirectional controls are invisible or move
text around: an id holding one is a twin of another that no reviewer can tell apart, and a
name holding one can reorder what a terminal shows. They are errors. Cyrillic or Greek
letters among Latin or Chinese text look like Latin letters (混淆字符): a warning, since a
Greek letter can be meant (γ射线).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from dutylist.catalog.load import Document
from dutylist.checks import check
from dutylist.escapes import escape_char
from dutylist.findings import Finding
from dutylist.i18n import _

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\u180e]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_FOREIGN = re.compile(r"[\u0370-\u03ff\u1f00-\u1fff\u0400-\u052f]")
# compiled when first needed (its CJK ranges cost 5 ms to compile): after a _FOREIGN hit
_LATIN_OR_CJK = r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff]"


def shown(text: str) -> str:
    """The text with every character a terminal would not show as itself spelt out."""
    return "".join(
        ch if ch.isprintable() and not _FOREIGN.match(ch) else escape_char(ord(ch)) for ch in text
    )


def hidden(text: str) -> bool:
    """Whether `text` holds a character validate refuses in an id or a name (a control, an
    invisible or a bidi character)."""
    return not text.isprintable() and any(p.search(text) for p in (_CONTROL, _INVISIBLE, _BIDI))


def text_checks(
    doc: Document,
    section: str,
    ids: list[str],
    names: list[str],
    position: Callable[[int], int] = int,
) -> Iterator[Finding]:
    """Findings for the ids and names of one section (items, units, departments, posts)."""
    for i, (ident, name) in enumerate(zip(ids, names, strict=True)):
        for key, text in (("id", ident), ("name", name)):
            path = (section, position(i), key)
            if not text.isprintable():
                yield from _hidden(doc, key, text, path)
            if key == "id" and text != text.strip():
                message = _(
                    "id {id} begins or ends with whitespace: remove it, "
                    "or it is another id than the one it looks like",
                    id=shown(repr(text)),
                )
                yield doc.finding(check("id-whitespace"), message, path)
            if not text.isascii() and _FOREIGN.search(text) and re.search(_LATIN_OR_CJK, text):
                message = _(
                    "{field} {value} mixes Cyrillic or Greek letters into Latin or Chinese text "
                    "(they look like Latin letters): type them again if not meant",
                    field=key,
                    value=shown(text),
                )
                yield doc.finding(check("mixed-script"), message, path)


def _hidden(doc: Document, key: str, text: str, path: tuple[str | int, ...]) -> Iterator[Finding]:
    for name, pattern in (
        ("control-character", _CONTROL),
        ("invisible-character", _INVISIBLE),
        ("bidi-control", _BIDI),
    ):
        if pattern.search(text):
            message = _(
                "{field} {value} holds a character that is not shown as itself: remove it",
                field=key,
                value=shown(text),
            )
            yield doc.finding(check(name), message, path)
