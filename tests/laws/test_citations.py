"""The citation parser on real forms of 实施依据 (cases in fixtures/laws/citations.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from dutylist.laws.citations import (
    chinese_number,
    citation_changes,
    parse_basis,
    parse_entry,
    title_key,
)

CASES: list[dict[str, Any]] = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "fixtures" / "laws" / "citations.yaml").read_text(
        encoding="utf-8"
    )
)


@pytest.mark.parametrize("case", CASES, ids=[c["entry"] for c in CASES])
def test_real_citation_forms(case: dict[str, Any]) -> None:
    got = [
        {
            "title": c.title,
            "articles": [a.text for a in c.articles],
            "numbers": [a.number for a in c.articles],
            **({} if c.closed else {"closed": False}),
        }
        for c in parse_entry(case["entry"])
    ]
    assert got == case["cites"]


def test_prefix_is_optional_and_normalised() -> None:
    assert title_key("中华人民共和国公路法") == title_key("公路法") == "公路法"
    # full-width and traditional forms, spaces: one key
    assert title_key("中華人民共和國 公路法") == "公路法"
    assert title_key("森林防火條例") == title_key("森林防火条例")
    # the prefix alone is not emptied
    assert title_key("中华人民共和国") == "中华人民共和国"


def test_regulation_and_measures_of_the_same_name_stay_apart() -> None:
    regulation = parse_entry("《云南省农村宅基地管理条例》第三条")[0]
    measures = parse_entry("《云南省农村宅基地管理办法》第三条")[0]
    assert regulation.key != measures.key


def test_nested_title_is_one_citation_of_the_outer_document() -> None:
    (citation,) = parse_entry("《国务院关于修改〈建设工程质量管理条例〉的决定》")
    assert citation.key != title_key("建设工程质量管理条例")


def test_basis_of_several_entries() -> None:
    found = parse_basis(["《中华人民共和国公路法》第七十九条", "《公路安全保护条例》第五十六条"])
    assert [c.title for c in found] == ["中华人民共和国公路法", "公路安全保护条例"]
    assert found[0].label() == "《中华人民共和国公路法》第七十九条"


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("一", 1),
        ("十", 10),
        ("十五", 15),
        ("二十", 20),
        ("七十九", 79),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("两百", 200),
        ("一千零一", 1001),
        ("二〇一", 201),
        ("79", 79),
        ("７９", 79),
        ("", None),
        ("七x", None),
    ],
)
def test_chinese_numbers(text: str, number: int | None) -> None:
    assert chinese_number(text) == number


_DIGIT = "零一二三四五六七八九"


def _spoken(n: int) -> str:
    """An oracle: n (1..9999) written the way a law numbers its articles."""
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        out += ("" if (unit == "十" and digit == 1 and not out) else _DIGIT[digit]) + unit
    return out


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numbers_read_what_laws_write(n: int) -> None:
    assert chinese_number(_spoken(n)) == n
    (citation,) = parse_entry(f"《某法》第{_spoken(n)}条")
    assert citation.articles[0].number == n


def test_citation_changes_compare_keys_and_articles() -> None:
    old = ["《中华人民共和国公路法》第七十九条", "《森林防火条例》第五条、第二十四条"]
    new = [
        "依据《公路法》第七十九条",
        "《中华人民共和国森林法》第三十四条",
        "《森林防火条例》第五条",
    ]
    assert citation_changes(old, new) == {
        "added": ["《中华人民共和国森林法》第三十四条"],
        "removed": ["《森林防火条例》第二十四条"],
    }
    # digits and Chinese numerals spell one article; another 款 is another provision
    assert citation_changes(["《某法》第79条"], ["《某法》第七十九条"]) == {
        "added": [],
        "removed": [],
    }
    assert citation_changes(["《某法》第三条第一款"], ["《某法》第三条第二款"]) == {
        "added": ["《某法》第三条第二款"],
        "removed": ["《某法》第三条第一款"],
    }
    assert citation_changes(old, old) == {"added": [], "removed": []}
