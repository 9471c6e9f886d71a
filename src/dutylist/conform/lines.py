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

_TOP = re.compile(r"[A-Za-z_][\w-]*\s*:")
_ITEM = re.compile(r"(\s*)-\s+(id\s*:\s*)(\S.*?)\s*(#.*)?$")
_KEY = re.compile(r"(\s+)([\w-]+)\s*:\s*(\S)?")


class Lines:
    """(line, column) of `("items", i)`, `("items", i, key)` and `("catalog",)`, as
    Locator.locate gives them, from a scan of the text."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text.splitlines()
        self.starts: list[tuple[int, int, int, str]] = []  # line index, column, indent, id
        self._scan()

    def _scan(self) -> None:
        inside = False
        for n, line in enumerate(self.text):
            if _TOP.match(line):
                inside = line.startswith("items")
                continue
            if not inside:
                continue
            match = _ITEM.match(line)
            if match:
                ident = match.group(3).strip()
                if len(ident) >= 2 and ident[0] == ident[-1] and ident[0] in "\"'":
                    ident = ident[1:-1]
                self.starts.append((n, match.start(2) + 1, len(match.group(1)), ident))

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
        for n, line in enumerate(self.text):
            if line.startswith("catalog:") and not line[8:].split("#")[0].strip():
                for m in range(n + 1, len(self.text)):
                    following = self.text[m]
                    body = following.strip()
                    if body and not body.startswith("#"):
                        return (m + 1, len(following) - len(following.lstrip()) + 1)
                return None
        return None
