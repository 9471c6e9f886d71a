"""`dutylist audit` against load + validate of the same generated jurisdiction
(target: audit within 1.2x), and where an audit's time goes."""

from __future__ import annotations

import time
from pathlib import Path

from dutylist.audit.config import AuditSettings
from dutylist.audit.context import AuditContext
from dutylist.audit.core import read_rows
from dutylist.audit.core import run_audit as audit
from dutylist.audit.rules import RULE_MODULES
from dutylist.catalog.workspace import load_path
from dutylist.validate.core import validate_paths
from generate import cached
from timing import best_of, ms, repeats, table

# (items, units): a county of 14 townships, and a large district of 30
SHAPES = ((1_000, 14), (10_000, 30))


def per_rule(root: Path) -> list[tuple[str, float]]:
    """Seconds of each rule over one loaded context (the load itself excluded)."""
    juris = load_path(root)
    rows, table_file = read_rows(juris, None)
    ctx = AuditContext(juris, rows, rows.period if rows else None, table_file)
    settings = AuditSettings()
    times = []
    for module in RULE_MODULES:
        start = time.perf_counter()
        found = (
            list(module.check(ctx, settings))
            if "previous" not in getattr(module, "NEEDS", ())
            else []
        )
        times.append((f"{module.RULE.name} ({len(found)})", time.perf_counter() - start))
    return times


def main(sizes: list[int] | None = None) -> None:
    rows = []
    detail: list[list[str]] = []
    for n_items, n_units in SHAPES:
        root = cached(n_items, n_units)
        n = repeats(n_items)
        base = best_of(lambda r=root: validate_paths([r]), n)  # type: ignore[misc]
        spent = best_of(lambda r=root: audit(r), n)  # type: ignore[misc]
        findings = len(audit(root).findings)
        rows.append(
            [
                f"{n_items:,} x {n_units}",
                ms(base),
                ms(spent),
                f"{spent / base:.2f}x",
                "yes" if spent <= 1.2 * base else "no",
                f"{findings:,}",
            ]
        )
        detail.extend([f"{n_items:,} x {n_units}", name, ms(sec)] for name, sec in per_rule(root))
    print("audit (load + newest assessment + every rule) vs load + validate, best wall time")
    print(table(["items x units", "load+validate", "audit", "ratio", "<= 1.2x", "findings"], rows))
    print("\ntime per rule on a loaded context (findings in brackets)")
    print(table(["items x units", "rule", "time"], detail))


if __name__ == "__main__":
    main()
