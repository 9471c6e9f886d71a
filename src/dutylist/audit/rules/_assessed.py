"""The fit/unfit arithmetic of spec section 7, shared by the rules that read assessments."""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules.base import Joined, Label, Message, joined, plural
from dutylist.catalog.assessment import Sample
from dutylist.i18n import N_
from dutylist.model.catalog import EmpowermentItem

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext

CAPACITY_ZH = {"adequate": "足", "limited": "有限", "none": "无"}
WILLINGNESS_ZH = {"strong": "强", "moderate": "中", "weak": "弱"}
UNIT_ROW = N_("{unit} ({cases}, capacity {capacity}, {willingness})")


@dataclass(frozen=True)
class Evaluation:
    """One item's assessment over the units that count (its scope, with a row)."""

    rows: dict[str, Sample]
    fit: list[str]
    unfit: list[str]
    weak: list[str]
    cases: int

    @property
    def assessed(self) -> list[str]:
        return list(self.rows)


@lru_cache(maxsize=16)
def _exact(share: float) -> Fraction:
    # Fraction of the decimal text, so that 0.25 x 12 is exactly 3, never 3.0000000000000004
    return Fraction(str(share))


def share_of(share: float, count: int) -> Fraction:
    return _exact(share) * count


def evaluate(rows: dict[str, Sample], settings: AuditSettings) -> Evaluation:
    fit = [u for u, r in rows.items() if r.cases >= settings.min_cases and r.capacity != "none"]
    chosen = set(fit)
    unfit = [u for u in rows if u not in chosen]
    weak = [u for u, r in rows.items() if r.willingness == "weak"]
    return Evaluation(rows, fit, unfit, weak, sum(r.cases for r in rows.values()))


def one_size_flagged(ev: Evaluation, settings: AuditSettings) -> bool:
    """Unfit units number at least max(1, ceil(unfit_share x assessed units))."""
    if not ev.rows:
        return False
    needed = max(1, math.ceil(share_of(settings.unfit_share, len(ev.rows))))
    return len(ev.unfit) >= needed


def low_weak_high(item: EmpowermentItem, ev: Evaluation, settings: AuditSettings) -> bool:
    """办理量少、承接意愿弱、技术要求高: technical high, at least `weak_share` of the assessed
    units weak, and fewer cases in total than assessed units."""
    if not ev.rows or item.technical != "high":
        return False
    enough_weak = len(ev.weak) >= share_of(settings.weak_share, len(ev.rows))
    return enough_weak and ev.cases < len(ev.rows)


def item_evaluation(
    ctx: AuditContext, item: EmpowermentItem, settings: AuditSettings
) -> Evaluation:
    """The item's evaluation, computed once per audit (several rules ask for it)."""
    key = ("evaluation", item.id)
    found: Evaluation | None = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = evaluate(ctx.rows_of(item.id, ctx.scope_of(item.scope)), settings)
    return found


def unit_evidence(ctx: AuditContext, ev: Evaluation, units: list[str]) -> Joined:
    """`勐旺乡 (0 cases, capacity none, weak)` for each unit."""
    names = ctx.unit_names
    return joined(
        (
            Message(
                UNIT_ROW,
                unit=names.get(unit, unit),
                cases=cases(ev.rows[unit].cases),
                capacity=Label(ev.rows[unit].capacity, CAPACITY_ZH),
                willingness=Label(ev.rows[unit].willingness, WILLINGNESS_ZH),
            )
            for unit in units
        ),
        "; ",
        "；",
    )


def cases(n: int) -> Message:
    return plural(n, N_("{n} case"), N_("{n} cases"))


def units(n: int) -> Message:
    return plural(n, N_("{n} unit"), N_("{n} units"))


def evidence(ev: Evaluation) -> dict[str, object]:
    """The rows behind a finding, for the JSON and Excel outputs."""
    return {
        unit: {"cases": r.cases, "capacity": r.capacity, "willingness": r.willingness}
        for unit, r in ev.rows.items()
    }
