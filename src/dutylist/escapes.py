"""How a character that a terminal would not show as itself is spelt out (spec section 10):
as Python writes it, `\\x1b`, `\\u202e`. The sanitiser of the reporters and validate's
look-alike checks both spell with it, so that one character reads the same everywhere."""

from __future__ import annotations


def escape_char(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
