"""Every change class, as data: tests/fixtures/diff/<case>/{old,new}/ and expected.json."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from dutylist.diff import diff_paths

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "diff"
NAMES = sorted(p.name for p in CASES.iterdir() if (p / "expected.json").is_file())


def _subset(actual: dict[str, Any], wanted: dict[str, Any]) -> dict[str, Any]:
    return {key: actual.get(key, "<missing>") for key in wanted}


@pytest.mark.parametrize("case", NAMES)
def test_case(case: str) -> None:
    expected = json.loads((CASES / case / "expected.json").read_text(encoding="utf-8"))
    result = diff_paths(
        str(CASES / case / "old"), str(CASES / case / "new"), expected.get("similarity")
    )
    record = result.as_record()
    assert record["summary"] == expected["summary"]
    assert [
        _subset(c, w) for c, w in zip(record["changes"], expected["changes"], strict=False)
    ] == (expected["changes"])
    assert len(record["changes"]) == len(expected["changes"])
    if "posts" in expected:
        posts = [c["posts"] for c in record["catalogs"] if c["kind"] == "duties"]
        assert posts == [expected["posts"]]


def test_every_class_has_a_case() -> None:
    seen: set[str] = set()
    for case in NAMES:
        expected = json.loads((CASES / case / "expected.json").read_text(encoding="utf-8"))
        seen.update(expected["summary"])
    from dutylist.diff import CLASSES

    assert seen == set(CLASSES)


def test_merged_and_split_carry_old_ids_and_one_class() -> None:
    result = diff_paths(str(CASES / "split" / "old"), str(CASES / "split" / "new"))
    for change in result.as_record()["changes"]:
        assert change["classes"] == ["split"]
        assert "old_id" not in change
        assert change["old_ids"] == ["F-1"]
        assert change["new_ids"] == ["F-11", "F-12"]
        assert change["fields"] == {}


def test_folder_json_lists_catalogs_and_kinds() -> None:
    result = diff_paths(
        str(CASES / "revoked-removed" / "old"), str(CASES / "revoked-removed" / "new")
    )
    record = result.as_record()
    assert set(record) == {"old", "new", "summary", "changes", "catalogs"}
    kinds = [(c["kind"], c["old"]["items"], c["new"]["items"]) for c in record["catalogs"]]
    assert kinds == [("empowerment", 2, 2), ("territorial", 2, 1), ("grid", 1, 0)]
    assert record["old"]["items"] == 5
    assert record["new"]["items"] == 3


def test_select_filters_classes_and_departments() -> None:
    result = diff_paths(str(CASES / "reclassified" / "old"), str(CASES / "reclassified" / "new"))
    only = result.select({"amended"})
    assert [c.id for c in only.changes] == ["C-1"]
    assert dict(only.summary) == {"amended": 1}
    health = result.select(department="health")
    assert {c.id for c in health.changes} == {"V-1", "C-1", "D-1"}
    assert health.summary["unchanged"] == 0
    transport = result.select(department="transport")
    assert dict(transport.summary) == {"reclassified": 1, "unchanged": 1}


def test_change_keeps_item_models() -> None:
    result = diff_paths(str(CASES / "merged" / "old"), str(CASES / "merged" / "new"))
    (change,) = result.changes
    assert [i.id for i in change.old_items] == ["T-3", "T-4"]
    assert change.new_item is not None
    assert change.new_item.id == "T-10"
    cat = result.catalogs[0]
    assert len(cat.old_items) == 4
    assert len(cat.new_items) == 3
    assert result.department_name("transport") == "景洪市交通运输局"
    assert result.unit_name("menghan") == "勐罕镇"


def test_examples_match_their_readme() -> None:
    """examples/README.md states the intended changes of 2023 -> 2024: the diff finds them."""
    import re

    root = Path(__file__).resolve().parent.parent.parent / "examples"
    readme = root / "README.md"
    if not (root / "jinghong-2023").is_dir() or not readme.is_file():
        pytest.skip("no example versions")
    block = readme.read_text(encoding="utf-8").split("Summary (all catalogs)", 1)[1]
    block = block.split("```", 2)[1]
    documented = {name: int(n) for name, n in re.findall(r"([a-z]+) (\d+)", block)}
    result = diff_paths(str(root / "jinghong-2023"), str(root / "jinghong-2024"))
    assert dict(result.summary) == documented
