"""Item histories for the item pages, when the catalogs are in git; without git an item
page says which version of its list it is from."""

from __future__ import annotations

from pathlib import Path

from dutylist.site.build import HistoryLookup


def history_lookup(path: Path) -> HistoryLookup | None:
    """The history reader for `path`, or None when there is none to read."""
    del path
    return None
