"""abolished-without-alternative: an abolished certificate whose alternative says nothing.

The schema already refuses an abolished certificate without `alternative` (validate
DL118). What it cannot see is an alternative that is there but empty of meaning: only
whitespace or punctuation, a single character, or one of the configured vague words
(`vague_alternatives`: 无, 暂无, 待定, 其他, 另行通知, 有关部门, 相关部门). Then nobody
knows how the fact is to be verified once the village stops certifying it.

Why: 取消证明 is half the reform; the other half is the way the fact is checked instead
(部门核查, 告知承诺, 数据共享), or the citizen is sent back and forth.

Passes:

```yaml
- {id: JH-ZM-001, status: abolished, alternative: 申请人书面承诺，部门事后核查}
```

Fails:

```yaml
- {id: JH-ZM-002, status: abolished, alternative: 暂无}
```
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING

from dutylist.audit.config import AuditSettings
from dutylist.audit.rules.base import AuditFinding, Message, RuleInfo
from dutylist.findings import Severity
from dutylist.i18n import N_
from dutylist.normalize import fold

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext

RULE = RuleInfo(
    "DL310",
    "abolished-without-alternative",
    Severity.WARNING,
    N_("an abolished certificate whose alternative is blank, punctuation or a vague word"),
)
MESSAGE = N_(
    "abolished, but the alternative {shown!r} does not say how the fact is verified "
    "instead: name the check (部门核查, 告知承诺, 数据共享...)"
)


def vague(text: str, words: list[str]) -> bool:
    """True when an alternative gives no way of verifying the fact."""
    meaning = "".join(c for c in fold(text) if not unicodedata.category(c).startswith(("P", "S")))
    return len(meaning) < 2 or meaning.casefold() in {fold(w).casefold() for w in words}


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    loaded = ctx.juris.catalog("certificates")
    if loaded is None:
        return
    for item in loaded.model.items:
        if item.status != "abolished":
            continue
        if item.alternative is not None and not vague(
            item.alternative, settings.vague_alternatives
        ):
            continue
        shown = (item.alternative or "").strip()
        yield ctx.finding(
            RULE,
            loaded,
            item,
            message=Message(MESSAGE, shown=shown),
            suggestion="fix",
        )
