"""Lines of items for conform's findings without composing the document.

A province has findings in every county (guide items not adopted, at least), and
composing each file again to place them cost more than loading it. Catalogs are block
YAML with `- id:` opening each item (as `fmt` writes them), so one pass over the lines
finds every item; anything else (flow style, `id` not first, a key not found) is left to
the document's Locator, which is always right.
"""

from __future__ import annotations

import re

from dutylist.catalog.load import Document
from dutylist.findings import Check, Finding

_ITEMS = re.compile(r"^items[ \t]*:[ \t]*(#.*)?$", re.MULTILINE)
_NEXT_TOP = re.compile(r"^[A-Za-z_][\w-]*[ \t]*:", re.MULTILINE)
_ITEM_RE = re.compile(
    r"^([ \t]*)-[ \t]+(id[ \t]*:[ \t]*)(\S[^\n]*?)[ \t]*(#[^\n]*)?\r?$", re.MULTILINE
)
_KEY = re.compile(r"(\s+)([\w-]+)\s*:\s*(\S)?")


class Lines:
    """(line, column) of `("items", i)`, `("items", i, key)` and `("catalog",)`, as
    Locator.locate gives them, from a scan of the text."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text.splitlines()
        self.starts: list[tuple[int, int, int, str]] = []  # line index, column, indent, id
        self._head: tuple[int, int] | bool | None = False  # the `catalog:` place, once found
        self._scan()

    def _scan(self) -> None:
        # one regex pass over the `items:` section, not a Python loop over its lines
        text = self.doc.text
        head = _ITEMS.search(text)
        if head is None:
            return
        following = _NEXT_TOP.search(text, head.end())
        end = following.start() if following else len(text)
        line, last = text.count("\n", 0, head.start()), head.start()
        for match in _ITEM_RE.finditer(text, head.end(), end):
            line += text.count("\n", last, match.start())
            last = match.start()
            ident = match.group(3).strip()
            if len(ident) >= 2 and ident[0] == ident[-1] and ident[0] in "\"'":
                ident = ident[1:-1]
            column = match.start(2) - match.start() + 1
            self.starts.append((line, column, len(match.group(1)), ident))

    def finding(
        self, chk: Check, message: str, index: int | None, ident: str, sub: tuple[str, ...] = ()
    ) -> Finding:
        place = self._place(index, ident, sub)
        if place is None:
            path: tuple[str | int, ...] = ("catalog",) if index is None else ("items", index, *sub)
            return self.doc.finding(chk, message, path)
        path = ("catalog",) if index is None else ("items", index, *sub)
        return Finding(chk, message, self.doc.display, place[0], place[1], ident, path)

    def _place(self, index: int | None, ident: str, sub: tuple[str, ...]) -> tuple[int, int] | None:
        if index is None:
            return self._catalog()
        if index >= len(self.starts) or self.starts[index][3] != ident:
            return None
        line, column, _, _ = self.starts[index]
        if not sub:
            return (line + 1, column)
        end = self.starts[index + 1][0] if index + 1 < len(self.starts) else len(self.text)
        for n in range(line, end):
            text = self.text[n]
            if n == line:
                text = " " * (column - 1) + text[column - 1 :]
            match = _KEY.match(text)
            if match and match.group(2) == sub[0] and len(match.group(1)) == column - 1:
                if match.group(3) is None:
                    return None  # the value on the next lines: the Locator knows where
                return (n + 1, match.start(3) + 1)
        return None

    def _catalog(self) -> tuple[int, int] | None:
        if self._head is False:
            self._head = self._find_catalog()
        return self._head if isinstance(self._head, tuple) else None

    def _find_catalog(self) -> tuple[int, int] | None:
        for n, line in enumerate(self.text):
            if line.startswith("catalog:") and not line[8:].split("#")[0].strip():
                for m in range(n + 1, len(self.text)):
                    following = self.text[m]
                    body = following.strip()
                    if body and not body.startswith("#"):
                        return (m + 1, len(following) - len(following.lstrip()) + 1)
                return None
        return None
