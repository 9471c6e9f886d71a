"""Name normalisation: the one definition of "the same name" (spec section 3).

NFKC folds full-width forms into half-width ones (（１） -> (1)); whitespace of
every kind and invisible characters are removed; Cyrillic and Greek look-alikes of Latin
letters become those letters; traditional characters become simplified with OpenCC.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Protocol


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


# whitespace, and what is not seen at all (control, zero-width and bidi characters): a name
# holding one is an error of its own, and still the same name as its visible twin
_SPACE = re.compile(
    r"[\s\x00-\x1f\x7f-\x9f\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+"
)
# Cyrillic and Greek letters that look like Latin ones: a name typed with one is the same name
_LOOKALIKE = re.compile(r"[\u0370-\u03ff\u0400-\u052f]")
_TO_LATIN = str.maketrans(
    "АВЕКМНОРСТУХаеорсухіјѕԁһӏІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοκνρτυχ",
    "ABEKMHOPCTYXaeopcyxijsdhlIJSABEZHIKMNOPTYXokvptux",
)


@lru_cache(maxsize=1)
def _t2s() -> _Converter:
    import opencc

    converter: _Converter = opencc.OpenCC("t2s")
    return converter


def fold(text: str) -> str:
    """NFKC and whitespace folding, without the traditional -> simplified step."""
    folded = _SPACE.sub("", unicodedata.normalize("NFKC", text))
    if not folded.isascii() and _LOOKALIKE.search(folded):
        folded = folded.translate(_TO_LATIN)
    return folded


@lru_cache(maxsize=200_000)
def normalize_name(text: str) -> str:
    """The comparison key of an item name: NFKC, no whitespace, simplified characters."""
    folded = fold(text)
    if folded.isascii():
        return folded.casefold()
    return _t2s().convert(folded).casefold()


# NFKC of a full-width ASCII form or of the ideographic space is one character; replacing
# such a character by its NFKC form first leaves NFKC of the whole text as it was (NFKC
# decomposes every character fully before composing). Chinese names are full of （）, and
# CPython's NFKC of a text that is not normalised already costs a table lookup per
# character: with these replaced in the joined names, most of them are.
_WIDE = [
    (wide, narrow)
    for wide, narrow in (
        (chr(c), unicodedata.normalize("NFKC", chr(c))) for c in [*range(0xFF01, 0xFF5F), 0x3000]
    )
    if len(narrow) == 1
]
_SEPARATOR = "\ue000"  # private use: no name means it, NFKC and the patterns leave it


def fold_many(names: list[str]) -> list[str]:
    """[fold(name) for name in names], a pass over the joined names where fold makes
    one per name."""
    text = _SEPARATOR.join(names)
    for wide, narrow in _WIDE:
        if wide in text:
            text = text.replace(wide, narrow)
    if not unicodedata.is_normalized("NFKC", text):
        text = _SEPARATOR.join(
            part if unicodedata.is_normalized("NFKC", part) else unicodedata.normalize("NFKC", part)
            for part in text.split(_SEPARATOR)
        )
    text = _SPACE.sub("", text)
    if not text.isascii() and _LOOKALIKE.search(text):
        text = text.translate(_TO_LATIN)
    folded = text.split(_SEPARATOR)
    if len(folded) != len(names):  # a name holding the separator
        return [fold(name) for name in names]
    return folded


def normalize_names(names: list[str]) -> list[str]:
    """normalize_name over many names with one OpenCC call: folded names hold no
    whitespace, so a newline separates them safely, and one call is far cheaper
    than thousands."""
    folded = fold_many(names)
    if all(name.isascii() for name in folded):
        return [name.casefold() for name in folded]
    converted = _t2s().convert("\n".join(folded)).split("\n")
    if len(converted) != len(folded):  # never expected; fall back rather than misalign
        return [normalize_name(name) for name in names]
    return [name.casefold() for name in converted]
