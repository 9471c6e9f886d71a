"""zero-uptake (空转): units in an item's scope that handled no case in the period.

For each empowerment item, the units of its scope whose assessment row has 0 cases.
Items that one-size-fits-all or return-candidate already flag are left to them (the
same evidence, said once). Suggestion `differentiate`, keeping the units that handled
cases (`revoke` when none did).

Why: a power that sits unused in a township is 空转: neither the township nor the
people it serves gain from it, and the department still counts it as devolved.

Passes:

```yaml
- id: JH-JT-004
  scope: [menglong, menghan]    # assessment: menglong 5 cases, menghan 2
```

Fails:

```yaml
- id: JH-JT-004
  scope: [menglong, menghan]    # assessment: menglong 5 cases, menghan 0
```
→ differentiate, keep [menglong], units [menghan].
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from itertools import compress
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules._assessed import (
    Evaluation,
    evidence,
    item_evaluation,
    low_weak_high,
    one_size_flagged,
    unit_evidence,
    units,
)
from dutylist.audit.rules.base import AuditFinding, Message, RuleInfo
from dutylist.findings import Severity
from dutylist.i18n import N_

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext
    from dutylist.model.catalog import EmpowermentItem

RULE = RuleInfo(
    "DL303",
    "zero-uptake",
    Severity.INFO,
    N_("units in an item's scope that handled no case in the period (空转)"),
)
NEEDS = ("assessment",)
MESSAGE = N_("{zero} of {units} handled no case in {period}: {evidence}")


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    for loaded, item in ctx.empowerment_items():
        ev = item_evaluation(ctx, item, settings)
        if _said_elsewhere(item, ev, settings):  # first: then most items never make `zero`
            continue
        zero = ev.zero
        if not zero:
            continue
        used = list(compress(ev.units, ev.cases_of))  # the units with a case
        yield ctx.finding(
            RULE,
            loaded,
            item,
            message=Message(
                MESSAGE,
                zero=len(zero),
                units=units(len(ev.rows)),
                period=ctx.period,
                evidence=unit_evidence(ctx, ev, zero),
            ),
            suggestion="differentiate" if used else "revoke",
            units=zero,
            keep=used,
            subject=",".join(sorted(zero)),
            evidence=partial(evidence, ctx, ev),
        )


def _said_elsewhere(item: EmpowermentItem, ev: Evaluation, settings: AuditSettings) -> bool:
    if item.scope == "all":
        return "one-size-fits-all" not in settings.disable and one_size_flagged(ev, settings)
    return "return-candidate" not in settings.disable and low_weak_high(item, ev, settings)
