"""Citations in a basis entry: every `《title》` with the articles that follow it.

Real bases are written by hand: several laws in one entry (`《A》第三条、《B》第五条`), a
title inside quotes, a missing closing bracket (`《公路法第七十九条`), a nested title
(`《国务院关于修改〈建设工程质量管理条例〉的决定》`, one citation of the decision), 第X条之一,
第三十条第二款, digits and full-width digits. One compiled pattern reads them all; an entry
and a title are parsed and normalised once however many items repeat them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import NamedTuple

from dutylist.io.yamlload import gc_paused
from dutylist.normalize import normalize_name

PREFIX = "中华人民共和国"
_NUM = "[0-9０-９零〇一二两三四五六七八九十百千]+"
_ARTICLE = rf"第{_NUM}条(?:之{_NUM})?(?:第{_NUM}款)?(?:第{_NUM}项)?"
# a closed title (nested 〈〉 allowed), else an unclosed one that ends where an article,
# a punctuation mark, another 《 or the entry ends; then the run of articles after it
_CITATION = re.compile(
    r"《\s*(?:(?P<closed>[^《》〈〉]*(?:〈[^《》〈〉]*〉[^《》〈〉]*)*)》"
    rf"|(?P<open>[^《》〈〉，。；;,、\s]+?)(?=第{_NUM}条|[，。；;,、\s]|《|$))"
    rf"\s*(?P<articles>{_ARTICLE}(?:\s*[、，,和及与]?\s*{_ARTICLE})*)?"
)
_ONE_ARTICLE = re.compile(rf"第(?P<n>{_NUM})条(?:之{_NUM})?(?:第{_NUM}款)?(?:第{_NUM}项)?")

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_DIGITS.update({"五": 5, "六": 6, "七": 7, "八": 8, "九": 9})
_UNITS = {"十": 10, "百": 100, "千": 1000}


@lru_cache(maxsize=10_000)
def chinese_number(text: str) -> int | None:
    """七十九 -> 79, 一百零五 -> 105, 两千 -> 2000, 一〇五 -> 105, 79 and ７９ -> 79."""
    if not text:
        return None
    folded = text.translate(_FULL_WIDTH)
    if folded.isdigit():
        return int(folded)
    if not any(ch in _UNITS for ch in folded):
        # digit by digit, as in 一〇五
        if all(ch in _DIGITS for ch in folded):
            return int("".join(str(_DIGITS[ch]) for ch in folded))
        return None
    total, digit = 0, None
    for ch in folded:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


# tuples, not dataclasses: a frozen dataclass is built through object.__setattr__, and a
# catalog of 100k items builds one per citation
class Article(NamedTuple):
    text: str  # as written: 第三十条第二款
    number: int | None  # the article (条): 30


class Citation(NamedTuple):
    """One `《title》` of a basis entry: the title as written, its comparison key, its articles."""

    title: str
    key: str
    articles: tuple[Article, ...] = ()
    closed: bool = True

    def label(self) -> str:
        """`《title》第七十九条` (the title as written, the articles joined by 、)."""
        return f"《{self.title}》" + "、".join(a.text for a in self.articles)


@lru_cache(maxsize=100_000)
def title_key(title: str) -> str:
    """The key a title is matched by: normalised (spec section 3), 中华人民共和国 dropped."""
    key = normalize_name(title)
    key = key.replace("〈", "<").replace("〉", ">")
    return key[len(PREFIX) :] if key.startswith(PREFIX) and len(key) > len(PREFIX) else key


@lru_cache(maxsize=200_000)
def parse_entry(entry: str) -> tuple[Citation, ...]:
    """Every citation of one basis entry, in order."""
    if "《" not in entry:
        return ()
    found: list[Citation] = []
    for match in _CITATION.finditer(entry):
        closed = match.group("closed")
        title = (closed if closed is not None else match.group("open")).strip()
        if not title:
            continue
        run = match.group("articles")
        articles = _articles(run) if run else ()
        found.append(Citation(title, title_key(title), articles, closed is not None))
    return tuple(found)


@lru_cache(maxsize=20_000)
def _articles(run: str) -> tuple[Article, ...]:
    return tuple(
        Article(a.group(0), chinese_number(a.group("n"))) for a in _ONE_ARTICLE.finditer(run)
    )


def parse_bases(bases: Iterable[Sequence[str]]) -> list[list[tuple[Citation, ...]]]:
    """The citations of many items' bases, per item and entry: what the checks and the
    index read. The cyclic collector is paused, as for loading: parsing builds many small
    acyclic tuples, and each collection would walk the whole loaded catalog."""
    with gc_paused():
        return [[parse_entry(entry) for entry in basis] for basis in bases]


def parse_basis(basis: Sequence[str]) -> list[Citation]:
    """The citations of every entry of an item's basis."""
    out: list[Citation] = []
    for entry in basis:
        out.extend(parse_entry(entry))
    return out


_NUMERAL = re.compile(_NUM)


def _numbered(article: str) -> str:
    """第七十九条第二款 -> 第79条第2款: one spelling of an article for comparing."""
    return _NUMERAL.sub(lambda m: str(chinese_number(m.group(0))), article)


def citation_changes(old: list[str], new: list[str]) -> dict[str, list[str]]:
    """The citations a basis gained and lost, one `《title》第N条` per law and article:
    compared by title key and article, so a re-worded entry citing the same article is no
    change (第79条 is 第七十九条), and `第二十五条、第五十条` -> `第五十条` loses 第二十五条 only."""

    def cited(basis: list[str]) -> dict[tuple[str, str], str]:
        out: dict[tuple[str, str], str] = {}
        for c in parse_basis(basis):
            for text in [a.text for a in c.articles] or [""]:
                out.setdefault((c.key, _numbered(text)), f"《{c.title}》{text}")
        return out

    before, after = cited(old), cited(new)
    return {
        "added": [label for key, label in after.items() if key not in before],
        "removed": [label for key, label in before.items() if key not in after],
    }
