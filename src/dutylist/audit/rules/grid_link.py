"""grid-link (两单联动): territorial items for the grid and grid items must match.

Both directions: every territorial item marked `grid: true` has a grid item whose
`source` is its id; every grid item's source is a territorial item marked `grid: true`.
(A source that is no territorial item at all is validate's DL113.) When PATH is a single
file, the other list is not loaded and the first direction is not checked.

Why: the territorial list (属地管理事项清单) says which work the grid can carry; the grid
list (网格服务管理事项清单) is what the grid workers are given. 两单联动 means one follows
from the other; a gap either way is work nobody was told about, or work without basis.

Passes:

```yaml
- {id: JH-SD-010, grid: true}        # territorial.yaml
- {id: JH-WG-001, source: JH-SD-010} # grid.yaml
```

Fails:

```yaml
- {id: JH-SD-011, grid: true}        # territorial.yaml, and no grid item has this source
- {id: JH-WG-002, source: JH-SD-012} # grid.yaml, JH-SD-012 has grid: false
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
    "DL308",
    "grid-link",
    Severity.WARNING,
    N_(
        "a territorial item for the grid without a grid item, or a grid item from no such item (两单联动)"
    ),
)
NO_GRID_ITEM = N_("marked `grid: true` but no grid item has it as `source`: add one, or unmark it")
SOURCE_NOT_GRID = N_(
    "its source {source} is not marked `grid: true` in the territorial list: "
    "mark it there, or drop this grid item"
)


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    territorial = ctx.juris.catalog("territorial")
    grid = ctx.juris.catalog("grid")
    if territorial is None:
        return
    marked = {item.id: item for item in territorial.model.items if item.grid}
    every = {item.id for item in territorial.model.items}
    sources = {item.source for item in grid.model.items} if grid else set()
    if grid is not None or ctx.whole:
        for item_id, item in marked.items():
            if item_id not in sources:
                yield ctx.finding(
                    RULE,
                    territorial,
                    item,
                    message=Message(NO_GRID_ITEM),
                    suggestion="fix",
                    subject="no-grid-item",
                )
    if grid is None:
        return
    for g in grid.model.items:
        if g.source not in every or g.source in marked:
            continue
        yield ctx.finding(
            RULE,
            grid,
            g,
            message=Message(SOURCE_NOT_GRID, source=g.source),
            suggestion="fix",
            subject="source-not-grid",
        )
