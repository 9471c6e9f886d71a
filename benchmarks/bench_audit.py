"""`dutylist audit` against load + validate of the same generated jurisdiction
(target: audit within 1.2x), and where an audit's time goes."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
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


def _child_cpu(argv: list[str]) -> float:
    """CPU seconds (user + system) of one whole process, its output read from a pipe."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}  # a pipe, as in CI
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, capture_output=True, check=False, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def whole_process(n_items: int = 10_000, n_units: int = 30, rounds: int = 3) -> list[str]:
    """`audit DIR` (text and `--format json`) against `validate DIR --no-cache` of the same
    folder: whole-process CPU time, the three run alternately, the best of each (targets:
    audit within 1.5x validate, text within 1.15x JSON)."""
    root = str(cached(n_items, n_units))
    cli = [sys.executable, "-m", "dutylist"]
    argv = {
        "validate": [*cli, "validate", root, "--no-cache"],
        "text": [*cli, "audit", root, "--fail-on", "none"],
        "json": [*cli, "audit", root, "--fail-on", "none", "--format", "json"],
    }
    best = dict.fromkeys(argv, float("inf"))
    for _ in range(rounds):
        for name, command in argv.items():
            best[name] = min(best[name], _child_cpu(command))
    audit_ratio = best["text"] / best["validate"]
    text_ratio = best["text"] / best["json"]
    return [
        f"{n_items:,} x {n_units}",
        ms(best["validate"]),
        ms(best["json"]),
        ms(best["text"]),
        f"{audit_ratio:.2f}x {'yes' if audit_ratio <= 1.5 else 'no'}",
        f"{text_ratio:.2f}x {'yes' if text_ratio <= 1.15 else 'no'}",
    ]


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
    print("\naudit DIR vs validate DIR --no-cache, whole-process CPU time, alternating, best of 3")
    head = ["items x units", "validate", "audit json", "audit text", "text/validate <= 1.5x"]
    print(table([*head, "text/json <= 1.15x"], [whole_process()]))
    print("\ntime per rule on a loaded context (findings in brackets)")
    print(table(["items x units", "rule", "time"], detail))


if __name__ == "__main__":
    main()
