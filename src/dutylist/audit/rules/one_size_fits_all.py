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
from functools import partial
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules._assessed import (
    cases,
    evidence,
    item_evaluation,
    low_weak_high,
    one_size_flagged,
    unit_evidence,
)
from dutylist.audit.rules.base import AuditFinding, Message, RuleInfo, plural
from dutylist.findings import Severity
from dutylist.i18n import N_

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext

RULE = RuleInfo(
    "DL301",
    "one-size-fits-all",
    Severity.WARNING,
    N_("an item devolved to every unit (scope: all) that many units do not use or cannot carry"),
)
NEEDS = ("assessment",)
HEAD = N_(
    "devolved to every unit, but {unfit} of {assessed} do not use it or cannot carry it "
    "({cases} in {period}): {units}"
)
REVOKE = N_("{head}; {why}: take it back")
DIFFERENTIATE = N_("{head}; devolve it only to the {fit}")
NO_UNIT_FIT = N_("no unit is fit")
LOW_WEAK_HIGH = N_("few cases, weak willingness, high technical")


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    for loaded, item in ctx.empowerment_items():
        if item.scope != "all":
            continue
        ev = item_evaluation(ctx, item, settings)
        if not one_size_flagged(ev, settings):
            continue
        assessed = len(ev.rows)
        revoke = not ev.fit or low_weak_high(item, ev, settings)
        head = Message(
            HEAD,
            unfit=len(ev.unfit),
            assessed=plural(assessed, N_("{n} assessed unit"), N_("{n} assessed units")),
            cases=cases(ev.cases),
            period=ctx.period,
            units=unit_evidence(ctx, ev, ev.unfit),
        )
        if revoke:
            why = Message(NO_UNIT_FIT if not ev.fit else LOW_WEAK_HIGH)
            yield ctx.finding(
                RULE,
                loaded,
                item,
                message=Message(REVOKE, head=head, why=why),
                suggestion="revoke",
                units=ev.assessed,
                subject="revoke",
                evidence=partial(evidence, ctx, ev),
            )
        else:
            yield ctx.finding(
                RULE,
                loaded,
                item,
                message=Message(
                    DIFFERENTIATE,
                    head=head,
                    fit=plural(len(ev.fit), N_("{n} fit unit"), N_("{n} fit units")),
                ),
                suggestion="differentiate",
                units=ev.unfit,
                keep=ev.fit,
                subject="differentiate",
                evidence=partial(evidence, ctx, ev),
            )
