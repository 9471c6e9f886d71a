"""The canonical layout (io/yamlwrite.py) of a document built in memory, written without
ruamel.yaml: `import` writes new files with no comments to keep, and the round trip
(ruamel's import alone costs about 0.2 s, its emitter most of an import) buys nothing
there.

The text is the one `yamlwrite.dump` writes, character for character
(tests/io/test_yamlemit.py holds the two to each other). Only the common shapes are
written here: a scalar this module is not certain how ruamel would write (a line break,
a control character, a `:` or `#`, a leading indicator, an empty string...) makes
the entry it stands in (one item, one unit) go through `dump`, so that an awkward cell
costs the round trip of its own item and no more.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml as pyyaml

from dutylist.io.yamlshape import _SHAPE, FLOW, _Shape

# Characters that never make ruamel quote or escape a scalar: printable, no line break
# (\x85, \u2028, \u2029), no BOM, no YAML indicator or flow character of ASCII.
_SAFE = re.compile(
    "[^\\x00-\\x20\\x7f-\\xa0\\u2028\\u2029\\ufeff\\ud800-\\udfff\\ufffe\\uffff"
    "\\\\:#,\\[\\]{}&*!|>'\"%@`]"
    "(?:[^\\x00-\\x1f\\x7f-\\x9f\\x85\\u2028\\u2029\\ufeff\\ud800-\\udfff\\ufffe\\uffff"
    "\\\\:#,\\[\\]{}&*!|>'\"%@`]*"
    "[^\\x00-\\x20\\x7f-\\xa0\\u2028\\u2029\\ufeff\\ud800-\\udfff\\ufffe\\uffff"
    "\\\\:#,\\[\\]{}&*!|>'\"%@`])?"
)
_LEADING = frozenset("-?.")  # indicators when followed by a space, or `---`/`...`
# What ruamel's YAML 1.2 resolver reads as other than a string (its implicit_resolvers)
_RUAMEL_NOT_STR = re.compile(
    r"""^(?:true|True|TRUE|false|False|FALSE
    |[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?
    |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
    |[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN)
    |[-+]?0b[0-1_]+
    |[-+]?0o?[0-7_]+
    |[-+]?[0-9_]+
    |[-+]?0x[0-9a-fA-F_]+
    |<<
    |~|null|Null|NULL|
    |[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
    |[0-9][0-9][0-9][0-9]\ -[0-9][0-9]?\ -[0-9][0-9]?
     (?:[Tt]|[\ \t]+)[0-9][0-9]?
     :[0-9][0-9]\ :[0-9][0-9]\ (?:\.[0-9]*)?
     (?:[\ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?
    |=)$""",
    re.X,
)
_RESOLVER = pyyaml.resolver.Resolver()
_STR = "tag:yaml.org,2002:str"
_EMPTY: _Shape = ((), frozenset(), {})


class _Hard(Exception):
    """A value this module leaves to the round-trip writer."""


_plain_cache: dict[str, str] = {}


def _str(text: str, quoted: bool) -> str:
    if quoted:
        if _SAFE.fullmatch(text) is None or text[0] in _LEADING:
            raise _Hard
        return f'"{text}"'
    written = _plain_cache.get(text)
    if written is not None:
        return written
    if _SAFE.fullmatch(text) is None or text[0] in _LEADING:
        raise _Hard
    tag = _RESOLVER.resolve(pyyaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    # plain only when both YAML 1.1 (PyYAML, which reads the file) and 1.2 (ruamel) agree
    # that it is a string: `yes` is True to the one and a string to the other
    written = text if tag == _STR and _RUAMEL_NOT_STR.match(text) is None else f"'{text}'"
    if len(_plain_cache) < 100_000:
        _plain_cache[text] = written
    return written


def _scalar(value: Any, quoted: bool) -> str:
    if isinstance(value, str):
        return _str(value, quoted)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return str(value)
    if type(value) is dt.date:
        return value.isoformat()
    raise _Hard


def _ordered(node: dict[str, Any], order: tuple[str, ...]) -> list[str]:
    keys = list(node)
    rank = {k: i for i, k in enumerate(order)}
    return sorted(keys, key=lambda k: (rank.get(k, len(order)), keys.index(k)))


def _mapping(node: dict[str, Any], shape: _Shape, col: int, out: list[str], first: str) -> None:
    """Lines of a mapping at column `col`; `first` starts its first line (`- ` in a list)."""
    order, quoted, nested = shape
    if not node:
        raise _Hard
    pad = " " * col
    lead = first
    for key in _ordered(node, order):
        if not isinstance(key, str):
            raise _Hard
        name = _str(key, False)
        if name != key:
            raise _Hard
        value = node[key]
        q = key in quoted
        if isinstance(value, dict):
            out.append(f"{lead}{key}:\n")
            _mapping(value, nested.get(key, _EMPTY), col + 2, out, " " * (col + 2))
        elif isinstance(value, list):
            if key in FLOW:
                flow = ", ".join(_flow_scalar(v, q) for v in value)
                out.append(f"{lead}{key}: [{flow}]\n")
            else:
                out.append(f"{lead}{key}:\n")
                _sequence(value, nested.get(key, _EMPTY), q, col + 2, out)
        else:
            out.append(f"{lead}{key}: {_scalar(value, q)}\n")
        lead = pad


def _flow_scalar(value: Any, quoted: bool) -> str:
    if isinstance(value, (dict, list)):
        raise _Hard
    return _scalar(value, quoted)


def _sequence(node: list[Any], shape: _Shape, quoted: bool, dash: int, out: list[str]) -> None:
    if not node:
        raise _Hard
    pad = " " * dash
    for element in node:
        if isinstance(element, dict):
            _mapping(element, shape, dash + 2, out, pad + "- ")
        elif isinstance(element, list):
            raise _Hard
        else:
            out.append(f"{pad}- {_scalar(element, quoted)}\n")


def emit(doc: dict[str, Any]) -> str:
    """`doc` (plain dicts, lists and scalars) in the canonical layout: `dump(doc)`."""
    from dutylist.io.yamlwrite import dump

    order, _quoted, nested = _SHAPE
    out: list[str] = []
    try:
        for key in _ordered(doc, order):
            value = doc[key]
            shape = nested.get(key, _EMPTY)
            if not isinstance(value, list) or not value or key in FLOW:
                _mapping({key: value}, (order, _quoted, nested), 0, out, "")
                continue
            out.append(f"{key}:\n")
            for element in value:
                mark = len(out)
                try:
                    _sequence([element], shape, False, 2, out)
                except _Hard:
                    del out[mark:]
                    out.append(dump({key: [element]}).split("\n", 1)[1])
    except _Hard:
        return dump(doc)
    return "".join(out)
