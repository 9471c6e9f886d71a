"""The safe loader: what it accepts, what it refuses (and where), and that it never crashes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutylist.catalog.load import Document, read_document
from dutylist.findings import Finding
from dutylist.io.yamlload import LoadProblem, Locator, decode, load_yaml


def problem(text: str) -> LoadProblem:
    with pytest.raises(LoadProblem) as info:
        load_yaml(text)
    return info.value


def read(tmp_path: Path, data: bytes) -> Document | Finding:
    path = tmp_path / "x.yaml"
    path.write_bytes(data)
    return read_document(path, "x.yaml")


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    doc = read(tmp_path, b"\xef\xbb\xbfdutylist: 1\r\nname: \xe6\x99\xaf\xe6\xb4\xaa\r\n")
    assert isinstance(doc, Document)
    assert doc.data == {"dutylist": 1, "name": "景洪"}


def test_duplicate_key_at_the_second_key() -> None:
    found = problem("a: 1\nitems:\n  - id: x\n    name: n\n    name: m\n")
    assert (found.kind, found.line, found.column) == ("duplicate-key", 5, 5)
    assert "name" in found.message


def test_a_reader_of_every_problem_goes_on_past_a_duplicate_key() -> None:
    found: list[LoadProblem] = []
    data = load_yaml("a: 1\nb:\n  c: 2\n  c: 3\na: 4\nd: 5\n", found)
    assert data == {"a": 1, "b": {"c": 2}, "d": 5}  # the first value of each stays
    assert [(p.kind, p.line, p.column) for p in found] == [
        ("duplicate-key", 4, 3),
        ("duplicate-key", 5, 1),
    ]
    assert problem("a: 1\na: 2\n").kind == "duplicate-key"  # without the list: raised


def test_merge_keys_may_be_overridden_not_duplicated() -> None:
    data = load_yaml("base: &b {x: 1, y: 2}\nother:\n  <<: *b\n  y: 3\n")
    assert data["other"] == {"x": 1, "y": 3}


def test_python_tag_is_refused_and_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"a: !!python/object/apply:os.system ['touch {marker}']\n"
    found = problem(text)
    assert found.kind == "disallowed-tag"
    assert found.line == 1
    assert not marker.exists()


@pytest.mark.parametrize(
    "text",
    [
        "a: !custom 1\n",
        "a: !!binary aGVsbG8=\n",
        "a: !!set {x, y}\n",
        "a: !!omap [x: 1]\n",
        "a: !!python/name:os.system\n",
        "b: 1\na: !<tag:example.com,2024:thing> 1\n",
    ],
)
def test_tags_outside_the_core_schema_are_refused(text: str) -> None:
    found = problem(text)
    assert found.kind == "disallowed-tag"
    assert found.line == text.count("\n")


def test_core_tags_are_fine() -> None:
    assert load_yaml("a: !!str 010\nb: !!int '7'\n") == {"a": "010", "b": 7}


def test_billion_laughs_is_refused() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in range(1, 10):
        refs = ",".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    found = problem("\n".join(lines) + "\n")
    assert found.kind == "alias-expansion"
    assert found.line == 2


def test_modest_aliases_are_fine() -> None:
    data = load_yaml("d: &d {funding: true}\nx: *d\ny: *d\n")
    assert data["x"] == data["y"] == {"funding": True}


# libyaml's recursive composer overflows the C stack (a segfault, not an exception) at
# about 30000 levels: a guard that fails must fail this test, not the test run.
DEEP = """
import sys
from dutylist.io.yamlload import LoadProblem, load_yaml
try:
    load_yaml(sys.stdin.read())
except LoadProblem as p:
    print(p.kind, p.line, p.column)
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: " + "[" * 100_000, "nesting-too-deep 1 "),
        ("a: " + "{x: " * 50_000, "nesting-too-deep 1 "),
        ("".join(f"{' ' * i}- \n" for i in range(0, 2000)), "nesting-too-deep "),
    ],
    ids=["flow-sequences", "flow-mappings", "block-sequences"],
)
def test_deep_nesting_is_refused_without_crashing(text: str, expected: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", DEEP],
        check=False,
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-500:]
    assert done.stdout.startswith(expected)


