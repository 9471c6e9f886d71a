"""From the diffs of consecutive versions to item lives (spec section 11).

Every change of a diff (section 5 pairing) becomes an event on the life of its item:
a pair (same id, `replaces`, same name) continues the old item's life under the new
id; an added item starts a life (or resumes the ended life of the same id); a revoked
or removed item ends one; a merge or a split ends the old lives and starts new ones
linked to them, except that an old id kept by a new item keeps its life.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from dutylist.diff import CatalogDiff, Change, diff_jurisdictions
from dutylist.history.model import Event, ItemHistory
from dutylist.history.walk import Step
from dutylist.model.catalog import Item
from dutylist.model.registry import JurisdictionFile

Key = tuple[str | None, str, str | None, str]  # jurisdiction, kind, unit, item id
GONE = frozenset({"revoked", "removed"})


def devolved(item: Item | None, all_units: Sequence[str]) -> set[str]:
    """The units an empowerment item is devolved to (`all`: every town, township, street),
    as the statistics table counts them."""
    if item is None:
        return set()
    scope = getattr(item, "scope", None)
    if scope == "all":
        return set(all_units)
    return set(scope) if isinstance(scope, list) else set()


class Builder:
    """Item lives, built step by step."""

    def __init__(self) -> None:
        self.lives: list[ItemHistory] = []
        self.current: dict[Key, ItemHistory] = {}
        self.ended: dict[Key, ItemHistory] = {}
        self.unit_counts: dict[str | None, list[tuple[str, Counter[str]]]] = {}

    def _new_life(self, jurisdiction: str | None, change: Change) -> ItemHistory:
        life = ItemHistory(
            serial=len(self.lives),
            kind=change.kind,
            unit=change.unit,
            jurisdiction=jurisdiction,
            ids=[],
            names=[],
            department=change.department,
        )
        self.lives.append(life)
        return life

    def apply(self, step: Step, date: dt.datetime, jurisdiction: str | None) -> None:
        old_reg = step.old.registry.model if step.old and step.old.registry else None
        new_reg = step.new.registry.model if step.new and step.new.registry else None
        old_all = _townships(old_reg or new_reg)
        new_all = _townships(new_reg or old_reg)
        for cat in diff_jurisdictions(step.old, step.new):
            self._catalog(cat, step, date, jurisdiction, (old_all, new_all))
        if new_reg is not None or old_reg is not None:
            self.unit_counts.setdefault(jurisdiction, []).append(
                (step.commit, _holding(step, new_all))
            )

    def _catalog(
        self,
        cat: CatalogDiff,
        step: Step,
        date: dt.datetime,
        jurisdiction: str | None,
        townships: tuple[list[str], list[str]],
    ) -> None:
        side = cat.new or cat.old
        version = side.version if side else None
        base = (jurisdiction, cat.kind, cat.unit)
        # take every old life first: a re-code may hand an id to another item
        taken: dict[str, ItemHistory] = {}
        for change in cat.changes:
            if "added" in change.classes:
                continue
            for old_id in change.old_ids:
                life = self.current.pop((*base, old_id), None)
                if life is not None:
                    taken[old_id] = life
        ended_here: set[str] = set()
        for change in cat.changes:
            event = Event(
                commit=step.commit,
                date=date,
                version=version,
                classes=list(change.classes),
                id=change.id,
                old_ids=list(change.old_ids),
                new_ids=list(change.new_ids) or ([change.id] if change.id else []),
                fields=change.fields,
                department=change.department,
                message=step.subject,
            )
            if cat.kind == "empowerment":
                before: set[str] = set()
                for item in change.old_items:
                    before |= devolved(item, townships[0])
                after = devolved(change.new_item, townships[1])
                event.gained = sorted(after - before)
                event.lost = sorted(before - after)
            if change.grouped:
                self._grouped(change, event, base, taken, ended_here)
                continue
            if "added" in change.classes:
                key = (*base, change.id or "")
                life = self.ended.pop(key, None) or self._new_life(jurisdiction, change)
            else:
                old_id = change.old_ids[0] if change.old_ids else ""
                life = taken.pop(old_id, None) or self._new_life(jurisdiction, change)
            self._record(life, event, change, base)

    def _record(
        self,
        life: ItemHistory,
        event: Event,
        change: Change,
        base: tuple[str | None, str, str | None],
    ) -> None:
        life.events.append(event)
        life.department = change.department
        life.note_name(change.name)
        if GONE.intersection(change.classes):
            life.present = False
            life.note_id(change.old_id)
            life.item = change.old_items[0] if change.old_items else life.item
            self.ended[(*base, life.id)] = life
            return
        life.present = True
        for old_id in change.old_ids if not change.grouped else ():
            life.note_id(old_id)
        life.note_id(change.id)
        life.item = change.new_item
        self.current[(*base, life.id)] = life

    def _grouped(
        self,
        change: Change,
        event: Event,
        base: tuple[str | None, str, str | None],
        taken: dict[str, ItemHistory],
        ended_here: set[str],
    ) -> None:
        """A merge (several old ids, one change) or one new item of a split."""
        new_id = change.id or ""
        olds = {old_id: taken.get(old_id) for old_id in change.old_ids}
        keeps = olds.get(new_id)
        life = keeps if keeps is not None else self._new_life(base[0], change)
        for old_id, old_life in olds.items():
            if old_life is None or old_life is life:
                continue
            if life not in old_life.went_into:
                old_life.went_into.append(life)
            if old_life not in life.came_from:
                life.came_from.append(old_life)
            if old_id in ended_here or any(
                new == old_id for new in change.new_ids
            ):  # the old id lives on in another new item, or its end is already told
                continue
            ended_here.add(old_id)
            end = Event(
                commit=event.commit,
                date=event.date,
                version=event.version,
                classes=list(event.classes),
                id=old_id,
                old_ids=list(event.old_ids),
                new_ids=list(event.new_ids),
                primary=False,
                department=old_life.department,
                message=event.message,
            )
            old_life.events.append(end)
            old_life.present = False
            self.ended[(*base, old_id)] = old_life
        self._record(life, event, change, base)


def _townships(registry: JurisdictionFile | None) -> list[str]:
    return registry.township_ids() if registry is not None else []


def _holding(step: Step, all_units: list[str]) -> Counter[str]:
    """Per unit, the empowerment items devolved to it in the new version."""
    held: Counter[str] = Counter()
    for cat in step.new.catalogs if step.new else []:
        if cat.kind == "empowerment":
            for item in cat.model.items:
                held.update(devolved(item, all_units))
    return held
