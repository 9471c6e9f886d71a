"""What the basis rules share: the merged laws registry of the run, and the citations of
every item of every catalog (parsed once per distinct entry)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from dutylist.catalog.load import LoadedCatalog
from dutylist.i18n import translate
from dutylist.laws.registry import LawRegistry, merge
from dutylist.model.catalog import Item

if TYPE_CHECKING:
    from dutylist.audit.context import AuditContext


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


def both(msgid: str, **fields: Any) -> tuple[str, str]:
    """A message in English and Chinese, as an AuditFinding carries it."""
    return translate(msgid, "en").format(**fields), translate(msgid, "zh").format(**fields)
