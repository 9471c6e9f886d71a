"""Fast, safe YAML reading with line numbers on demand.

The hot path (every pre-commit run) is libyaml's C parser with PyYAML's safe
constructor, the garbage collector paused: catalogs are trees of many small
containers, and collections triggered during their construction find nothing
to free. Positions are not recorded on that path. When a finding needs a line,
a Locator composes the same text once (also in C) and walks the key path;
valid files never pay for it.

What the loader refuses, each as a LoadProblem with a position, never
executed: duplicate keys, tags outside the YAML core schema, alias expansion
out of proportion to the text ("billion laughs"), and nesting deep enough to
exhaust the C stack of the composer.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

# Catalogs nest about six levels; anything past this is an attack or an accident.
MAX_DEPTH = 64
# Below these, the nesting cannot reach the depth where libyaml's composer overflows.
_PRESCAN_BRACKETS = 400
_DEEP_LINE = re.compile(r"^[ \t?:-]{400,}", re.MULTILINE)
_BRACKET = re.compile(r"[\[\]{}]")
_NESTED_FLOW = re.compile(r"[\[{][^\[\]{}]*[\[{]")  # catalogs' flow lists are flat
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s\[\]{},]+")
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s\[\]{},]+")
_CORE = "tag:yaml.org,2002:"


class LoadProblem(Exception):
    """The text cannot be read as a YAML document. `kind` is a check name of checks.py."""

    def __init__(self, kind: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(kind, message, line, column)
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column


_STR, _MAP, _SEQ, _MERGE = (_CORE + t for t in ("str", "map", "seq", "merge"))
_SCALARS = {_CORE + t for t in ("null", "bool", "int", "float", "timestamp")}


class _Loader(yaml.CSafeLoader):
    """libyaml's parser and composer, with a construction of our own.

    PyYAML's constructor dispatches every node through generators and a state
    table; catalogs are plain trees, so a direct walk builds them about twice as
    fast. The walk also refuses duplicate keys and every tag outside the core
    schema, and memoises collections so that aliases stay shared, not copied."""

    _resolved: dict[str, str] = {}  # noqa: RUF012 - a cache shared by every load

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        # The composer asks once per scalar and runs up to a dozen regexes each time;
        # catalog values repeat (categories, departments, dates), so remember answers.
        if kind is ScalarNode and implicit[0]:
            tag = self._resolved.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(value) < 64 and len(self._resolved) < 100_000:
                    self._resolved[value] = tag
            return tag
        return str(super().resolve(kind, value, implicit))

    def build(self) -> Any:
        root = self.get_single_node()
        if root is None:
            return None
        memo: dict[int, Any] = {}
        return self._build(root, memo)

    def _build(self, node: Node, memo: dict[int, Any]) -> Any:
        tag = node.tag
        if tag == _STR:
            return node.value
        if tag in _SCALARS:
            return self.yaml_constructors[tag](self, node)
        known = memo.get(id(node))
        if known is not None:
            return known
        if tag == _MAP and isinstance(node, MappingNode):
            mapping: dict[Any, Any] = {}
            memo[id(node)] = mapping
            merged: set[Any] = set()
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE:
                    merged |= self._merge(mapping, self._build(value_node, memo), key_node)
                    continue
                key = self._build(key_node, memo)
                if isinstance(key, (dict, list)):
                    raise _problem("not-a-mapping", "a mapping key must be a plain value", key_node)
                if key in mapping:
                    if key not in merged:
                        message = f"duplicate key '{key}': keep one of them"
                        raise _problem("duplicate-key", message, key_node)
                    merged.discard(key)
                mapping[key] = self._build(value_node, memo)
            return mapping
        if tag == _SEQ and isinstance(node, SequenceNode):
            sequence: list[Any] = []
            memo[id(node)] = sequence
            sequence.extend(self._build(child, memo) for child in node.value)
            return sequence
        return _refuse_tag(self, node)

    @staticmethod
    def _merge(mapping: dict[Any, Any], source: Any, key_node: Node) -> set[Any]:
        """`<<: *defaults` fills the keys the mapping does not set itself; returns them."""
        added: set[Any] = set()
        for entry in source if isinstance(source, list) else [source]:
            if not isinstance(entry, dict):
                raise _problem("yaml-syntax", "`<<` merges mappings only", key_node)
            for key, value in entry.items():
                if key not in mapping:
                    mapping[key] = value
                    added.add(key)
        return added


def _refuse_tag(loader: _Loader, node: Node) -> Any:
    tag = node.tag.removeprefix(_CORE)
    raise _problem(
        "disallowed-tag",
        f"tag '!{'!' if node.tag.startswith(_CORE) else ''}{tag.lstrip('!')}' is not allowed: "
        "catalogs use plain YAML values only",
        node,
    )


def _problem(kind: str, message: str, node: Node) -> LoadProblem:
    mark = node.start_mark
    return LoadProblem(kind, message, mark.line + 1, mark.column + 1)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector: loading builds millions of acyclic containers."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def decode(data: bytes) -> str:
    """UTF-8 text of a file (a BOM is fine), or a LoadProblem saying what it is instead."""
    if b"\x00" in data[:8192]:
        raise LoadProblem("binary-file", "this is a binary file, not a YAML text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = "save it as UTF-8"
        try:
            data.decode("gb18030")
            hint = "it looks GBK/GB18030-encoded (an old Excel export?): save it as UTF-8"
        except UnicodeDecodeError:
            pass
        raise LoadProblem("not-utf8", f"the file is not UTF-8 text: {hint}", line, column) from None


def load_yaml(text: str) -> Any:
    """Parse one YAML document; the root must be a mapping."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise LoadProblem("empty-file", "the file is empty")
    _check_depth(text)
    loader = _Loader(text)
    try:
        with gc_paused():
            data = loader.build()
    except LoadProblem:
        raise
    except RecursionError:
        raise LoadProblem("nesting-too-deep", "the document nests too deeply to read") from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax(exc) from None
    except yaml.YAMLError as exc:
        raise LoadProblem("yaml-syntax", str(exc)) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        found = "a list" if isinstance(data, list) else "a single value"
        raise LoadProblem("not-a-mapping", f"the document must be a mapping of keys, not {found}")
    if _ANCHOR.search(text):
        _check_expansion(data, text)
    return data


