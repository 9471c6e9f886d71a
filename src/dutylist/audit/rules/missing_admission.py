"""missing-admission (准入): an item new against the previous version without its admission.

With `--previous OLD` (a path or REV:PATH), every item that the diff of OLD against PATH
classes `added` must carry `admission` with `approved_by`, `content`, `term` and
`funding`: who approved it, what the township is to do, for how long, and with what money.

Why: 准入 is the gate of 基层减负: no new duty reaches a township without a decision,
a content, a term and its funding (权随责走、费随事转).

Passes (a new item):

```yaml
- id: JH-XF-009
  admission: {approved_by: 市委市政府, content: 协助开展消防安全检查, term: 2025-12-31,
              funding: 专项经费}
```

Fails (a new item):

```yaml
- id: JH-XF-009
  admission: {approved_by: 市委市政府}     # no content, term or funding
```
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules.base import AuditFinding, Label, Message, RuleInfo, joined
from dutylist.findings import Severity
from dutylist.i18n import N_

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext

RULE = RuleInfo(
    "DL304",
    "missing-admission",
    Severity.ERROR,
    N_("an item new against --previous without approved_by, content, term and funding (准入)"),
)
NEEDS = ("previous",)
_ZH = {"approved_by": "审批机关", "content": "协助内容", "term": "期限", "funding": "经费保障"}
MESSAGE = N_("new since {previous} without its admission (准入): add {missing} under `admission:`")


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    added = ctx.added or {}
    for loaded in ctx.juris.catalogs:
        if loaded.kind == "guide":  # a guide hands nothing down: conform checks it
            continue
        new = added.get((loaded.kind, loaded.model.catalog.unit))
        if not new:
            continue
        for item in loaded.model.items:
            if item.id not in new:
                continue
            wanted = ["approved_by", "content", "term", "funding"]
            missing = wanted if item.admission is None else item.admission.missing()
            if not missing:
                continue
            yield ctx.finding(
                RULE,
                loaded,
                item,
                message=Message(
                    MESSAGE,
                    previous=ctx.previous,
                    missing=joined(Label(m, _ZH) for m in missing),
                ),
                suggestion="fix",
                units=[loaded.model.catalog.unit] if loaded.model.catalog.unit else [],
                extra={"missing": missing},
            )