def test_gbk_file_is_not_utf8_with_its_line(tmp_path: Path) -> None:
    data = "dutylist: 1\nname: 景洪市交通运输局\n".encode("gbk")
    found = read(tmp_path, data)
    assert isinstance(found, Finding)
    assert (found.name, found.line, found.column) == ("not-utf8", 2, 7)
    assert "GBK" in found.message
    assert found.file == "x.yaml"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf16_is_named_as_such(tmp_path: Path, encoding: str) -> None:
    text = "dutylist: 1\nname: 景洪\n"
    data = text.encode(encoding) if encoding == "utf-16" else b"\xfe\xff" + text.encode(encoding)
    found = read(tmp_path, data)
    assert isinstance(found, Finding)
    assert (found.name, found.line) == ("not-utf8", 1)
    assert "UTF-16" in found.message and "binary" not in found.message


def test_binary_file(tmp_path: Path) -> None:
    found = read(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert isinstance(found, Finding)
    assert found.name == "binary-file"


@pytest.mark.parametrize(
    "data", [b"", b"\n\n  \n", b"# only a comment\n\n# another\n", b"\xef\xbb\xbf"]
)
def test_empty_and_comment_only(tmp_path: Path, data: bytes) -> None:
    found = read(tmp_path, data)
    assert isinstance(found, Finding)
    assert found.name == "empty-file"


@pytest.mark.parametrize(("text", "word"), [("- a\n- b\n", "list"), ("just text\n", "single")])
def test_root_must_be_a_mapping(text: str, word: str) -> None:
    found = problem(text)
    assert found.kind == "not-a-mapping"
    assert word in found.message


def test_syntax_error_has_its_position() -> None:
    found = problem("a: 1\nb: [1, 2\nc: 3\n")
    assert found.kind == "yaml-syntax"
    assert found.line == 3


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a: 1\nb: x\x1by\n", 2, 5),
        ("a: 景洪\nb: 勐罕镇\x07\n", 2, 7),  # columns in characters, not UTF-8 bytes
        ("\x7f: 1\n", 1, 1),
    ],
)
def test_a_control_character_is_named_where_it_is(text: str, line: int, column: int) -> None:
    found = problem(text)
    assert (found.kind, found.line, found.column) == ("yaml-syntax", line, column)
    code = next(c for c in text if (c < " " and c != "\n") or c == "\x7f")
    assert f"U+{ord(code):04X}" in found.message
    assert "position" not in found.message and "unicode string" not in found.message


def test_missing_file_is_a_finding(tmp_path: Path) -> None:
    found = read_document(tmp_path / "absent.yaml", "absent.yaml")
    assert isinstance(found, Finding)
    assert found.name == "unreadable-file"


def test_decode_keeps_the_text() -> None:
    assert decode("名称: 景洪\n".encode()) == "名称: 景洪\n"


LOCATED = textwrap.dedent(
    """\
    dutylist: 1
    catalog:
      kind: empowerment
    items:
      - id: A
        name: 甲
        scope: [gasa, menghan]
      - id: B
        name: 乙
    """
)


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        (("dutylist",), False, (1, 11)),
        (("catalog", "kind"), False, (3, 9)),
        (("catalog", "kind"), True, (3, 3)),
        (("items", 0), False, (5, 5)),
        (("items", 0, "scope", 1), False, (7, 19)),
        (("items", 1, "name"), True, (9, 5)),
        # a missing field points at the nearest existing ancestor
        (("items", 1, "category"), False, (8, 5)),
        (("items", 7, "name"), False, (5, 3)),
        ((), False, (1, 1)),
    ],
)
def test_locator_positions(
    path: tuple[str | int, ...], key: bool, expected: tuple[int, int]
) -> None:
    assert Locator(LOCATED).locate(path, key=key) == expected


def test_locator_item_lines() -> None:
    assert Locator(LOCATED).item_lines() == {"A": 5, "B": 8}


