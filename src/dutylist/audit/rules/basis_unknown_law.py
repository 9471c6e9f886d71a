"""basis-unknown-law: a cited `《title》` that laws.yaml does not hold.

Only with a laws registry present. A title the registry lacks cannot be checked for
repeal or revision; the finding names the closest registry title (a typo, 条例 for
办法) when there is one.

Why: a list must be 有法可依: a law the registry does not know is a law nobody watches
for its revision or repeal.

Passes:

```yaml
- basis: [《中华人民共和国公路法》第七十九条]    # laws.yaml has highway-law
```

Fails:

```yaml
- basis: [《中华人民共和国公路发》第七十九条]    # did you mean 《中华人民共和国公路法》?
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

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext

RULE = RuleInfo(
    "DL341",
    "basis-unknown-law",
    Severity.INFO,
    N_("a cited title that is not in laws.yaml"),
)
UNKNOWN = N_("《{title}》 is not in laws.yaml: add it, or correct the title")
UNKNOWN_CLOSE = N_("《{title}》 is not in laws.yaml: did you mean 《{suggestion}》?")


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    laws = registry(ctx)
    if not laws:
        return
    suggestions: dict[str, str | None] = {}
    for loaded, item, i in items(ctx):
        for j, entry in enumerate(item.basis):
            for citation in parse_entry(entry):
                if laws.match(citation.key) is not None:
                    continue
                if citation.key not in suggestions:
                    suggestions[citation.key] = laws.suggest(citation.title)
                close = suggestions[citation.key]
                if close is not None:
                    message = Message(UNKNOWN_CLOSE, title=citation.title, suggestion=close)
                else:
                    message = Message(UNKNOWN, title=citation.title)
                yield ctx.finding(
                    RULE,
                    loaded,
                    item,
                    message=message,
                    suggestion="fix",
                    subject=citation.key,
                    path=("items", i, "basis", j),
                    extra={"title": citation.title, "did_you_mean": close},
                )
