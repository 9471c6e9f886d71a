# mypy: disable-error-code="union-attr"
# (libyaml events always carry their marks; the stubs say a Mark may be None)
"""Whether a text is already in the canonical layout, decided from libyaml's event stream
without the ruamel round trip (`fmt --check`, the `dutylist-fmt` hook, on files that are
canonical nearly every time).

The check only ever answers "canonical" when the layout rules of io/yamlwrite.py leave
every byte as it is: keys in the spec's order at their columns, `key: value` with one
space, sequences indented under their key, ids, codes and versions double-quoted,
other scalars plain and of a kind both YAML readers read alike, flow lists as
`[a, b]`, comments only above the first key. Anything else (a comment further down, a
block scalar, an escape, an anchor...) is "not sure", and the caller runs the round
trip. A hypothesis property checks that "canonical" agrees with format_text(x) == x.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from typing import Any

import yaml

from dutylist.io.yamlshape import _SHAPE, _Shape

_NONE: _Shape = ((), frozenset(), {})
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_RESOLVER = yaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_MAX_DEPTH = 40


class _Unsure(Exception):
    """The layout may not be canonical: let the round trip decide."""


_MARKER = re.compile(r"^(?:dutylist|catalog|jurisdiction):", re.MULTILINE)


def canonical_dutylist(text: str) -> bool:
    """A dutylist document already canonical: in a canonical text every scalar holds one
    line, so a line starting `catalog:` is a top-level key."""
    return is_canonical(text) and _MARKER.search(text) is not None


def is_canonical(text: str) -> bool:
    """True only when format_text(text) would return `text` unchanged."""
    try:
        return _Check(text).run()
    except (_Unsure, yaml.YAMLError, RecursionError, IndexError):
        return False


def _plain_ok(value: str) -> bool:
    """A plain scalar that PyYAML (1.1) and ruamel (1.2) read and write alike."""
    if not value or not value.isprintable() or value != value.strip():
        return False
    if "#" in value or ": " in value or value.endswith(":"):
        return False  # the emitter quotes what the parser took as plain here
    if value in ("true", "false", "null") or _INT.fullmatch(value):
        return True
    date = _DATE.fullmatch(value)
    if date:
        try:
            dt.date(*map(int, date.groups()))
        except ValueError:
            return False
        return True
    if value[0] in "0123456789+-.~" or value.lower() in ("y", "n"):
        return False
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == _STR)


def _plain_str(value: str) -> bool:
    """A plain scalar that is a string to PyYAML."""
    tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == _STR) and not _DATE.fullmatch(value) and not _INT.fullmatch(value)


class _Check:
    def __init__(self, text: str) -> None:
        self.text = text
        self.events = iter(yaml.parse(text, Loader=yaml.CSafeLoader))
        self.spans: list[int] = []  # start, end of every scalar, in order

    def next(self) -> Any:
        event = next(self.events)
        if getattr(event, "anchor", None) or getattr(event, "tag", None):
            raise _Unsure
        if isinstance(event, yaml.AliasEvent):
            raise _Unsure
        return event

    def run(self) -> bool:
        text = self.text
        if "\r" in text or "\t" in text or not text.endswith("\n") or text.endswith("\n\n"):
            return False
        if not isinstance(self.next(), yaml.StreamStartEvent):
            return False
        start = self.next()
        if not isinstance(start, yaml.DocumentStartEvent) or start.explicit:
            return False
        top = self.next()
        if not isinstance(top, yaml.MappingStartEvent) or top.flow_style:
            return False
        if top.start_mark.column != 0:
            return False
        self.mapping(top, _SHAPE, 0, 0)
        end = self.next()
        if not isinstance(end, yaml.DocumentEndEvent) or end.explicit:
            return False
        if not isinstance(self.next(), yaml.StreamEndEvent):
            return False
        return self.lines(top.start_mark.index)

    def lines(self, first: int) -> bool:
        """Comments only above the first key; no trailing space; blank lines single and
        never right below a line that opens a block."""
        text = self.text
        head, body = text[:first], text[first:]
        if head and any(not line.startswith("#") for line in head.splitlines()):
            return False
        previous = ""
        spans = self.spans
        for match in re.finditer(r"#", body):
            at = first + match.start()
            i = bisect.bisect_right(spans, at)
            if i % 2 == 0:  # not inside a scalar
                return False
        for line in body.split("\n")[:-1]:
            if line != line.rstrip():
                return False
            if not line and (not previous or previous.endswith(":")):
                return False
            previous = line
        return True

    def scalar_text(self, event: Any) -> str:
        start, end = event.start_mark.index, event.end_mark.index
        if event.start_mark.line != event.end_mark.line:
            raise _Unsure
        self.spans.extend((start, end))
        return self.text[start:end]

    def mapping(self, event: Any, shape: _Shape, col: int, depth: int) -> None:
        """A block mapping whose keys stand at `col`."""
        if depth > _MAX_DEPTH:
            raise _Unsure
        order, quoted, nested = shape
        rank = {k: i for i, k in enumerate(order)}
        last = -1
        seen: set[str] = set()
        while True:
            key = self.next()
            if isinstance(key, yaml.MappingEndEvent):
                return
            if not isinstance(key, yaml.ScalarEvent) or key.style:
                raise _Unsure
            name = key.value
            if key.start_mark.column != col or name in seen or not _plain_ok(name):
                raise _Unsure
            if not _plain_str(name) or self.scalar_text(key) != name:
                raise _Unsure
            seen.add(name)
            position = rank.get(name, len(order))
            if position < last:
                raise _Unsure
            last = position
            self.value(key, name in quoted, nested.get(name, _NONE), col, depth)

    def value(self, key: Any, quoted: bool, shape: _Shape, col: int, depth: int) -> None:
        text = self.text
        after = key.end_mark.index
        value = self.next()
        if isinstance(value, yaml.ScalarEvent):
            if text[after : value.start_mark.index] != ": ":
                raise _Unsure
            self.scalar(value, quoted)
        elif isinstance(value, yaml.SequenceStartEvent) and value.flow_style:
            if text[after : value.start_mark.index] != ": ":
                raise _Unsure
            self.flow(value, quoted)
        elif isinstance(value, yaml.SequenceStartEvent):
            if quoted or text[after] != ":" or text[after + 1] != "\n":
                raise _Unsure
            self.sequence(value, shape, col + 2, depth + 1)
        elif isinstance(value, yaml.MappingStartEvent) and not value.flow_style:
            if text[after] != ":" or text[after + 1] != "\n":
                raise _Unsure
            if value.start_mark.line == key.start_mark.line:
                raise _Unsure
            self.mapping(value, shape, col + 2, depth + 1)
        else:
            raise _Unsure

    def scalar(self, event: Any, quoted: bool) -> None:
        source = self.scalar_text(event)
        value = event.value
        if event.style == '"':
            if "\\" in source or not value.isprintable() or source != f'"{value}"':
                raise _Unsure
            if not quoted:
                raise _Unsure  # the round trip may unquote it
        elif (
            event.style or source != value or not _plain_ok(value) or (quoted and _plain_str(value))
        ):
            raise _Unsure

    def flow(self, event: Any, quoted: bool) -> None:
        parts = []
        while True:
            element = self.next()
            if isinstance(element, yaml.SequenceEndEvent):
                break
            if not isinstance(element, yaml.ScalarEvent):
                raise _Unsure
            if element.style == '"':
                source = self.scalar_text(element)
                if "\\" in source or not element.value.isprintable():
                    raise _Unsure
                if source != f'"{element.value}"':
                    raise _Unsure
            else:
                self.scalar(element, quoted)
            parts.append(self.text[element.start_mark.index : element.end_mark.index])
        written = self.text[event.start_mark.index : element.end_mark.index]
        if written != "[" + ", ".join(parts) + "]":
            raise _Unsure

    def sequence(self, event: Any, shape: _Shape, dash: int, depth: int) -> None:
        """A block sequence whose dashes stand at `dash`."""
        text = self.text
        while True:
            element = self.next()
            if isinstance(element, yaml.SequenceEndEvent):
                return
            start = element.start_mark
            line_start = text.rfind("\n", 0, start.index) + 1
            if text[line_start : start.index] != " " * dash + "- ":
                raise _Unsure
            if isinstance(element, yaml.ScalarEvent):
                self.scalar(element, quoted=False)
            elif isinstance(element, yaml.MappingStartEvent) and not element.flow_style:
                self.mapping(element, shape, dash + 2, depth + 1)
            else:
                raise _Unsure