ENTRIES = [
    LOCATED,
    "items:\n- {id: A}\n-\n  # a comment\n  name: b\n  id: B\n- [x]\n- id: C\nposts:\n- id: P\n",
    "items: [{id: A}, {id: B},\n  {id: C}]\nunits:\n  - id: u\n",
    "x: &e {id: A}\nitems:\n- *e\n- id: B\n  sub: [{id: S}]\n",
    "items:\r\n- id: A\r\n\u2028- id: B\n",
]


@pytest.mark.parametrize("text", ENTRIES)
def test_entry_lines_are_the_lines_the_locator_finds(text: str) -> None:
    # the loader sees where each item starts as it builds; the Locator composes the file
    lines: dict[str, list[int]] = {}
    data = load_yaml(text, entry_lines=lines)
    located = Locator(text).item_lines()
    mappings = [e for e in data["items"] if isinstance(e, dict)]
    if len(lines.get("items", [])) == len(mappings):
        assert {e["id"]: n for e, n in zip(mappings, lines["items"], strict=True)} == located
    else:  # an alias entry: no event of its own, its line unknown to the loader
        assert "*" in text
    assert set(lines) <= {"items", "posts", "units"}


def test_locator_on_broken_text_does_not_raise() -> None:
    assert Locator("a: [1,\n").locate(("a",)) == (1, 1)


YAMLISH = st.lists(
    st.sampled_from([*"ab: -[]{}&*!|>'\"#\n\t ,?%@`1名", "!!python/", "<<", "\ufeff", "\n  "]),
    max_size=80,
).map("".join)


@settings(max_examples=50, deadline=None)
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_raise(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "x.yaml"
    path.write_bytes(data)
    result = read_document(path, "x.yaml")
    assert isinstance(result, (Document, Finding))


@settings(max_examples=50, deadline=None)
@given(text=YAMLISH)
def test_arbitrary_yamlish_text_never_raises(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.mktemp("text") / "x.yaml"
    result = read_document(path, "x.yaml", text=text)
    assert isinstance(result, (Document, Finding))
    if isinstance(result, Finding):
        assert result.line >= 1
        assert result.column >= 1
        assert result.message


def test_libyaml_own_depth_limit_is_nesting_too_deep() -> None:
    # libyaml 0.2.6 reports deep nesting itself; whichever libyaml runs, the finding is one
    import yaml

    from dutylist.io.yamlload import _syntax

    mark = yaml.Mark("<text>", 1002, 0, 1002, None, 0)
    exc = yaml.scanner.ScannerError(
        "while increasing flow level", mark, "exceeded maximum nesting depth", mark
    )
    found = _syntax(exc)
    assert (found.kind, found.line, found.column) == ("nesting-too-deep", 1, 1003)


_TEXT = st.text(st.sampled_from("ab Zé1.0-:#'\"\n中（）文&*!|>~<"), max_size=12)
_KEYS = st.one_of(_TEXT, st.integers(-5, 5))
_SCALARS = st.one_of(
    _TEXT, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False), st.dates()
)
_DATA = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_KEYS, inner, max_size=4)),
    max_leaves=24,
)


def _unambiguous(value: object) -> bool:
    """No text a YAML 1.2 reader would take for a number (the loader's PlainScalar)."""
    from dutylist.io.yamlload import _YAML12_NOT_TEXT

    if isinstance(value, str):
        return not _YAML12_NOT_TEXT.fullmatch(value)
    if isinstance(value, dict):
        return all(_unambiguous(v) for v in value.values())
    if isinstance(value, list):
        return all(_unambiguous(v) for v in value)
    return True


@settings(max_examples=200, deadline=None)
@given(
    data=st.dictionaries(_KEYS, _DATA, min_size=1, max_size=5),
    flow=st.sampled_from([None, False, True]),
    width=st.sampled_from([8, 80]),
    unicode=st.booleans(),
)
def test_the_builder_reads_what_pyyaml_reads(
    data: dict[object, object], flow: bool | None, width: int, unicode: bool
) -> None:
    """The event-stream builder and its shortcut for plain text against PyYAML's own
    composer and constructor, over every scalar style the emitter writes."""
    import yaml

    text = yaml.safe_dump(data, default_flow_style=flow, width=width, allow_unicode=unicode)
    expected = yaml.load(text, Loader=yaml.CSafeLoader)
    if _unambiguous(expected):
        assert load_yaml(text) == expected
