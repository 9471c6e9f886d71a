"""Pairing the items of two versions, in the order of spec section 5: same id; then
`replaces` (merged, split, recoded); then the same normalised name (recoded); then,
optionally, the most similar name within the same department.

Everything here is linear in the number of items (dicts keyed by id and by name);
the similarity step compares only the still-unpaired items of one department.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from dutylist.model.catalog import Item
from dutylist.normalize import normalize_name


@dataclass
class Group:
    """Old items and new items that `replaces` ties together (a merge or a split)."""

    old: list[Item]
    new: list[Item]


@dataclass
class Pairing:
    pairs: list[tuple[Item, Item]] = field(default_factory=list)  # one old, one new
    groups: list[Group] = field(default_factory=list)
    added: list[Item] = field(default_factory=list)
    gone: list[Item] = field(default_factory=list)


def pair_items(old: Sequence[Item], new: Sequence[Item], similarity: float | None) -> Pairing:
    """Pair old and new items; `similarity` is a ratio in 0..1 or None (no fuzzy step)."""
    old_by_id = {item.id: item for item in old}
    new_by_id = {item.id: item for item in new}
    id_pair = {i for i in new_by_id if i in old_by_id}

    result = Pairing()
    taken_old: set[str] = set()
    taken_new: set[str] = set()
    for group in _replace_groups(old_by_id, new, id_pair):
        taken_old.update(i.id for i in group.old)
        taken_new.update(i.id for i in group.new)
        if len(group.old) == 1 and len(group.new) == 1:
            result.pairs.append((group.old[0], group.new[0]))
        else:
            result.groups.append(group)
    for item_id in id_pair:
        if item_id not in taken_new:
            taken_old.add(item_id)
            taken_new.add(item_id)
            result.pairs.append((old_by_id[item_id], new_by_id[item_id]))

    left_old = [i for i in old if i.id not in taken_old]
    left_new = [i for i in new if i.id not in taken_new]
    by_name: dict[str, Item] = {}
    for item in left_old:
        by_name.setdefault(normalize_name(item.name), item)
    unmatched_new: list[Item] = []
    named: set[str] = set()
    for item in left_new:
        match = by_name.pop(normalize_name(item.name), None)
        if match is None:
            unmatched_new.append(item)
        else:
            named.add(match.id)
            result.pairs.append((match, item))
    unmatched_old = [i for i in left_old if i.id not in named]

    if similarity is not None and unmatched_old and unmatched_new:
        fuzzy = _similar(unmatched_old, unmatched_new, similarity)
        result.pairs.extend(fuzzy)
        paired_old = {id(o) for o, _ in fuzzy}
        paired_new = {id(n) for _, n in fuzzy}
        unmatched_old = [i for i in unmatched_old if id(i) not in paired_old]
        unmatched_new = [i for i in unmatched_new if id(i) not in paired_new]
    result.added = unmatched_new
    result.gone = unmatched_old
    # keep the order of the new file (then the old file for what is gone) in every output
    position = {item.id: n for n, item in enumerate(new)}
    result.pairs.sort(key=lambda p: position[p[1].id])
    result.groups.sort(key=lambda g: position[g.new[0].id])
    return result


def _replace_groups(
    old_by_id: dict[str, Item], new: Sequence[Item], id_pair: set[str]
) -> list[Group]:
    """Connected components of the `replaces` links (plus the same-id links of the items
    they touch): 2+ old -> 1 new is a merge, 1 old -> 2+ new a split, 1 -> 1 a re-code."""
    edges: dict[str, set[str]] = defaultdict(set)  # "n:<id>" <-> "o:<id>"
    for item in new:
        for old_id in item.replaces:
            if old_id in old_by_id and old_id != item.id:
                edges["n:" + item.id].add("o:" + old_id)
                edges["o:" + old_id].add("n:" + item.id)
    if not edges:
        return []
    for node in list(edges):
        item_id = node[2:]
        if item_id in id_pair:
            other = ("o:" if node[0] == "n" else "n:") + item_id
            edges[node].add(other)
            edges[other].add(node)
    new_by_id = {item.id: item for item in new}
    seen: set[str] = set()
    groups: list[Group] = []
    for start in list(edges):
        if start in seen:
            continue
        stack, component = [start], []
        seen.add(start)
        while stack:
            node = stack.pop()
            component.append(node)
            for nxt in edges[node]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        olds = sorted(n[2:] for n in component if n[0] == "o")
        news = sorted(n[2:] for n in component if n[0] == "n")
        groups.append(Group([old_by_id[i] for i in olds], [new_by_id[i] for i in news]))
    return groups


def _similar(old: list[Item], new: list[Item], ratio: float) -> list[tuple[Item, Item]]:
    """Best-scoring name pairs above `ratio`, compared only within a department, greedy by
    score so that each item pairs once."""
    from rapidfuzz import fuzz, process

    olds: dict[str, list[Item]] = defaultdict(list)
    for item in old:
        olds[item.department].append(item)
    pairs: list[tuple[Item, Item]] = []
    cutoff = ratio * 100
    news_of: dict[str, list[Item]] = defaultdict(list)
    for item in new:
        news_of[item.department].append(item)
    for department, candidates in olds.items():
        news = news_of.get(department)
        if not news:
            continue
        choices = [normalize_name(i.name) for i in candidates]
        scored: list[tuple[float, int, int, Item]] = []
        for item in news:
            hits = process.extract(
                normalize_name(item.name),
                choices,
                scorer=fuzz.ratio,
                score_cutoff=cutoff,
                limit=3,
            )
            scored.extend((score, -n, index, item) for n, (_, score, index) in enumerate(hits))
        scored.sort(key=lambda s: (-s[0], s[1]))
        used_old: set[int] = set()
        used_new: set[str] = set()
        for _, _, index, item in scored:
            if index in used_old or item.id in used_new:
                continue
            used_old.add(index)
            used_new.add(item.id)
            pairs.append((candidates[index], item))
    return pairs
