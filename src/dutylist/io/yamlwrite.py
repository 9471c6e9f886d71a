"""The canonical layout of a dutylist file, written with ruamel.yaml round-trip so that
comments survive (`dutylist fmt`, and every file `import` and `init` write).

The layout: `dutylist: 1` first, keys in the order of the spec (unknown keys after
them, in their own order), item ids, codes and versions in double quotes, two-space
indentation with sequences indented under their key, `null` spelt out, no line
wrapping. Flow lists (`scope: [a, b]`) and block scalars stay as written.

The one promise that matters more than the layout: the data PyYAML reads back is the
data it read before. PyYAML reads YAML 1.1 and ruamel 1.2, so a plain scalar is only
requoted or unquoted when both read it as the same string, and `format_text` compares
the loaded data before and after and refuses a result that differs.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import OrderedDict
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    SingleQuotedScalarString,
)
from ruamel.yaml.tokens import CommentToken

from dutylist.i18n import _
from dutylist.io.yamlcomments import lost_comment
from dutylist.io.yamlload import LoadProblem, load_yaml
from dutylist.io.yamlshape import _SHAPE, FLOW, _Shape

_STR = "tag:yaml.org,2002:str"
_RESOLVER = pyyaml.resolver.Resolver()


class FormatProblem(Exception):
    """The text cannot be formatted safely; the message says why, at line:column."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def make_yaml() -> YAML:
    """The one ruamel configuration of the canonical layout."""
    y = YAML()
    y.preserve_quotes = True
    y.indent(mapping=2, sequence=4, offset=2)
    y.width = 100_000  # never fold long names or bases onto several lines
    y.representer.add_representer(type(None), _represent_null)
    return y


def _represent_null(representer: Any, _data: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def dump(data: Any) -> str:
    """A document (plain dicts and lists, or ruamel nodes) in the canonical layout."""
    node = data if isinstance(data, CommentedMap) else _commented(data)
    canonicalize(node)
    buffer = io.StringIO()
    make_yaml().dump(node, buffer)
    return buffer.getvalue()


class CommentLost(FormatProblem):
    """A comment the layout cannot keep (ruamel drops those inside a flow collection)."""


def format_text(text: str) -> str:
    """The canonical form of a YAML text, in the text's own line ends (CRLF stays CRLF);
    FormatProblem when it cannot be read or when the formatted text would load
    differently, CommentLost when it would lose a comment."""
    first = text.find("\n")
    crlf = first > 0 and text[first - 1] == "\r"
    if "\r\n" in text:
        text = text.replace("\r\n", "\n")
    result = _format(text)
    line = lost_comment(text, result)
    if line is not None:
        raise CommentLost(
            _(
                "this comment cannot be kept by the formatter (is it inside a flow list such as "
                "[a, b]?): the file was left as it is"
            ),
            line,
        )
    return result.replace("\n", "\r\n") if crlf else result


def _format(text: str) -> str:
    try:
        before = load_yaml(text)
    except LoadProblem as problem:
        raise FormatProblem(problem.message, problem.line, problem.column) from None
    try:
        node = make_yaml().load(text)
    except YAMLError as exc:
        raise FormatProblem(_("cannot be read for formatting: {reason}", reason=exc)) from None
    except ValueError:  # ruamel builds dates, and 2024-02-30 is none
        raise _impossible_date(text) from None
    if not isinstance(node, CommentedMap):
        raise FormatProblem(_("the document is not a mapping"))
    canonicalize(node, before)
    buffer = io.StringIO()
    make_yaml().dump(node, buffer)
    result = buffer.getvalue()
    if load_yaml(result) != before:
        raise FormatProblem(
            _("formatting would change what the file says, so it was left as it is")
        )
    return result


def _impossible_date(text: str) -> FormatProblem:
    for number, line in enumerate(text.splitlines(), 1):
        for match in re.finditer(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.-])", line):
            try:
                dt.date(*map(int, match.groups()))
            except ValueError:
                message = _(
                    "{value} is not a day of the calendar: write a date like 2024-08-19",
                    value=match.group(0),
                )
                return FormatProblem(message, number, match.start() + 1)
    return FormatProblem(_("a value cannot be read for formatting: run `dutylist validate`"))


_BREAKS = re.compile("[\x85\u2028\u2029]")