def _syntax(exc: yaml.MarkedYAMLError) -> LoadProblem:
    mark = exc.problem_mark or exc.context_mark
    if isinstance(exc, ConstructorError) and exc.problem and "tag" in exc.problem:
        kind, message = "disallowed-tag", f"{exc.problem}: catalogs use plain YAML values only"
    else:
        kind = "yaml-syntax"
        message = " ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
    if mark is None:
        return LoadProblem(kind, message)
    return LoadProblem(kind, message, mark.line + 1, mark.column + 1)


def _check_depth(text: str) -> None:
    """Refuse deep nesting before libyaml's recursive composer overflows the C stack."""
    suspicious = False
    if text.count("[") + text.count("{") > _PRESCAN_BRACKETS and _NESTED_FLOW.search(text):
        depth = peak = 0
        for char in _BRACKET.findall(text):
            depth += 1 if char in "[{" else -1
            peak = max(peak, depth)
        suspicious = peak > _PRESCAN_BRACKETS // 2
    if not suspicious and not _DEEP_LINE.search(text):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark
                    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
                    raise LoadProblem(
                        "nesting-too-deep",
                        f"nesting deeper than {MAX_DEPTH} levels: a catalog needs far fewer",
                        line,
                        column,
                    )
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        raise _syntax(exc) from None


def _check_expansion(data: Any, text: str) -> None:
    """Aliases share objects, so loading is cheap; whatever walks the result
    (validation, JSON output) would expand them. Bound the expanded size."""
    limit = 10 * len(text) + 10_000
    sizes: dict[int, int] = {}

    def size(obj: Any) -> int:
        if not isinstance(obj, (dict, list)):
            return 1
        key = id(obj)
        known = sizes.get(key)
        if known is not None:
            return known
        children = obj.values() if isinstance(obj, dict) else obj
        total = 1
        for child in children:
            total += size(child)
            if total > limit:
                break
        sizes[key] = total
        return total

    if size(data) > limit:
        match = _ALIAS.search(text)
        line = text.count("\n", 0, match.start()) + 1 if match else 1
        raise LoadProblem(
            "alias-expansion",
            "aliases expand this document far beyond its size (a 'billion laughs' document?): "
            "write the values out instead",
            line,
            1,
        )


class Locator:
    """Resolves a key path inside a document to a 1-based (line, column).

    Composes the text lazily and once; only files with findings pay for it."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: Node | None = None
        self._failed = False

    def _tree(self) -> Node | None:
        if self._root is None and not self._failed:
            try:
                self._root = yaml.compose(self._text, Loader=yaml.CSafeLoader)
            except yaml.YAMLError:
                self._failed = True
        return self._root

    def locate(self, path: tuple[str | int, ...], *, key: bool = False) -> tuple[int, int]:
        """Position of the value at `path` (of its key with key=True); the nearest
        existing ancestor when the path does not exist (a missing field)."""
        node = self._tree()
        if node is None:
            return (1, 1)
        mark_node: Node = node
        for depth, step in enumerate(path):
            last = depth == len(path) - 1
            found: Node | None = None
            if isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode) and key_node.value == str(step):
                        found = key_node if (last and key) else value_node
                        break
            elif (
                isinstance(node, SequenceNode)
                and isinstance(step, int)
                and 0 <= step < len(node.value)
            ):
                found = node.value[step]
            if found is None:
                break
            node = mark_node = found
        mark = mark_node.start_mark
        return (mark.line + 1, mark.column + 1)

    def item_lines(self) -> dict[str, int]:
        """Line of every item by id, for reporters that annotate items."""
        root = self._tree()
        lines: dict[str, int] = {}
        if not isinstance(root, MappingNode):
            return lines
        for key_node, value_node in root.value:
            if key_node.value == "items" and isinstance(value_node, SequenceNode):
                for item in value_node.value:
                    if isinstance(item, MappingNode):
                        for k, v in item.value:
                            if k.value == "id" and isinstance(v, ScalarNode):
                                lines.setdefault(v.value, item.start_mark.line + 1)
        return lines
