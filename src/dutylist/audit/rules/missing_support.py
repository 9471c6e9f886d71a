"""missing-support (放得下、接得住): a devolved item with no support recorded.

An empowerment item whose `support` records none of: a training date, `funding: true`,
a guidance text. The township received the power and nothing to exercise it with.

Why: 放得下、接得住、管得好: a department that devolves a power owes the township
training (业务培训), money (费随事转) and guidance (办事指南).

Passes:

```yaml
- id: JH-JT-001
  support: {training: 2024-03-12, funding: true, guidance: 办事指南及流程图已印发}
```

Fails:

```yaml
- id: JH-JT-003
  scope: all          # no `support:`, or support with training null, funding false
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules.base import AuditFinding, Message, RuleInfo
from dutylist.findings import Severity
from dutylist.i18n import N_

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext

RULE = RuleInfo(
    "DL305",
    "missing-support",
    Severity.INFO,
    N_("a devolved item with no training, funding or guidance recorded (放得下、接得住)"),
)
MESSAGE = N_(
    "devolved without support: record the training, funding or guidance "
    "the department provides under `support:`"
)

_SAID = Message(MESSAGE)  # one sentence for thousands of items: rendered once a language


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    for loaded, item in ctx.empowerment_items():
        support = item.support
        if support is not None and (
            support.training is not None or support.funding is True or support.guidance
        ):
            continue
        yield ctx.finding(
            RULE,
            loaded,
            item,
            message=_SAID,
            suggestion="fix",
        )
