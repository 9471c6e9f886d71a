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


def normalize_names(names: list[str]) -> list[str]:
    """normalize_name over many names with one OpenCC call: folded names hold no
    whitespace, so a newline separates them safely, and one call is far cheaper
    than thousands."""
    folded = [fold(name) for name in names]
    if all(name.isascii() for name in folded):
        return [name.casefold() for name in folded]
    converted = _t2s().convert("\n".join(folded)).split("\n")
    if len(converted) != len(folded):  # never expected; fall back rather than misalign
        return [normalize_name(name) for name in names]
    return [name.casefold() for name in converted]
