"""diff_catalogs: the diff of one catalog (one kind; for duties, one unit)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from dutylist.catalog.load import LoadedCatalog
from dutylist.diff.classify import added_change, gone_change, group_changes, pair_change
from dutylist.diff.model import CLASSES, CatalogDiff, Change, Side
from dutylist.diff.pairing import pair_items
from dutylist.errors import UserError
from dutylist.i18n import KIND, _, current_lang
from dutylist.io.yamlload import gc_paused
from dutylist.model.catalog import CatalogFile


def kind_name(kind: str) -> str:
    """A catalog kind as the message's reader calls it (赋权事项清单 in Chinese)."""
    return KIND.get(kind, kind) if current_lang() == "zh" else kind


def similarity_ratio(value: float | None) -> float | None:
    """--similarity as a ratio in 0..1: values above 1 are read as percentages (0..100)."""
    if value is None:
        return None
    ratio = value / 100 if value > 1 else value
    if not 0 < ratio <= 1:
        raise UserError(
            _("--similarity {value}: give a ratio in 0..1 (or a percentage in 0..100)", value=value)
        )
    return ratio


def _side(catalog: LoadedCatalog | CatalogFile[Any] | None) -> Side | None:
    if catalog is None:
        return None
    if isinstance(catalog, LoadedCatalog):
        model, source = catalog.model, catalog.doc.display
    else:
        model, source = catalog, "-"
    return Side(source, model.catalog.version, len(model.items), model.catalog.title)


def diff_catalogs(
    old: LoadedCatalog | CatalogFile[Any] | None,
    new: LoadedCatalog | CatalogFile[Any] | None,
    similarity: float | None = None,
) -> CatalogDiff:
    """Diff two catalogs of one kind (either may be None: a kind on one side only).
    `similarity` is a ratio in 0..1 enabling the name-similarity step."""
    old_model = old.model if isinstance(old, LoadedCatalog) else old
    new_model = new.model if isinstance(new, LoadedCatalog) else new
    header = new_model or old_model
    if header is None:
        raise ValueError("diff_catalogs needs at least one catalog")
    kind, unit = header.catalog.kind, header.catalog.unit
    if (
        old_model is not None
        and new_model is not None
        and old_model.catalog.kind != new_model.catalog.kind
    ):
        raise UserError(
            _(
                "cannot diff catalogs of two kinds: {old} and {new}",
                old=kind_name(old_model.catalog.kind),
                new=kind_name(new_model.catalog.kind),
            )
        )
    old_items = old_model.items if old_model else []
    new_items = new_model.items if new_model else []
    changes: list[Change] = []
    unchanged: Counter[str] = Counter()
    # the loaded models are millions of objects: a full cyclic collection triggered by the
    # small objects made here would walk all of them, again and again (superlinear at 100k)
    with gc_paused():
        pairing = pair_items(old_items, new_items, similarity)
        for before, after in pairing.pairs:
            change = pair_change(before, after, kind, unit)
            if change is None:
                unchanged[after.department] += 1
            else:
                changes.append(change)
        for group in pairing.groups:
            changes.extend(group_changes(group, kind, unit))
        changes.extend(added_change(item, kind, unit) for item in pairing.added)
        changes.extend(gone_change(item, kind, unit) for item in pairing.gone)
    changes.sort(key=lambda c: CLASSES.index(c.classes[0]))  # stable: file order within a class

    summary: Counter[str] = Counter()
    for change in changes:
        summary.update(change.classes)
    if unchanged:
        summary["unchanged"] = sum(unchanged.values())
    old_posts = [p.id for p in old_model.posts] if old_model else []
    new_posts = [p.id for p in new_model.posts] if new_model else []
    return CatalogDiff(
        kind=kind,
        unit=unit,
        old=_side(old),
        new=_side(new),
        changes=changes,
        summary=summary,
        unchanged_by_department=unchanged,
        posts_added=[p for p in new_posts if p not in set(old_posts)],
        posts_removed=[p for p in old_posts if p not in set(new_posts)],
        old_model=old_model,
        new_model=new_model,
        old_catalog=old if isinstance(old, LoadedCatalog) else None,
        new_catalog=new if isinstance(new, LoadedCatalog) else None,
    )
