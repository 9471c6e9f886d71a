"""Classifying paired items into the change classes of spec section 5.

A cheap equality check (the models' field dicts) skips the unchanged majority;
only items that differ are compared field by field, and only their nested parts
(support, admission, basis...) go through deepdiff, imported on first use.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dutylist.diff.model import REVOKED_KINDS, Change, class_order
from dutylist.diff.pairing import Group
from dutylist.model.catalog import Item
from dutylist.normalize import normalize_name

RECLASSIFYING = ("category", "role", "handling", "status")
"""Fields whose change is `reclassified` (reported from -> to)."""
IGNORED = frozenset({"id", "replaces"})
"""`replaces` records how an item came to be, not what it is: never a change by itself."""
NESTED = frozenset({"support", "admission", "basis", "tags", "cooperating"})


def jsonable(value: Any) -> Any:
    """A field value as JSON: models as dicts, dates as ISO text."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", exclude_none=True)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def compare(old: Item, new: Item) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The classes and field changes of one pair (recoded pairs included)."""
    a, b = old.__dict__, new.__dict__
    if a == b:  # the unchanged majority stops here
        return (["recoded"] if old.id != new.id else []), {}
    classes: set[str] = set()
    if old.id != new.id:
        classes.add("recoded")
    fields: dict[str, dict[str, Any]] = {}
    for name in new.__class__.model_fields:
        if name in IGNORED:
            continue
        before, after = a.get(name), b.get(name)
        if before == after:
            continue
        if _same(name, before, after):
            continue
        if name == "name" and old.id != new.id and normalize_name(before) == normalize_name(after):
            continue  # found through the same normalised name: recoded only (spec section 5)
        entry: dict[str, Any] = {"old": jsonable(before), "new": jsonable(after)}
        if name in NESTED and before is not None and after is not None:
            detail = nested_detail(entry["old"], entry["new"])
            if detail:
                entry["detail"] = detail
        if name == "basis":
            from dutylist.laws.citations import citation_changes

            changes = citation_changes(list(before or ()), list(after or ()))
            if changes["added"] or changes["removed"]:
                entry["citations"] = changes
        fields[name] = entry
        classes.add(_class_of(name, before, after))
    return class_order(classes), fields


def _same(name: str, before: Any, after: Any) -> bool:
    """Differences that are not changes: a scope list in another order. (A name that
    differs in width, spacing or script only is a change, `amended`: spec section 5.)"""
    if name == "scope" and isinstance(before, list) and isinstance(after, list):
        return set(before) == set(after)
    return False


def _class_of(name: str, before: Any, after: Any) -> str:
    if name == "name":
        # the published text changed; only a change of the normalised name is a rename
        return "renamed" if normalize_name(before) != normalize_name(after) else "amended"
    if name == "department":
        return "transferred"
    if name in RECLASSIFYING:
        return "reclassified"
    if name == "scope":
        if before == "all":
            return "differentiated"
        if after == "all":
            return "unified"
        return "rescoped"
    return "amended"


def nested_detail(old: Any, new: Any) -> list[dict[str, Any]]:
    """What changed inside a list or mapping, from deepdiff's tree view: entries with
    `path` (list of keys), `change` (added/removed/changed) and the values."""
    detail = _flat_detail(old, new)
    if detail is None:
        detail = _deep_detail(old, new)
    detail.sort(
        key=lambda e: (e["change"], [str(p) for p in e["path"]], str(e.get("old", e.get("new"))))
    )
    return detail


_SCALARS = (str, int, float, bool, type(None))
_DEEPER = 0.33  # deepdiff's threshold_to_diff_deeper


def _flat_detail(old: Any, new: Any) -> list[dict[str, Any]] | None:
    """What `_deep_detail` says of a mapping of scalars or of a list of scalars (every
    nested field of an item), without importing deepdiff (a sixth of a second, numpy and
    pandas with it); None for anything deeper."""
    if isinstance(old, list) and isinstance(new, list):
        if not all(isinstance(v, _SCALARS) for v in (*old, *new)):
            return None
        # deepdiff with ignore_order compares values and their types, counts aside
        before = {(type(v), v) for v in old}
        after = {(type(v), v) for v in new}
        removed = [{"path": [], "change": "removed", "old": v} for t, v in before - after]
        return removed + [{"path": [], "change": "added", "new": v} for t, v in after - before]
    if isinstance(old, dict) and isinstance(new, dict):
        if not all(isinstance(v, _SCALARS) for v in (*old.values(), *new.values())):
            return None
        if not all(isinstance(k, str) for k in (*old, *new)):
            return None
        union, common = len(old.keys() | new.keys()), len(old.keys() & new.keys())
        if union > 1 and common / union < _DEEPER:
            # deepdiff calls mappings sharing few keys one changed value, not key by key
            return [{"path": [], "change": "changed", "old": old, "new": new}]
        detail: list[dict[str, Any]] = []
        for key in old.keys() - new.keys():
            detail.append({"path": [key], "change": "removed", "old": old[key]})
        for key in new.keys() - old.keys():
            detail.append({"path": [key], "change": "added", "new": new[key]})
        for key in old.keys() & new.keys():
            a, b = old[key], new[key]
            if type(a) is not type(b) or a != b:
                detail.append({"path": [key], "change": "changed", "old": a, "new": b})
        return detail
    return None


def _deep_detail(old: Any, new: Any) -> list[dict[str, Any]]:
    from deepdiff import DeepDiff

    tree = DeepDiff(old, new, ignore_order=isinstance(old, list), view="tree")
    detail: list[dict[str, Any]] = []
    for report_type, levels in tree.items():
        change = (
            "added"
            if report_type.endswith("added")
            else "removed"
            if report_type.endswith("removed")
            else "changed"
        )
        for level in levels:
            path = level.path(output_format="list")
            if isinstance(old, list):
                path = []  # positions in an unordered list mean nothing to a reader
            if isinstance(old, list) and change == "changed":
                # an entry of a list replaced by another: one removed, one added
                detail.append({"path": path, "change": "removed", "old": level.t1})
                detail.append({"path": path, "change": "added", "new": level.t2})
                continue
            entry: dict[str, Any] = {"path": path, "change": change}
            if change != "added":
                entry["old"] = level.t1
            if change != "removed":
                entry["new"] = level.t2
            detail.append(entry)
    return detail


def pair_change(old: Item, new: Item, kind: str, unit: str | None) -> Change | None:
    """The change of a one-to-one pair, None when nothing changed."""
    classes, fields = compare(old, new)
    if not classes:
        return None
    return Change(
        classes, new.id, [old.id], new.name, new.department, kind, unit, fields, [old], new
    )


def group_changes(group: Group, kind: str, unit: str | None) -> list[Change]:
    """A merge gives one change, a split one per new item; neither compares fields."""
    old_ids = [i.id for i in group.old]
    if len(group.new) == 1:
        new = group.new[0]
        return [
            Change(
                ["merged"],
                new.id,
                old_ids,
                new.name,
                new.department,
                kind,
                unit,
                {},
                list(group.old),
                new,
            )
        ]
    changes = []
    new_ids = [i.id for i in group.new]
    for new in group.new:
        # several old and several new items: each new item names the old ones it replaces
        olds = (
            group.old
            if len(group.old) == 1
            else [o for o in group.old if o.id in new.replaces or o.id == new.id]
        )
        cls = "merged" if len(olds) > 1 else "split"
        changes.append(
            Change(
                [cls],
                new.id,
                [o.id for o in olds],
                new.name,
                new.department,
                kind,
                unit,
                {},
                list(olds),
                new,
                new_ids if cls == "split" else [],
            )
        )
    return changes


def added_change(new: Item, kind: str, unit: str | None) -> Change:
    return Change(["added"], new.id, [], new.name, new.department, kind, unit, {}, [], new)


def gone_change(old: Item, kind: str, unit: str | None) -> Change:
    cls = "revoked" if kind in REVOKED_KINDS else "removed"
    return Change([cls], None, [old.id], old.name, old.department, kind, unit, {}, [old], None)
