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

from bisect import bisect_right
from collections.abc import Iterator
from math import floor
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules.base import AuditFinding, Message, RuleInfo
from dutylist.catalog.load import LoadedCatalog
from dutylist.findings import Severity
from dutylist.i18n import N_
from dutylist.normalize import normalize_name

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
    blocks: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        blocks.setdefault(item.department, []).append(index)
    cutoff = settings.similarity * 100
    for members in blocks.values():
        if len(members) < 2:
            continue
        for first, second, score in _pairs(
            [normalize_name(items[i].name) for i in members], cutoff
        ):
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
    length, and each is compared only with the longer ones whose length leaves the cutoff
    reachable, since an indel ratio is at most 2*short/(short+long)."""
    from rapidfuzz import fuzz, process

    order = sorted(range(len(names)), key=lambda k: len(names[k]))
    ordered = [names[k] for k in order]
    lengths = [len(name) for name in ordered]
    share = cutoff / 100
    found: list[tuple[int, int, float]] = []
    for p in range(len(ordered) - 1):
        # a hair of slack: the bound only narrows the candidates, the scorer decides
        end = (
            bisect_right(lengths, lengths[p] * (2 - share) / share + 1e-6)
            if share > 0
            else len(ordered)
        )
        name = ordered[p]
        for _, score, k in process.extract(
            name, ordered[p + 1 : end], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        ):
            rounded = floor(score + 0.5)
            if rounded == 0 or name == ordered[p + 1 + k]:
                continue
            i, j = order[p], order[p + 1 + k]
            found.append((min(i, j), max(i, j), float(rounded)))
    found.sort()
    yield from found
