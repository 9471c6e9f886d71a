"""Item history (spec section 11): every item's life across the first-parent git history
of a catalog folder, followed through re-codes, merges and splits.

`item_histories(repo_path, path)` is the entry point for other tools (the static site):
the lives of every item, each with `.as_record()` giving the JSON of section 11.
"""

from __future__ import annotations

from pathlib import Path

from dutylist.history.core import build_history
from dutylist.history.model import Event, History, ItemHistory

__all__ = ["Event", "History", "ItemHistory", "build_history", "item_histories"]


def item_histories(
    repo_path: Path | str, path: str = "catalogs", *, tz: str = "+08:00"
) -> list[ItemHistory]:
    """The life of every item under `path` (relative to the repository `repo_path`),
    oldest first; GitError/InputError (UserError) when the history cannot be read."""
    return build_history(path, cwd=Path(repo_path), tz=tz).items
