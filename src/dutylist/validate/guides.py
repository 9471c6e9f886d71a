"""The one rule of section 13 that `validate` reports: `guide:` naming no guide item
(guide-unknown-item), and the `guides:` entries of jurisdiction.yaml that name no guide."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from dutylist.catalog.guides import Guide, GuideSet, guided_kind, load_guides
from dutylist.catalog.load import LoadedCatalog
from dutylist.catalog.workspace import Jurisdiction
from dutylist.checks import check
from dutylist.findings import Finding
from dutylist.i18n import _


def guide_checks(juris: Jurisdiction, *, whole: bool = True) -> Iterator[Finding]:
    """The `guides:` entries (when the registry is checked: the whole folder) and the
    `guide:` fields of the catalogs loaded."""
    if juris.registry is None:
        return
    uses = any(_has_guide_field(c) for c in juris.catalogs)
    if not uses and not (whole and juris.registry.model.guides):
        return
    guides = load_guides(juris)
    if whole:
        yield from guides.findings
    for loaded in juris.catalogs:
        yield from unknown_guide_items(loaded, guides)


def _has_guide_field(loaded: LoadedCatalog) -> bool:
    return any(item.__dict__.get("guide") is not None for item in loaded.model.items)


def unknown_guide_items(loaded: LoadedCatalog, guides: GuideSet) -> Iterator[Finding]:
    kind = guided_kind(loaded)
    mine = guides.for_list(loaded)
    known: dict[str, None] = {}
    for guide in mine:
        known.update(dict.fromkeys(guide.items))
    if not mine and guides.findings:
        return  # a guide that could not be read is reported once, at its `guides:` entry
    for index, item in enumerate(loaded.model.items):
        value = item.__dict__.get("guide")
        if value is None:
            continue
        ids = [value] if isinstance(value, str) else value
        for j, ident in enumerate(ids):
            if ident in known:
                continue
            path: tuple[str | int, ...] = ("items", loaded.position(index), "guide")
            if not isinstance(value, str):
                path = (*path, j)
            yield loaded.doc.finding(
                check("guide-unknown-item"), _message(ident, kind, mine, known), path
            )


def _message(ident: str, kind: str, mine: list[Guide], known: dict[str, None]) -> str:
    if not mine:
        return _(
            "guide {id!r}: jurisdiction.yaml names no guide for {kind} lists "
            "(add its path under `guides:`)",
            id=ident,
            kind=kind,
        )
    close = difflib.get_close_matches(ident, list(known), n=1)
    if close:
        return _(
            "guide {id!r} is not an item of the guide: did you mean {close!r}?",
            id=ident,
            close=close[0],
        )
    return _("guide {id!r} is not an item of the guide for {kind} lists", id=ident, kind=kind)
