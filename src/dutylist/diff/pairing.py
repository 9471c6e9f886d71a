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
    """Pair old and new items; `similarity` is a ratio in 0..1 or None (no fuzzy step).
    Pairs, groups and added items come in the order of the new file, gone ones in the
    order of the old file."""
    old_by_id = {item.id: item for item in old}
    new_by_id = {item.id: item for item in new}

    result = Pairing()
    grouped_old: set[str] = set()
    grouped_new: set[str] = set()
    one_to_one: dict[str, Item] = {}  # new id -> its old item, found by replaces/name/similarity
    for group in _replace_groups(old_by_id, new_by_id, new):
        if len(group.old) == 1 and len(group.new) == 1:
            one_to_one[group.new[0].id] = group.old[0]
        else:
            result.groups.append(group)
            grouped_old.update(i.id for i in group.old)
            grouped_new.update(i.id for i in group.new)

    # a same-id item in a `replaces` group is in the group on both sides; a 1 -> 1 group
    # (re-code) has an old id missing from the new file and a new id missing from the old
    recoded = {i.id for i in one_to_one.values()}
    left_old = [
        i for i in old if i.id not in new_by_id and i.id not in grouped_old and i.id not in recoded
    ]
    left_new = [
        i
        for i in new
        if i.id not in old_by_id and i.id not in grouped_new and i.id not in one_to_one
    ]
    by_name: dict[str, Item] = {}
    for item in left_old:
        by_name.setdefault(normalize_name(item.name), item)
    unmatched_new: list[Item] = []
    for item in left_new:
        match = by_name.pop(normalize_name(item.name), None)
        if match is None:
            unmatched_new.append(item)
        else:
            one_to_one[item.id] = match
    if similarity is not None and by_name and unmatched_new:
        for before, after in _similar(list(by_name.values()), unmatched_new, similarity):
            one_to_one[after.id] = before
    paired_old = {i.id for i in one_to_one.values()}

    # one pass over the new file puts everything in its order
    for item in new:
        if item.id in grouped_new:
            continue
        match = one_to_one.get(item.id)
        if match is None and item.id not in grouped_old:
            match = old_by_id.get(item.id)
        if match is not None:
            result.pairs.append((match, item))
        else:
            result.added.append(item)
    result.gone = [i for i in left_old if i.id not in paired_old]
    groups_at = {g.new[0].id: g for g in result.groups}
    result.groups = [groups_at[i.id] for i in new if i.id in groups_at] if groups_at else []
    return result


def _replace_groups(
    old_by_id: dict[str, Item], new_by_id: dict[str, Item], new: Sequence[Item]
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
        if item_id in old_by_id and item_id in new_by_id:
            other = ("o:" if node[0] == "n" else "n:") + item_id
            edges[node].add(other)
            edges[other].add(node)
    # old ids in the order of the old file, new ids in the order of the new file
    old_at = {item_id: n for n, item_id in enumerate(old_by_id)}
    new_at = {item_id: n for n, item_id in enumerate(new_by_id)}
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
        olds = sorted((n[2:] for n in component if n[0] == "o"), key=old_at.__getitem__)
        news = sorted((n[2:] for n in component if n[0] == "n"), key=new_at.__getitem__)
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
