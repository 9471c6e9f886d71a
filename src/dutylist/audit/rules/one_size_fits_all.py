"""one-size-fits-all (一刀切): an item devolved to every unit that many units cannot use.

For each empowerment item with `scope: all`, over the assessment rows of the newest
period (spec section 7): a unit is fit when it handled at least `min_cases` cases and
its capacity is not `none`; the item is flagged when the unfit units number at least
max(1, ceil(unfit_share x assessed units)). The suggestion is `revoke` (收回) when no
unit is fit, or when the item is technical `high`, at least `weak_share` of the units
are weak in willingness and the total cases are fewer than the assessed units;
otherwise `differentiate` (差异化赋权): `keep` the fit units, take it from `units`.

Why: the reviews of 2023-2024 found powers handed to every township alike (一刀切)
that half of them never used or could not carry (小马拉大车).

Passes (every assessed unit handled cases and can carry it):

```yaml
- id: JH-JT-002
  scope: all          # assessment: every unit >= 1 case, capacity adequate or limited
```

Fails (2 of 4 units handled nothing):

```yaml
- id: JH-JT-001
  scope: all          # assessment: gasa 7 cases, menghan 3, jingha 0, mengwang 0
```
→ differentiate, keep [gasa, menghan], units [jingha, mengwang].
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules._assessed import (
    evidence,
    item_evaluation,
    low_weak_high,
    one_size_flagged,
    unit_evidence,
)
from dutylist.audit.rules.base import AuditFinding, RuleInfo, counted
from dutylist.findings import Severity

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext

RULE = RuleInfo(
    "DL301",
    "one-size-fits-all",
    Severity.WARNING,
    "an item devolved to every unit (scope: all) that many units do not use or cannot carry",
    "统一赋权（scope: all）但较多单位用不到或接不住的事项（一刀切）",
)
NEEDS = ("assessment",)


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    for loaded, item in ctx.empowerment_items():
        if item.scope != "all":
            continue
        ev = item_evaluation(ctx, item, settings)
        if not one_size_flagged(ev, settings):
            continue
        assessed = len(ev.rows)
        revoke = not ev.fit or low_weak_high(item, ev, settings)
        en, zh = unit_evidence(ctx, ev, ev.unfit)
        head = (
            f"devolved to every unit, but {len(ev.unfit)} of {counted(assessed, 'assessed unit')} "
            f"do not use it or cannot carry it ({counted(ev.cases, 'case')} in {ctx.period}): {en}"
        )
        head_zh = (
            f"统一赋权，但{assessed}个已评估单位中有{len(ev.unfit)}个用不到或接不住"
            f"（{ctx.period}共办理{ev.cases}件）：{zh}"
        )
        if revoke:
            why = "no unit is fit" if not ev.fit else "few cases, weak willingness, high technical"
            why_zh = "没有单位用得到、接得住" if not ev.fit else "办理量少、承接意愿弱、技术要求高"
            yield ctx.finding(
                RULE,
                loaded,
                item,
                message=f"{head}; {why}: take it back",
                message_zh=f"{head_zh}；{why_zh}，建议收回",
                suggestion="revoke",
                units=ev.assessed,
                subject="revoke",
                extra=evidence(ctx, ev),
            )
        else:
            yield ctx.finding(
                RULE,
                loaded,
                item,
                message=f"{head}; devolve it only to the {counted(len(ev.fit), 'fit unit')}",
                message_zh=f"{head_zh}；建议差异化赋权，只赋予{len(ev.fit)}个用得到、接得住的单位",
                suggestion="differentiate",
                units=ev.unfit,
                keep=ev.fit,
                subject="differentiate",
                extra=evidence(ctx, ev),
            )
