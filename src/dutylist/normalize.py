"""Name normalisation: the one definition of "the same name" (spec section 3).

NFKC folds full-width forms into half-width ones (（１） -> (1)); whitespace of
every kind is removed; traditional characters become simplified with OpenCC.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Protocol


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _t2s() -> _Converter:
    import opencc

    converter: _Converter = opencc.OpenCC("t2s")
    return converter


def fold(text: str) -> str:
    """NFKC and whitespace folding, without the traditional -> simplified step."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=200_000)
def normalize_name(text: str) -> str:
    """The comparison key of an item name: NFKC, no whitespace, simplified characters."""
    folded = fold(text)
    if folded.isascii():
        return folded.casefold()
    return _t2s().convert(folded).casefold()
