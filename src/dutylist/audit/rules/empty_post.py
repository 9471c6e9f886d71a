"""empty-post (一目录): a post of a unit's post directory that carries no duty.

A post of a duties file's `posts:` that no item of the file names in `post:`. A post
marked `new: true` (新增岗位, created in this adjustment) must carry at least one
item, so it is reported as a warning; an old empty post as a hint.

Why: 三清单一目录: every duty sits on a post, and a post exists for its duties; an
empty post is either a duty missing from the list or a post to drop.

Passes:

```yaml
posts: [{id: property, name: 物业管理岗, new: true}]
items: [{id: MH-001, post: property}]
```

Fails:

```yaml
posts: [{id: property, name: 物业管理岗, new: true}]
items: [{id: MH-001, post: null}]
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
    "DL309",
    "empty-post",
    Severity.INFO,
    N_("a post of a unit's post directory that carries no duty (a new post: warning)"),
)
POST = N_("{post} ({id}) of {unit} carries no duty: give it its items (`post:`) or drop the post")
NEW_POST = N_(
    "a new post (新增岗位) {post} ({id}) of {unit} carries no duty: give it its items "
    "(`post:`) or drop the post"
)


def check(ctx: AuditContext, settings: AuditSettings) -> Iterator[AuditFinding]:
    for unit, duties in ctx.juris.duties().items():
        carried = {i.post for i in duties.model.items if i.post}
        name = ctx.unit_name(unit)
        for index, post in enumerate(duties.model.posts):
            if post.id in carried:
                continue
            yield ctx.finding(
                RULE,
                duties,
                None,
                message=Message(
                    NEW_POST if post.new else POST, post=post.name, id=post.id, unit=name
                ),
                suggestion="fix",
                units=[unit],
                subject=post.id,
                severity=Severity.WARNING if post.new else None,
                path=("posts", index),
                extra={"post": post.id, "post_name": post.name, "new": post.new},
            )
