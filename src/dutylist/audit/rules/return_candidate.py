"""return-candidate (动态退出): a differentiated item that its own units barely use.

The low-volume / weak-willingness / high-technical test of spec section 7, applied to an
empowerment item with a listed scope, over its listed units: the item is `technical:
high`, at least `weak_share` of the assessed listed units are weak in willingness, and
the total cases are fewer than the assessed units. Suggestion `revoke` (收回), `units`
the assessed units, `keep` empty.

Why: 动态调整 means taking back what was devolved and does not work (办理量少、承接意愿弱、
技术要求高), not only adding.

Passes:

```yaml
- id: JH-ZR-003
  scope: [menghan, gasa]
  technical: high     # assessment: menghan 4 cases strong, gasa 2 cases moderate
```

Fails:

```yaml
- id: JH-ZR-004
  scope: [menghan, gasa]
  technical: high     # assessment: menghan 1 case weak, gasa 0 cases weak
```
→ revoke, units [menghan, gasa].
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
    unit_evidence,
    units,
)
from dutylist.audit.rules.base import AuditFinding, Message, RuleInfo
from dutylist.findings import Severity
from dutylist.i18n import N_

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext

RULE = RuleInfo(
    "DL302",
    "return-candidate",
    Severity.WARNING,
    N_(
        "a differentiated item with few cases, weak willingness and high technical demands: take it back"
    ),
)
NEEDS = ("assessment",)
MESSAGE = N_(
    "{cases} in {period} over {units}, {weak} of them weak in willingness, "
    "technical demands high: take it back ({evidence})"
)


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    for loaded, item in ctx.empowerment_items():
        if item.scope == "all":
            continue
        ev = item_evaluation(ctx, item, settings)
        if not low_weak_high(item, ev, settings):
            continue
        yield ctx.finding(
            RULE,
            loaded,
            item,
            message=Message(
                MESSAGE,
                cases=cases(ev.cases),
                period=ctx.period,
                units=units(len(ev.rows)),
                weak=len(ev.weak),
                evidence=unit_evidence(ctx, ev, ev.assessed),
            ),
            suggestion="revoke",
            units=ev.assessed,
            evidence=partial(evidence, ctx, ev),
        )
