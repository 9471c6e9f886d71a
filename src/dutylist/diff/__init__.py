"""`dutylist diff` as a library: pair the items of two versions and classify every
change (spec section 5). The CLI, the statistics workbook and the monthly report
all call `diff_catalogs` / `diff_jurisdictions` / `diff_paths`.
"""

from __future__ import annotations

from dutylist.diff.catalogs import diff_catalogs, similarity_ratio
from dutylist.diff.model import CLASSES, CatalogDiff, Change, DiffResult, Side
from dutylist.diff.sources import diff_jurisdictions, diff_paths

__all__ = [
    "CLASSES",
    "CatalogDiff",
    "Change",
    "DiffResult",
    "Side",
    "diff_catalogs",
    "diff_jurisdictions",
    "diff_paths",
    "similarity_ratio",
]
