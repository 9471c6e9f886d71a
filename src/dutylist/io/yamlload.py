"""Fast, safe YAML reading with line numbers on demand.

The hot path (every pre-commit run) is libyaml's C parser, read as an event
stream and built straight into dicts and lists, the garbage collector paused:
catalogs are trees of many small acyclic containers. PyYAML's own loaders
first compose a tree of Node and Mark objects and then walk it through
generators; skipping that tree makes loading about 1.5 times faster and its
peak memory about a fifth. Positions are not recorded on that path. When a
finding needs a line, a Locator composes the same text once (also in C) and
walks the key path; valid files never pay for it.

What the loader refuses, each as a LoadProblem with a position, never
constructed: duplicate keys, tags outside the YAML core schema, alias
expansion out of proportion to the text ("billion laughs"), and nesting far
deeper than a catalog needs.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from dutylist.i18n import N_, _, current_lang

# Catalogs nest about six levels; anything past this is an attack or an accident.
MAX_DEPTH = 64
_ANCHOR = re.compile(r"(?:^|[\s\[{,:-])&[^\s\[\]{},]+")
_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s\[\]{},]+")
_CORE = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _MERGE = (_CORE + t for t in ("str", "map", "seq", "merge"))
_SCALARS = {_CORE + t for t in ("null", "bool", "int", "float", "timestamp")}
_NO_KEY: Any = object()
# Plain scalars PyYAML (YAML 1.1) reads as text and a YAML 1.2 reader (an editor, ruamel,
# most other tools) as a number, a boolean or null: the file means different things to each.
_YAML12_NOT_TEXT = re.compile(
    r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|true|True|TRUE|false|False|FALSE|null|Null|NULL|~"
)
_AMBIGUOUS = "tag:dutylist,2024:ambiguous"
# libyaml's own limit: "exceeded maximum nesting depth" (0.2.6), "max depth" elsewhere
_LIBYAML_DEPTH = re.compile(r"\b(?:maximum nesting|max(?:imum)? depth)", re.IGNORECASE)


def _too_deep() -> str:
    return _("nesting deeper than {depth} levels: a catalog needs far fewer", depth=MAX_DEPTH)


class LoadProblem(Exception):
    """The text cannot be read as a YAML document. `kind` is a check name of checks.py."""

    def __init__(self, kind: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(kind, message, line, column)
        self.kind = kind
        self.message = message
        self.line = line
        self.column = column


class PlainScalar:
    """An unquoted value that is not text to every YAML reader (`1e3`, `0o17`: numbers in
    YAML 1.2) or that cannot be what it looks like (`2024-02-30`). It is no str, date or
    number, so wherever the format wants a value the model refuses it, and the message
    can say: write it in quotes."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlainScalar) and other.text == self.text

    def __hash__(self) -> int:
        return hash((PlainScalar, self.text))


