"""Audit rules: one module per rule, registered explicitly here (no import side effects).

Each module has a docstring (what it flags, why, a passing and a failing example), a
`RULE` record, optionally `NEEDS` ("assessment", "previous"), and `check(ctx, settings)`
yielding AuditFinding records. Modules import only light dependencies at import time:
`dutylist rules` loads them all on the pre-commit path.
"""

from __future__ import annotations

from types import ModuleType

from dutylist.audit.rules import (
    abolished_without_alternative,
    basis_revised_since,
    basis_uncited,
    basis_unknown_law,
    empty_post,
    grid_link,
    missing_admission,
    missing_support,
    one_size_fits_all,
    reclaimed_still_devolved,
    return_candidate,
    similar_items,
    zero_uptake,
)
from dutylist.audit.rules.base import RuleInfo

RULE_MODULES: tuple[ModuleType, ...] = (
    one_size_fits_all,
    return_candidate,
    zero_uptake,
    missing_admission,
    missing_support,
    similar_items,
    reclaimed_still_devolved,
    grid_link,
    empty_post,
    abolished_without_alternative,
    basis_revised_since,
    basis_unknown_law,
    basis_uncited,
)
RULES: tuple[RuleInfo, ...] = tuple(m.RULE for m in RULE_MODULES)
RULE_NAMES: frozenset[str] = frozenset(r.name for r in RULES)
