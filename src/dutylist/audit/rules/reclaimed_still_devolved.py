"""reclaimed-still-devolved: a duty taken back by the county that is still devolved.

A duties item with `role: reclaimed` (上级部门收回) in unit U's list, matched to the
empowerment item with the same id or the same normalised name, while that empowerment
item's scope still includes U (`all`, or a list naming U). Suggestion `differentiate`
(keep the other units; `revoke` when U was the only one), reported at the empowerment
item, where the fix goes. When another rule suggests taking the item back from every unit
(one-size-fits-all, return-candidate), the report says so instead of "the others keep it".

Why: the two lists then contradict each other: the township's 履职清单 says the county
took the power back, the 赋权清单 says the township holds it. Whoever is asked to act
can point at the other list.

Passes (duties/menghan.yaml + empowerment.yaml):

```yaml
- {id: JH-ZR-002, role: reclaimed}              # duties of menghan
- {id: JH-ZR-002, scope: [gasa, jinuoshan]}     # empowerment
```

Fails:

```yaml
- {id: JH-ZR-002, role: reclaimed}              # duties of menghan
- {id: JH-ZR-002, scope: all}                   # empowerment
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules.base import AuditFinding, Message, RuleInfo
from dutylist.findings import Severity
from dutylist.i18n import N_
from dutylist.normalize import normalize_name

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext
    from dutylist.model.catalog import EmpowermentItem

RULE = RuleInfo(
    "DL307",
    "reclaimed-still-devolved",
    Severity.ERROR,
    N_(
        "a duty a unit's list marks reclaimed (收回) that the empowerment catalog still devolves to it"
    ),
)
MESSAGE = N_(
    "{unit}'s duties list ({where}) marks {duty} reclaimed by the county, "
    "but the empowerment catalog still devolves it to {unit}: remove {unit} from the scope"
)


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    empowerment = ctx.juris.catalog("empowerment")
    if empowerment is None:
        return
    by_id: dict[str, EmpowermentItem] = {}
    by_name: dict[str, EmpowermentItem] = {}
    # the keys validate's duplicate check has made: one pass, not a call per item
    for item, key in zip(empowerment.model.items, empowerment.name_keys(), strict=True):
        by_id[item.id] = item
        by_name.setdefault(key, item)
    for unit, duties in ctx.juris.duties().items():
        for duty in duties.model.items:
            if duty.role != "reclaimed":
                continue
            target = by_id.get(duty.id) or by_name.get(normalize_name(duty.name))
            if target is None:
                continue
            scope = ctx.scope_of(target.scope)
            if unit not in scope:
                continue
            keep = [u for u in scope if u != unit]
            where = f"{duties.doc.display}:{ctx.item_line(duties, duty.id)}"
            name = ctx.unit_name(unit)
            yield ctx.finding(
                RULE,
                empowerment,
                target,
                message=Message(MESSAGE, unit=name, where=where, duty=duty.id),
                suggestion="differentiate" if keep else "revoke",
                units=[unit],
                keep=keep,
                subject=unit,
                extra={"duties_file": duties.doc.display, "duties_item": duty.id},
            )
