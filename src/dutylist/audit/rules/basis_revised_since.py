"""basis-revised-since: an item cites a law revised after the catalog took effect.

The law's `revised` date (laws.yaml) is later than the catalog's `catalog.effective`: the
text the item was written against has changed (法律法规立改废释), so the item needs review.

Why: a list is adjusted when the laws that grant its powers are revised; a revision may
move, add or remove the power itself.

Passes (the catalog took effect after the revision):

```yaml
catalog: {effective: 2024-08-19}
items:
  - basis: [《中华人民共和国公路法》第七十九条]   # revised: 2017-11-04
```

Fails:

```yaml
catalog: {effective: 2020-06-01}
items:
  - basis: [《中华人民共和国行政处罚法》第二十四条]   # revised: 2021-01-22
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
    "DL340",
    "basis-revised-since",
    Severity.WARNING,
    N_("an item cites a law revised after the catalog's effective date: review it"),
)
MESSAGE = N_(
    "《{title}》 was revised on {revised}, after this catalog took effect ({effective}): "
    "review the item against the text in force"
)


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    laws = registry(ctx)
    if not laws:
        return
    for loaded, item, i in items(ctx):
        effective = loaded.model.catalog.effective
        if effective is None:
            continue
        seen: set[str] = set()
        for j, entry in enumerate(item.basis):
            for citation in parse_entry(entry):
                law = laws.match(citation.key)
                if law is None or law.revised is None or law.revised <= effective:
                    continue
                if law.id in seen:
                    continue
                seen.add(law.id)
                message = Message(
                    MESSAGE,
                    title=law.title,
                    revised=law.revised.isoformat(),
                    effective=effective.isoformat(),
                )
                yield ctx.finding(
                    RULE,
                    loaded,
                    item,
                    message=message,
                    suggestion="fix",
                    subject=law.id,
                    path=("items", i, "basis", j),
                    extra={"law": law.id, "revised": law.revised.isoformat()},
                )
