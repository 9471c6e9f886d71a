"""What the basis rules share: the merged laws registry of the run, and the citations of
every item of every catalog (parsed once per distinct entry)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dutylist.audit.rules.base import AuditFinding, Message
from dutylist.catalog.load import LoadedCatalog
from dutylist.laws.registry import LawRegistry, merge

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext
    from dutylist.model.catalog import Item


def registry(ctx: AuditContext) -> LawRegistry:
    found: LawRegistry | None = ctx.memo.get("laws")
    if found is None:
        found = ctx.memo["laws"] = merge(ctx.juris.laws)
    return found


def items(ctx: AuditContext) -> Iterator[tuple[LoadedCatalog, Item, int]]:
    """Every item of every catalog with its position in the document."""
    for loaded in ctx.juris.catalogs:
        for index, item in enumerate(loaded.model.items):
            yield loaded, item, loaded.position(index)


def validity_findings(ctx: AuditContext) -> Iterator[AuditFinding]:
    """validate's checks of what items cite (repealed, not yet in force, no such article),
    reported by the audit too (spec section 12), under validate's codes and names."""
    from dutylist.audit.rules.base import RuleInfo
    from dutylist.checks import check
    from dutylist.laws.checks import basis_checks

    laws = registry(ctx)
    if not laws:
        return
    for loaded in ctx.juris.catalogs:
        items = {item.id: item for item in loaded.model.items}
        for found in basis_checks(loaded, laws):
            chk = check(found.name)
            rule = RuleInfo(chk.code, chk.name, chk.severity, chk.summary)
            yield ctx.finding(
                rule,
                loaded,
                items.get(found.item or ""),
                message=Message(str(found.extra["msgid"]), **found.extra["fields"]),
                suggestion="fix",
                subject=str(found.extra["law"]),
                path=found.path,
                extra={"law": found.extra["law"]},
            )