def _commented(value: Any, key: Any = None) -> Any:
    if isinstance(value, dict):
        out = CommentedMap()
        for sub_key, sub in value.items():
            out[sub_key] = _commented(sub, sub_key)
        return out
    if isinstance(value, list):
        seq = CommentedSeq(_commented(v) for v in value)
        if key in FLOW:
            # ruamel writes `[? x]` plain, which reads back as a mapping (`[: x]`: not at all)
            for i, v in enumerate(seq):
                if isinstance(v, str) and type(v) is str and v.startswith(("?", ":")):
                    list.__setitem__(seq, i, SingleQuotedScalarString(v))
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str) and _BREAKS.search(value):
        # ruamel folds these in single quotes, and PyYAML reads them back as spaces
        return DoubleQuotedScalarString(value)
    if isinstance(value, str) and value and "\n" not in value and not _pyyaml_plain_is(value):
        # plain `yes` or `on` is a string to ruamel (YAML 1.2) and True to PyYAML (1.1)
        return SingleQuotedScalarString(value)
    return value


def canonicalize(node: CommentedMap, loaded: Any = None) -> None:
    """Reorder keys, set quoting and re-indent comments, in place. `loaded` is what
    PyYAML read (None when `node` was built in memory, where every str is a str)."""
    _mapping(node, _SHAPE, loaded, 0)


def _mapping(
    node: CommentedMap,
    shape: _Shape,
    loaded: Any,
    col: int,
    *,
    in_seq: bool = False,
    owner: tuple[CommentedMap, Any] | None = None,
) -> None:
    """`owner`: the mapping and key this mapping is the value of."""
    order, quoted, nested = shape
    keys = list(node.keys())
    rank = {k: i for i, k in enumerate(order)}
    wanted = sorted(keys, key=lambda k: (rank.get(k, len(order)), keys.index(k)))
    befores = {
        k: (_take_after(node, keys[i - 1]) if i else "") + _take_pre(node, k)
        for i, k in enumerate(keys)
    }
    tail = _take_after(node, keys[-1]) if keys else ""
    for key in wanted:
        node.move_to_end(key)
    # comments that stood before the old first key stay above the mapping; those of
    # the new first key go above it, except in a "- " line, where they move one key down
    first = befores.pop(wanted[0], "") if wanted else ""
    if first and not in_seq:
        _lead(node, _indent(first, col), owner)
    elif first and len(wanted) > 1:
        befores[wanted[1]] = first + befores.get(wanted[1], "")
    elif first:
        tail = first + tail
    for i, key in enumerate(wanted):
        if i > 0:
            _put_after(node, wanted[i - 1], _indent(befores.get(key, ""), col))
        sub = loaded.get(key) if isinstance(loaded, dict) else None
        value = node[key]
        if key in quoted:
            _set(node, key, _quote(value, sub))
            if isinstance(value, CommentedSeq):
                for j, element in enumerate(value):
                    at = sub[j] if isinstance(sub, list) and j < len(sub) else None
                    _set(value, j, _quote(element, at))
        else:
            _set(node, key, _plain(value, sub))
        if isinstance(value, CommentedMap) and not _flow(value):
            _mapping(value, nested.get(key, ((), frozenset(), {})), sub, col + 2, owner=(node, key))
        elif isinstance(value, CommentedSeq) and not _flow(value):
            _sequence(value, nested.get(key, ((), frozenset(), {})), sub, col + 2)
    if wanted:
        _put_after(node, wanted[-1], tail)


def _sequence(node: CommentedSeq, shape: _Shape, loaded: Any, dash: int) -> None:
    for j in range(1, len(node)):
        before = _take_after_index(node, j - 1) + _take_pre(node, j)
        _put_after_index(node, j - 1, _indent(before, dash))
    for j, element in enumerate(node):
        sub = loaded[j] if isinstance(loaded, list) and j < len(loaded) else None
        if isinstance(element, CommentedMap) and not _flow(element):
            _mapping(element, shape, sub, dash + 2, in_seq=True)
        elif isinstance(element, CommentedSeq) and not _flow(element):
            _sequence(element, shape, sub, dash + 2)
        else:
            _set(node, j, _plain(element, sub))


def _set(node: CommentedMap | CommentedSeq, key: Any, value: Any) -> None:
    """Replace a value; ruamel's own __setitem__ would keep the old value's quote style."""
    if isinstance(node, CommentedSeq):
        list.__setitem__(node, key, value)
    else:
        OrderedDict.__setitem__(node, key, value)


def _flow(node: CommentedMap | CommentedSeq) -> bool:
    return bool(node.fa.flow_style())


