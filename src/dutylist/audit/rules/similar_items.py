"""similar-items (合并同类项): items in one catalog whose normalised names nearly match.

Names are normalised as everywhere (NFKC, widths, whitespace, traditional → simplified)
and compared with rapidfuzz's ratio; pairs at or above `similarity` (default 0.9) are
reported once, on the later item, with suggestion `merge`. Identical normalised names
are validate's error DL108, not repeated here. Comparison is blocked by department (the
department that would merge them), so 10k items are never compared all against all.

Why: the same power listed twice under slightly different wording is counted twice and
devolved twice; 合并同类项 is a standing step of every adjustment.

Passes:

```yaml
- {id: A-1, name: 对未按规定设置公路标志的行政处罚, department: transport}
- {id: A-2, name: 农村公路建设项目的监督检查, department: transport}
```

Fails:

```yaml
- {id: A-1, name: 对擅自占用公路的行政处罚, department: transport}
- {id: A-2, name: 对擅自占用农村公路的行政处罚, department: transport}
```
→ A-2 merge with A-1.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from itertools import chain
from math import ceil, floor
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules.base import AuditFinding, Message, RuleInfo
from dutylist.catalog.load import LoadedCatalog
from dutylist.findings import Severity
from dutylist.i18n import N_

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext

RULE = RuleInfo(
    "DL306",
    "similar-items",
    Severity.INFO,
    N_("two items of one catalog whose normalised names nearly match (合并同类项)"),
)
MESSAGE = N_("nearly the same name as {id} {name} ({score:.0f}%): merge them")


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    for loaded in ctx.juris.catalogs:
        if loaded.kind == "guide":  # a guide hands nothing down: conform checks it
            continue
        yield from _catalog(ctx, loaded, settings)


def _catalog(
    ctx: AuditContext, loaded: LoadedCatalog, settings: AuditSettings
) -> Iterator[AuditFinding]:
    items = loaded.model.items
    keys = loaded.name_keys()  # validate's duplicate check has made them
    blocks: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        blocks.setdefault(item.department, []).append(index)
    cutoff = settings.similarity * 100
    for members in blocks.values():
        if len(members) < 2:
            continue
        for first, second, score in _pairs([keys[i] for i in members], cutoff):
            a, b = items[members[first]], items[members[second]]
            yield ctx.finding(
                RULE,
                loaded,
                b,
                message=Message(MESSAGE, id=a.id, name=a.name, score=score),
                suggestion="merge",
                subject=a.id,
                extra={"similar_to": a.id, "score": round(score, 1)},
            )


def _pairs(names: list[str], cutoff: float) -> Iterator[tuple[int, int, float]]:
    """Index pairs (i < j) of names at or above the cutoff, identical ones excluded, in
    order, the score rounded to a whole percent (half up).

    Without numpy (its import alone costs more than the comparisons): names go in order of
    length, and each is compared only with the shorter ones whose length leaves the cutoff
    reachable, since an indel ratio is at most 2*short/(short+long), and that share a
    token of its prefix and theirs (see `_prefixes`): most pairs of a department share
    none, and the scorer never sees them."""
    from rapidfuzz import fuzz, process

    order = sorted(range(len(names)), key=lambda k: len(names[k]))
    ordered = [names[k] for k in order]
    lengths = [len(name) for name in ordered]
    share = cutoff / 100
    prefixes = _prefixes(ordered, share)
    holders: dict[int, list[int]] = {}
    for p, prefix in enumerate(prefixes):
        # held as the shorter name of a pair: the overlap is at least share x its length,
        # so a shorter prefix than the one it probes with (a third fewer candidates)
        size = lengths[p] - max(0, ceil(share * lengths[p] - 1e-6)) + 1
        for token in prefix[:size]:
            holders.setdefault(token, []).append(p)
    least = share / (2 - share)
    found: list[tuple[int, int, float]] = []
    for q in range(1, len(ordered)):
        # a hair of slack: the bound only narrows the candidates, the scorer decides
        start = bisect_left(lengths, lengths[q] * least - 1e-6)
        near: set[int] = set()
        for token in prefixes[q]:  # its holders before q and long enough: a slice
            held = holders.get(token)
            if held:
                near.update(held[bisect_left(held, start) : bisect_left(held, q)])
        if not near:
            continue
        candidates = sorted(near)
        name = ordered[q]
        for _, score, k in process.extract(
            name,
            [ordered[k] for k in candidates],
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            limit=None,
        ):
            rounded = floor(score + 0.5)
            p = candidates[k]
            if rounded == 0 or name == ordered[p]:
                continue
            i, j = order[p], order[q]
            found.append((min(i, j), max(i, j), float(rounded)))
    found.sort()
    yield from found


def _prefixes(names: list[str], share: float) -> list[list[int]]:
    """The prefix filter of set-similarity joins, on each name's multiset of characters
    (a repeated character is a token of its own: the second `a` is `a\x001`).

    A pair at ratio `share` has a common subsequence, so a multiset overlap, of at least
    share*(la+lb)/2, which the length bound makes at least t(l) = share*l/(2-share) for
    either name. Two token sets that overlap in t share a token among the first l-t+1 of
    each, tokens ranked the same way for all names (rarest first): a pair sharing no
    token of these prefixes is below the cutoff. The shorter name of a pair overlaps the
    other in at least share*l of its own: its first l-ceil(share*l)+1 tokens suffice."""
    tokens = [_tokens(name) for name in names]
    count = Counter(chain.from_iterable(tokens))  # one count, not an update per name
    rank = {token: r for r, token in enumerate(sorted(count, key=lambda t: (count[t], t)))}
    least = share / (2 - share)
    prefixes = []
    ranked = rank.__getitem__
    for name_tokens in tokens:
        size = len(name_tokens) - max(0, ceil(least * len(name_tokens) - 1e-6)) + 1
        # a token is its rank from here on: integers sort without a key function
        prefixes.append(sorted(map(ranked, name_tokens))[:size])
    return prefixes


def _tokens(name: str) -> list[str]:
    # the characters once: a Chinese character is a new object each time it is taken out
    chars = list(name)
    if len(set(chars)) == len(chars):
        return chars
    seen: dict[str, int] = {}  # a plain dict: Counter's __missing__ is a Python call
    tokens = []
    for char in chars:
        n = seen.get(char, 0)
        tokens.append(f"{char}\x00{n}" if n else char)
        seen[char] = n + 1
    return tokens
