"""The same item kept under different names or codes in different counties
(同事不同名、同名不同码).

Items are compared only within one kind and category. Equal normalised names are
grouped by a dictionary; with a similarity ratio, the *distinct* normalised names of a
block are compared with rapidfuzz's `process.cdist`, and each name only with names of a
length that can reach the ratio at all (fuzz.ratio <= 2 min(a, b) / (a + b)): a province
repeats the same few hundred names in every county, so the work grows with the distinct
names of a category, never with the square of all items.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from dutylist.catalog.workspace import Jurisdiction
from dutylist.normalize import normalize_names

_CHUNK = 512  # rows of one cdist call: bounds the score matrix to CHUNK x block floats


@dataclass(frozen=True)
class Member:
    jurisdiction: str
    jurisdiction_name: str
    id: str
    name: str
    catalog: str


@dataclass
class Variant:
    name: str  # the name most members use
    kind: str
    category: str
    match: str  # "name": equal once normalised (同名不同码); "similar": close (同事不同名)
    members: list[Member] = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(m.name for m in self.members))

    @property
    def ids(self) -> list[str]:
        return list(dict.fromkeys(m.id for m in self.members))


def find_variants(jurisdictions: list[Jurisdiction], similarity: float | None) -> list[Variant]:
    # (kind, category) -> normalised name -> members
    blocks: dict[tuple[str, str], dict[str, list[Member]]] = defaultdict(lambda: defaultdict(list))
    for juris in jurisdictions:
        info = juris.registry.model.jurisdiction if juris.registry else None
        code, title = (info.code, info.name) if info else (juris.root.name, juris.name)
        for loaded in juris.catalogs:
            if loaded.kind == "guide":
                continue
            items = loaded.model.items
            keys = normalize_names([item.name for item in items])
            for item, key in zip(items, keys, strict=True):
                member = Member(code, title, item.id, item.name, loaded.doc.display)
                blocks[(loaded.kind, item.category)][key].append(member)
    out: list[Variant] = []
    for (kind, category), names in blocks.items():
        groups = _similar_groups(list(names), similarity) if similarity else [[n] for n in names]
        for group in groups:
            members = list(dict.fromkeys(m for key in group for m in names[key]))
            variant = _variant(kind, category, members, similar=len(group) > 1)
            if variant is not None:
                out.append(variant)
    out.sort(key=lambda v: (v.kind, v.category, v.name))
    return out


def _variant(kind: str, category: str, members: list[Member], *, similar: bool) -> Variant | None:
    """A group is a variant when it spans two jurisdictions and its ids or names differ."""
    if len({m.jurisdiction for m in members}) < 2:
        return None
    if len({m.id for m in members}) < 2 and len({m.name for m in members}) < 2:
        return None
    counts: dict[str, int] = defaultdict(int)
    for m in members:
        counts[m.name] += 1
    name = max(counts, key=lambda n: (counts[n], -len(n)))
    members.sort(key=lambda m: (m.jurisdiction, m.id))
    return Variant(name, kind, category, "similar" if similar else "name", members)


def _similar_groups(keys: list[str], ratio: float) -> list[list[str]]:
    """Connected groups of names whose fuzz.ratio reaches `ratio` (union-find)."""
    import numpy as np
    from rapidfuzz import fuzz, process

    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(keys)), key=lambda i: len(keys[i]))
    lengths = [len(keys[i]) for i in order]
    cutoff = ratio * 100
    start = 0
    while start < len(order):
        rows = order[start : start + _CHUNK]
        # longest partner any row can match: 2a / (a + b) >= ratio  <=>  b <= a (2 - r) / r
        longest = lengths[min(start + _CHUNK, len(order)) - 1] * (2 - ratio) / ratio
        end = start
        while end < len(order) and lengths[end] <= longest:
            end += 1
        cols = order[start:end]
        if len(cols) > 1:
            scores: Any = process.cdist(
                [keys[i] for i in rows],
                [keys[j] for j in cols],
                scorer=fuzz.ratio,
                score_cutoff=cutoff,
                workers=-1,
            )
            for r, c in zip(*np.nonzero(scores), strict=True):
                a, b = find(rows[r]), find(cols[c])
                if a != b:
                    parent[a] = b
        start += _CHUNK
    groups: dict[int, list[str]] = defaultdict(list)
    for i, key in enumerate(keys):
        groups[find(i)].append(key)
    return list(groups.values())