def _pyyaml_plain_is(text: str) -> bool:
    """PyYAML (YAML 1.1) reads this text, written plain, as this very string."""
    tag = _RESOLVER.resolve(pyyaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return bool(tag == _STR)


def _quote(value: Any, loaded: Any) -> Any:
    """Ids, codes and versions in double quotes, when they are strings to PyYAML too."""
    if (
        isinstance(value, str)
        and "\n" not in value
        and (loaded is None or (isinstance(loaded, str) and loaded == str(value)))
    ):
        return DoubleQuotedScalarString(value)
    return value


def _plain(value: Any, loaded: Any) -> Any:
    """Other quoted strings unquoted when both readers agree the plain text is a string
    (ruamel itself re-quotes what cannot be plain)."""
    if isinstance(value, (SingleQuotedScalarString, DoubleQuotedScalarString)):
        text = str(value)
        if (
            text
            and "\n" not in text
            and text.strip() == text
            and not _BREAKS.search(text)
            and _pyyaml_plain_is(text)
        ):
            return text if loaded is None or loaded == text else value
    return value


# --- comments -------------------------------------------------------------------------
# ruamel keeps the comment lines that follow a value in the token of that value's last
# scalar: "<end-of-line comment or nothing>\n<following lines>". The following lines
# belong before the next key, so they are taken out and put back where the next key
# now follows, re-indented to its new column.


def _slot(node: Any, key: Any) -> tuple[Any, Any, int] | None:
    """Where the comment after `node[key]` lives: (holder, key, slot index)."""
    value = node[key]
    if isinstance(value, CommentedMap) and len(value) and not _flow(value):
        return _slot(value, list(value.keys())[-1])
    if isinstance(value, CommentedSeq) and len(value) and not _flow(value):
        return _slot(value, len(value) - 1)
    return node, key, 2 if isinstance(node, CommentedMap) else 0


def _lead(node: CommentedMap, text: str, owner: tuple[CommentedMap, Any] | None) -> None:
    """Comment lines above the first key of a mapping: after the comment of its owner's
    `key:` line when there is one (ruamel then prints only that), else its own."""
    entry = owner[0].ca.items.get(owner[1]) if owner else None
    if entry and len(entry) > 2 and isinstance(entry[2], CommentToken):
        entry[2].value += text
        return
    if node.ca.comment is None:
        node.ca.comment = [None, []]
    if node.ca.comment[1] is None:
        node.ca.comment[1] = []
    node.ca.comment[1].append(CommentToken(text, CommentMark(0), None))


def _take_pre(holder: Any, key: Any) -> str:
    """Comment lines ruamel keeps *before* a key (after a flow collection, for one)."""
    entry = holder.ca.items.get(key)
    if not entry or len(entry) < 2 or not entry[1]:
        return ""
    text = "".join(t.value for t in entry[1] if isinstance(t, CommentToken))
    entry[1] = None
    return text


def _take_after(node: Any, key: Any) -> str:
    where = _slot(node, key)
    if where is None:
        return ""
    holder, hkey, index = where
    entry = holder.ca.items.get(hkey)
    token = entry[index] if entry and len(entry) > index else None
    if not isinstance(token, CommentToken):
        return ""
    eol, _newline, after = token.value.partition("\n")
    token.value = eol + "\n"
    return after


def _put_after(node: Any, key: Any, text: str) -> None:
    if not text:
        return
    where = _slot(node, key)
    if where is None:
        return
    holder, hkey, index = where
    entry = holder.ca.items.setdefault(hkey, [None, None, None, None])
    token = entry[index]
    if isinstance(token, CommentToken):
        token.value = token.value.rstrip("\n") + "\n" + text if token.value.strip() else "\n" + text
    else:
        entry[index] = CommentToken("\n" + text, CommentMark(0), None)


def _take_after_index(node: CommentedSeq, index: int) -> str:
    return _take_after(node, index)


def _put_after_index(node: CommentedSeq, index: int, text: str) -> None:
    _put_after(node, index, text)


def _indent(text: str, col: int) -> str:
    lines = text.split("\n")
    return "\n".join(" " * col + line.strip() if line.strip() else "" for line in lines)


def append_entries(text: str, additions: dict[str, list[dict[str, Any]]]) -> str:
    """`text` (a jurisdiction.yaml) with entries appended to its sections, comments kept."""
    node = make_yaml().load(text)
    for section, entries in additions.items():
        if not entries:
            continue
        seq = node.get(section)
        if not isinstance(seq, CommentedSeq):
            seq = CommentedSeq()
            node[section] = seq
        seq.extend(_commented(entry) for entry in entries)
    canonicalize(node, None)
    buffer = io.StringIO()
    make_yaml().dump(node, buffer)
    return buffer.getvalue()
