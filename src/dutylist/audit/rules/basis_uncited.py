"""basis-uncited: a basis entry of a power item that cites no `《title》` at all.

Only with a laws registry present. An entry such as `公路法第七十九条` or `有关法律法规`
names no law the registry can check; an item of a category that needs a basis (every
category but public-service and other) should cite its law as `《title》`.

Why: 有法可依、有据可循: a basis that names no law cannot be checked when laws change.

Passes:

```yaml
- category: penalty
  basis: [《中华人民共和国公路法》第七十九条]
```

Fails:

```yaml
- category: penalty
  basis: [公路法第七十九条]
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules._basis import items, registry
from dutylist.audit.rules.base import AuditFinding, Message, RuleInfo
from dutylist.findings import Severity
from dutylist.i18n import N_
from dutylist.laws.citations import parse_entry
from dutylist.model.rules import NO_BASIS_NEEDED

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext

RULE = RuleInfo(
    "DL342",
    "basis-uncited",
    Severity.INFO,
    N_("a basis entry of a power item that cites no 《title》"),
)
MESSAGE = N_("basis entry “{entry}” cites no 《title》: name the law and its article")


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    if not registry(ctx):
        return
    for loaded, item, i in items(ctx):
        if item.category in NO_BASIS_NEEDED:
            continue
        for j, entry in enumerate(item.basis):
            if parse_entry(entry):
                continue
            message = Message(MESSAGE, entry=entry)
            yield ctx.finding(
                RULE,
                loaded,
                item,
                message=message,
                suggestion="fix",
                subject=entry,
                path=("items", i, "basis", j),
            )
