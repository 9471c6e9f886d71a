"""JSON documents of any size, written at the speed of the C encoder.

`json.dump(..., indent=2)` runs Python's pure-Python encoder: on an audit of 14k findings
it costs more than the audit. Here the outline (the top-level keys, the elements of their
lists) is laid out indented, one record a line, and every record below it is encoded by
the C encoder in one call: the same document, parsed back, as `indent=2` gives.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

from dutylist.report.safe import UNSAFE

_encode = json.JSONEncoder(ensure_ascii=False).encode

# JSON escapes C0 controls itself; DEL, C1, bidi controls and the line separators it writes
# raw, and on a terminal they would act. Written as \\uXXXX they parse back the same.
_RAW = {code: f"\\u{code:04x}" for code in UNSAFE if code >= 0x7F}
_ANY_RAW = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_RAW)) + "]").search


def dumps(value: Any, levels: int = 2) -> str:
    """`value` as JSON text, containers down to `levels` deep indented by two spaces (a
    document, its lists and objects), everything deeper on one line; a newline at the end."""
    parts: list[str] = []
    _emit(value, 0, levels, parts)
    parts.append("\n")
    text = "".join(parts)
    return text.translate(_RAW) if _ANY_RAW(text) else text


def dump(value: Any, out: TextIO, levels: int = 2) -> None:
    out.write(dumps(value, levels))


def _key(key: Any) -> str:
    if isinstance(key, str):
        return _encode(key)
    return _encode({key: 0})[1:-4]  # as json writes a key of another type: "1", "true"


def _emit(value: Any, depth: int, levels: int, parts: list[str]) -> None:
    if depth >= levels or not isinstance(value, dict | list | tuple) or not value:
        parts.append(_encode(value))
        return
    pad = "\n" + "  " * (depth + 1)
    if isinstance(value, dict):
        parts.append("{")
        for index, (key, item) in enumerate(value.items()):
            parts.append(("," if index else "") + pad + _key(key) + ": ")
            _emit(item, depth + 1, levels, parts)
        parts.append("\n" + "  " * depth + "}")
        return
    parts.append("[")
    for index, item in enumerate(value):
        parts.append(("," if index else "") + pad)
        _emit(item, depth + 1, levels, parts)
    parts.append("\n" + "  " * depth + "]")
