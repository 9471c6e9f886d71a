"""The comments of a YAML text, found from the scanner's tokens: `fmt` checks that every
comment of a file is still in its formatted text before it writes anything."""

from __future__ import annotations

import bisect
import re
from collections import Counter

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_HASH = re.compile("#")


def comments(text: str) -> list[tuple[int, str]]:
    """(line, text) of every comment, lines from 1: a `#` at a line start or after a space
    or tab, outside any scalar (quoted strings and block scalars hold `#` as text)."""
    starts: list[int] = []
    ends: list[int] = []
    for token in yaml.scan(text, Loader=_Loader):
        if isinstance(token, yaml.ScalarToken):
            starts.append(token.start_mark.index)
            ends.append(token.end_mark.index)
    found: list[tuple[int, str]] = []
    skip_to = -1
    for match in _HASH.finditer(text):
        at = match.start()
        if at < skip_to or (at and text[at - 1] not in " \t\n"):
            continue
        inside = bisect.bisect_right(starts, at) - 1
        if inside >= 0 and at < ends[inside]:
            continue
        end = text.find("\n", at)
        end = len(text) if end < 0 else end
        skip_to = end
        found.append((text.count("\n", 0, at) + 1, text[at:end].rstrip()))
    return found


def lost_comment(before: str, after: str) -> int | None:
    """The line in `before` of the first comment that `after` no longer holds, or None."""
    kept = Counter(body for _, body in comments(after))
    for line, body in comments(before):
        if kept[body]:
            kept[body] -= 1
        else:
            return line
    return None