class _Loader(yaml.CSafeLoader):
    """libyaml's parser with PyYAML's scalar resolution and constructors, and a
    container builder of our own over the event stream. A duplicate key is collected in
    `duplicates` (its first value kept) when the caller reads on past it, else raised.
    `entry_lines`, when given, gets the line of every mapping in a top-level list, by
    the list's key: where each item starts, without composing the file for it."""

    duplicates: list[LoadProblem] | None = None
    entry_lines: dict[str, list[int]] | None = None

    _resolved: dict[str, str] = {}  # noqa: RUF012 - a cache shared by every load

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        # Resolution runs up to a dozen regexes per plain scalar; catalog values
        # repeat (categories, departments, dates), so remember the answers.
        if kind is ScalarNode and implicit[0]:
            tag = self._resolved.get(value)
            if tag is None:
                tag = str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]
                if tag == _STR and _YAML12_NOT_TEXT.fullmatch(value):
                    tag = _AMBIGUOUS
                if len(value) < 64 and len(self._resolved) < 100_000:
                    self._resolved[value] = tag
            return tag
        return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]

    def build(self) -> Any:
        """The document as dicts, lists and scalars; aliases share their anchor's object."""
        anchors: dict[str, Any] = {}
        # one frame per open container: [container, pending key, key event, merged keys]
        stack: list[list[Any]] = []
        root: Any = None
        documents = 0
        get_event, resolved = self.get_event, self._resolved
        while True:
            event: Any = get_event()
            kind = type(event)
            if kind is ScalarEvent and stack and event.tag is None and event.anchor is None:
                # the bulk of a catalog: an untagged text inside a container, placed here
                # without the calls of the general way (a quoted scalar is always text)
                value = event.value
                if event.implicit[0] and resolved.get(value) != _STR:
                    value = self._scalar(event)
                frame = stack[-1]
                open_: Any = frame[0]
                if type(open_) is list:
                    open_.append(value)
                elif frame[1] is _NO_KEY:
                    frame[1], frame[2] = value.text if type(value) is PlainScalar else value, event
                elif frame[1] is _MERGE_KEY or frame[1] in open_:
                    self._place(frame, value, event)
                else:
                    open_[frame[1]] = value
                    frame[1] = _NO_KEY
                continue
            if kind is ScalarEvent:
                value = self._scalar(event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                tag = event.tag
                if tag is not None and tag not in (
                    "!",
                    _MAP if kind is MappingStartEvent else _SEQ,
                ):
                    raise _refused(tag, event)
                container: Any = {} if kind is MappingStartEvent else []
                if event.anchor is not None:
                    anchors[event.anchor] = container
                if len(stack) == 2 and kind is MappingStartEvent and self.entry_lines is not None:
                    self._entry_line(stack, event)
                if len(stack) >= MAX_DEPTH:
                    raise _at("nesting-too-deep", _too_deep(), event)
                stack.append([container, _NO_KEY, None, None])
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value = stack.pop()[0]
            elif kind is AliasEvent:
                if event.anchor not in anchors:
                    raise _at(
                        "yaml-syntax",
                        _("alias *{anchor} names no anchor", anchor=event.anchor),
                        event,
                    )
                value = anchors[event.anchor]
            elif kind is StreamEndEvent:
                return root
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    message = _(
                        "a second YAML document (`---`): a catalog file holds exactly one; "
                        "split it into two files or remove the marker"
                    )
                    raise _at("multiple-documents", message, event)
                continue
            else:
                continue  # stream and document boundaries
            if kind is ScalarEvent and event.anchor is not None:
                anchors[event.anchor] = value
            if not stack:
                root = value
                continue
            if (
                type(value) is PlainScalar
                and type(stack[-1][0]) is dict
                and stack[-1][1] is _NO_KEY
            ):
                value = value.text  # a key is a field name, never a value to misread
            self._place(stack[-1], value, event)

    def _entry_line(self, stack: list[list[Any]], event: Any) -> None:
        top, section = stack
        if type(top[0]) is dict and type(section[0]) is list and type(top[1]) is str:
            assert self.entry_lines is not None
            self.entry_lines.setdefault(top[1], []).append(event.start_mark.line + 1)

    def _scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None:
            tag = self.resolve(ScalarNode, event.value, event.implicit)
        elif tag == "!":
            return event.value
        if tag == _STR:
            return event.value
        if tag == _AMBIGUOUS:
            return PlainScalar(event.value)
        if tag in _SCALARS or tag == _MERGE:
            if tag == _MERGE:
                return _MERGE_KEY
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            try:
                return self.yaml_constructors[tag](self, node)
            except ValueError:
                return PlainScalar(event.value)  # 2024-13-45: no such date
        raise _refused(tag, event)

    def _place(self, frame: list[Any], value: Any, event: Any) -> None:
        container = frame[0]
        if type(container) is list:
            container.append(value)
            return
        key = frame[1]
        if key is _NO_KEY:
            if isinstance(value, (dict, list)):
                raise _at("not-a-mapping", _("a mapping key must be a plain value"), event)
            frame[1], frame[2] = value, event
            return
        frame[1] = _NO_KEY
        if key is _MERGE_KEY:
            frame[3] = (frame[3] or set()) | _merge(container, value, frame[2])
            return
        if key in container:
            merged = frame[3]
            if merged is None or key not in merged:
                message = _("duplicate key '{key}': keep one of them", key=key)
                problem = _at("duplicate-key", message, frame[2])
                if self.duplicates is None:
                    raise problem
                self.duplicates.append(problem)
                return  # the first value stays: the rest of the file is checked with it
            merged.discard(key)
        container[key] = value


class _MergeKey:
    """The `<<` key: its value's keys fill the mapping, it is not a key itself."""


_MERGE_KEY: Any = _MergeKey()


def _merge(mapping: dict[Any, Any], source: Any, event: Any) -> set[Any]:
    """`<<: *defaults` fills the keys the mapping does not set itself; returns them."""
    added: set[Any] = set()
    for entry in source if isinstance(source, list) else [source]:
        if not isinstance(entry, dict):
            raise _at("yaml-syntax", _("`<<` merges mappings only"), event)
        for key, value in entry.items():
            if key not in mapping:
                mapping[key] = value
                added.add(key)
    return added


def _refused(tag: str, event: Any) -> LoadProblem:
    shown = "!!" + tag.removeprefix(_CORE) if tag.startswith(_CORE) else tag
    message = _("tag '{tag}' is not allowed: catalogs use plain YAML values only", tag=shown)
    return _at("disallowed-tag", message, event)


def _at(kind: str, message: str, event: Any) -> LoadProblem:
    mark = event.start_mark
    return LoadProblem(kind, message, mark.line + 1, mark.column + 1)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic collector: loading builds millions of acyclic containers.

    What was built is kept for the rest of the command (a document, its model): it is
    moved out of the collector's generations on the way out, or each of the next young,
    middle and full collections would walk all of it again for nothing (a tenth of
    `validate DIR`). Reference counting still frees it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def decode(data: bytes) -> str:
    """UTF-8 text of a file (a BOM is fine), or a LoadProblem saying what it is instead."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        message = _("the file is UTF-16 text (a byte-order mark says so): save it as UTF-8")
        raise LoadProblem("not-utf8", message, 1, 1)
    if b"\x00" in data[:8192]:
        raise LoadProblem("binary-file", _("this is a binary file, not a YAML text file"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = _("the file is not UTF-8 text: save it as UTF-8")
        try:
            data.decode("gb18030")
            message = _(
                "the file is not UTF-8 text: it looks GBK/GB18030-encoded (an old Excel export?): "
                "save it as UTF-8"
            )
        except UnicodeDecodeError:
            pass
        raise LoadProblem("not-utf8", message, line, column) from None


def load_yaml(
    text: str,
    duplicates: list[LoadProblem] | None = None,
    entry_lines: dict[str, list[int]] | None = None,
) -> Any:
    """Parse one YAML document; the root must be a mapping. A duplicate key is raised,
    unless `duplicates` is given: then each is added there, its first value kept, so that
    a reader reporting every problem goes on with the rest of the file. `entry_lines`
    collects the first line of each entry of a top-level list (see `_Loader`)."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise LoadProblem("empty-file", _("the file is empty"))
    loader = _Loader(text)
    loader.duplicates = duplicates
    loader.entry_lines = entry_lines
    try:
        with gc_paused():
            data = loader.build()
    except LoadProblem:
        raise
    except yaml.MarkedYAMLError as exc:
        raise _syntax(exc) from None
    except yaml.reader.ReaderError as exc:
        raise _unreadable_character(exc, text) from None
    except yaml.YAMLError as exc:
        raise LoadProblem("yaml-syntax", yaml_problem(str(exc))) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        if isinstance(data, list):
            message = _("the document must be a mapping of keys, not a list")
        else:
            message = _("the document must be a mapping of keys, not a single value")
        raise LoadProblem("not-a-mapping", message)
    if "&" in text and _ANCHOR.search(text):
        _check_expansion(data, text)
    return data


def _syntax(exc: yaml.MarkedYAMLError) -> LoadProblem:
    mark = exc.problem_mark or exc.context_mark
    if isinstance(exc, ConstructorError) and exc.problem and "tag" in exc.problem:
        kind = "disallowed-tag"
        message = f"{exc.problem}: catalogs use plain YAML values only"
        tag = re.search(r"'([^']+)'", exc.problem)
        if current_lang() != "en" and tag:
            message = _(
                "tag '{tag}' is not allowed: catalogs use plain YAML values only", tag=tag.group(1)
            )
    elif exc.problem and _LIBYAML_DEPTH.search(exc.problem):
        # libyaml 0.2.6 stops deep nesting itself; older ones leave it to the builder:
        # the user sees the same finding whichever is installed
        kind, message = "nesting-too-deep", _too_deep()
    else:
        kind = "yaml-syntax"
        parts = [yaml_problem(p) for p in (exc.context, exc.problem) if p]
        # the Chinese contexts end in a comma of their own
        message = ("" if current_lang() == "zh" else " ").join(parts) or _("invalid YAML")
    if mark is None:
        return LoadProblem(kind, message)
    return LoadProblem(kind, message, mark.line + 1, mark.column + 1)


def _unreadable_character(exc: yaml.reader.ReaderError, text: str) -> LoadProblem:
    """A character YAML does not allow in a file, where it is: libyaml counts the offset
    in bytes of the UTF-8 text it was given."""
    before = text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore")
    line = before.count("\n") + 1
    column = len(before) - (before.rfind("\n") + 1) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    message = _(
        "character U+{code:04X} is not allowed in YAML: remove it, or write it as an escape "
        "(\\u{code:04X}) inside double quotes",
        code=code,
    )
    return LoadProblem("yaml-syntax", message, line, column)


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
            _(
                "aliases expand this document far beyond its size (a 'billion laughs' document?): "
                "write the values out instead"
            ),
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

    def source_text(self, path: tuple[str | int, ...]) -> str | None:
        """The scalar at `path` as the file spells it (`010`, not the 8 YAML made of it);
        None when there is no scalar at exactly that path."""
        node = self._tree()
        for step in path:
            found: Node | None = None
            if isinstance(node, MappingNode):
                found = next(
                    (
                        v
                        for k, v in node.value
                        if isinstance(k, ScalarNode) and k.value == str(step)
                    ),
                    None,
                )
            elif isinstance(node, SequenceNode) and isinstance(step, int):
                found = node.value[step] if 0 <= step < len(node.value) else None
            if found is None:
                return None
            node = found
        return node.value if isinstance(node, ScalarNode) else None

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


# libyaml's own words for what it could not parse (English only), in the output language
_YAML_PROBLEMS = {
    "mapping values are not allowed here": N_("mapping values are not allowed here"),
    "mapping values are not allowed in this context": N_(
        "mapping values are not allowed in this context"
    ),
    "could not find expected ':'": N_("could not find expected ':'"),
    "did not find expected key": N_("did not find expected key"),
    "did not find expected '-' indicator": N_("did not find expected '-' indicator"),
    "did not find expected node content": N_("did not find expected node content"),
    "did not find expected ',' or ']'": N_("did not find expected ',' or ']'"),
    # a brace in a msgid would be read as a field
    "did not find expected ',' or '}'": N_("did not find expected ',' or a closing brace"),
    "did not find expected <document start>": N_("did not find expected <document start>"),
    "found character that cannot start any token": N_(
        "found character that cannot start any token"
    ),
    "found unexpected end of stream": N_("found unexpected end of stream"),
    "found unknown escape character": N_("found unknown escape character"),
    "found undefined tag handle": N_("found undefined tag handle"),
    "found duplicate anchor": N_("found duplicate anchor"),
    "found undefined alias": N_("found undefined alias"),
    "found a tab character that violates indentation": N_(
        "found a tab character that violates indentation"
    ),
    "found a tab character where an indentation space is expected": N_(
        "found a tab character where an indentation space is expected"
    ),
    "found unexpected ':'": N_("found unexpected ':'"),
    "while scanning a simple key": N_("while scanning a simple key"),
    "while scanning a quoted scalar": N_("while scanning a quoted scalar"),
    "while scanning a block scalar": N_("while scanning a block scalar"),
    "while scanning a plain scalar": N_("while scanning a plain scalar"),
    "while scanning an anchor": N_("while scanning an anchor"),
    "while scanning an alias": N_("while scanning an alias"),
    "while scanning a tag": N_("while scanning a tag"),
    "while scanning a directive": N_("while scanning a directive"),
    "while parsing a block mapping": N_("while parsing a block mapping"),
    "while parsing a block collection": N_("while parsing a block collection"),
    "while parsing a flow sequence": N_("while parsing a flow sequence"),
    "while parsing a flow mapping": N_("while parsing a flow mapping"),
    "while parsing a flow node": N_("while parsing a flow node"),
    "while parsing a block node": N_("while parsing a block node"),
    "while parsing a node": N_("while parsing a node"),
    "expected a single document in the stream": N_("expected a single document in the stream"),
    "but found another document": N_("but found another document"),
    "while constructing a mapping": N_("while constructing a mapping"),
    "found unhashable key": N_("found unhashable key"),
}


def yaml_problem(text: str) -> str:
    """A libyaml problem or context in the output language; an unknown one, in Chinese
    output, as a general 'invalid YAML' rather than an English sentence."""
    if current_lang() == "en":
        return text
    msgid = _YAML_PROBLEMS.get(text.strip())
    if msgid is not None:
        return _(msgid)
    for known, msgid in _YAML_PROBLEMS.items():
        if text.startswith(known):
            return _(msgid)
    return _("invalid YAML")
