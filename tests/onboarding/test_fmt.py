"""`dutylist fmt`: formatting twice equals formatting once, the data PyYAML loads never
changes, comments stay."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from dutylist.errors import InputError
from dutylist.io.yamlload import load_yaml
from dutylist.io.yamlwrite import FormatProblem, format_text
from dutylist.onboarding.fmt import format_paths

ROOT = Path(__file__).resolve().parents[2]

# strings that YAML 1.1 and 1.2 read differently, or not as strings at all, when plain
TRICKY = [
    "010",
    "yes",
    "no",
    "on",
    "null",
    "~",
    "1e3",
    "2024-08",
    "2024-08-19",
    "1:20",
    "0x1F",
    ".5",
]
TRICKY += ["a: b", "# x", "- x", "'q'", '"q"', "[a]", "{a}", "@x", "=SUM(A1)", "JH-JT-001", "全部"]
text = st.one_of(
    st.sampled_from(TRICKY),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=12),
)
scalar = st.one_of(text, st.integers(-5, 5000), st.booleans(), st.none(), st.dates())
ITEM_KEYS = ["id", "name", "category", "department", "basis", "scope", "notes", "x-extra"]


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    item_keys = draw(st.lists(st.sampled_from(ITEM_KEYS), unique=True, min_size=1))
    items = [
        {
            key: draw(st.lists(text, max_size=3) if key in ("basis", "scope") else scalar)
            for key in draw(st.permutations(item_keys))
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    header = {k: draw(scalar) for k in draw(st.permutations(["version", "title", "kind"]))}
    parts: list[tuple[str, Any]] = [
        ("items", items),
        ("catalog", header),
        ("dutylist", 1),
        ("units", [{"code": draw(scalar), "id": draw(text)}]),
    ]
    return dict(draw(st.permutations(parts)))


def _with_comments(source: str, seed: int) -> str:
    """Whole-line comments before some lines and end-of-line comments after others."""
    rnd = random.Random(seed)
    out = []
    for line in source.splitlines():
        indent = len(line) - len(line.lstrip(" "))
        if rnd.random() < 0.2:
            out.append(" " * indent + "# before")
        out.append(line + ("  # after" if rnd.random() < 0.2 else ""))
    return "\n".join(out) + "\n"


@settings(max_examples=50, deadline=None)
@given(documents(), st.sampled_from([2, 4]), st.integers(0, 1000))
def test_fmt_is_idempotent_and_keeps_the_data(doc: dict[str, Any], indent: int, seed: int) -> None:
    source = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, indent=indent, width=10_000)
    if seed % 2:
        source = _with_comments(source, seed)
    once = format_text(source)
    assert load_yaml(once) == load_yaml(source)
    assert format_text(once) == once
    assert next(x for x in once.splitlines() if not x.startswith("#")).startswith("dutylist: 1")
    assert once.count("# before") == source.count("# before")
    assert once.count("# after") == source.count("# after")


def test_shipped_catalogs_format_to_the_same_data() -> None:
    for path in sorted((ROOT / "catalogs").rglob("*.yaml")):
        source = path.read_text(encoding="utf-8")
        once = format_text(source)
        assert load_yaml(once) == load_yaml(source), path
        assert format_text(once) == once, path
        assert once.count("#") == source.count("#"), path


def test_layout_key_order_and_quoting() -> None:
    source = """\
items:
- notes: n
  category: other
  id: A-1
  name: 'plain'
  replaces: [B-1]
  department: x   # the department
catalog:
  version: 2024-08
  title: t
  kind: grid
dutylist: 1
"""
    expected = """\
dutylist: 1
catalog:
  kind: grid
  title: t
  version: "2024-08"
items:
  - id: "A-1"
    name: plain
    category: other
    department: x # the department
    replaces: ["B-1"]
    notes: n
"""
    assert format_text(source) == expected


def test_comments_before_a_moved_key_move_with_it() -> None:
    source = "dutylist: 1\ncatalog:\n  title: t\n  # the kind\n  kind: grid\n  version: '1'\n"
    out = format_text(source)
    assert out.splitlines()[2:4] == ["  # the kind", "  kind: grid"]


def test_values_yaml_1_1_reads_otherwise_keep_their_quotes() -> None:
    source = "dutylist: 1\ncatalog:\n  title: 'yes'\n  kind: 'grid'\n  version: '010'\nx: yes\n"
    out = format_text(source)
    assert load_yaml(out) == load_yaml(source)
    assert "title: 'yes'" in out
    assert "kind: grid" in out
    assert 'version: "010"' in out
    assert "x: yes" in out


@pytest.mark.parametrize("source", ["dutylist: 1\nx: [\n", "- a\n", "a: 1\na: 2\n", ""])
def test_unreadable_text_is_a_problem_not_a_crash(source: str) -> None:
    with pytest.raises(FormatProblem):
        format_text(source)


def test_check_changes_nothing_and_reports(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("catalog: {kind: grid}\ndutylist: 1\n", encoding="utf-8")
    result = format_paths([tmp_path], check=True)
    assert result.changed == [str(path)] or result.changed[0].endswith("c.yaml")
    assert path.read_text(encoding="utf-8") == "catalog: {kind: grid}\ndutylist: 1\n"
    format_paths([path])
    assert path.read_text(encoding="utf-8") == "dutylist: 1\ncatalog: {kind: grid}\n"
    assert format_paths([path], check=True).changed == []


def test_a_problem_carries_its_line_and_column() -> None:
    with pytest.raises(FormatProblem) as caught:
        format_text("dutylist: 1\ncatalog: [\n")
    assert (caught.value.line, caught.value.column) == (3, 1)
    assert not caught.value.message[:1].isdigit()  # the place is not in the message twice


def test_a_folder_without_catalogs_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("a: 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="no catalog files under"):
        format_paths([tmp_path], check=True)
    assert format_paths([tmp_path / "notes.yaml"]).changed == []  # a file named: no error
