"""`dutylist site` against validate of the same folder (target: the site within 3x).

A jurisdiction of 10k items x 30 units writes about 10k item pages, a page per unit
listing every power devolved to it, and one per department; the problem lists come
from an audit of the newest assessment period, so the audit is part of the cost.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from itertools import count
from pathlib import Path

from dutylist.report.site import render_site
from dutylist.site.build import build_site
from dutylist.site.write import write_site
from dutylist.validate.core import validate_paths
from generate import cached
from timing import best_of, ms, repeats, table

SHAPES = ((1_000, 14), (10_000, 30))


def _site(root: Path, out: Path, public: bool) -> tuple[int, dict[str, float]]:
    parts: dict[str, float] = {}
    start = time.perf_counter()
    model = build_site(root, public=public)
    parts["records (load, validate, audit)"] = time.perf_counter() - start
    start = time.perf_counter()
    files = render_site(model)
    parts["templates"] = time.perf_counter() - start
    start = time.perf_counter()
    write_site(files, out, model.inputs)
    parts["writing"] = time.perf_counter() - start
    return sum(name.endswith(".html") for name in files), parts


def main(sizes: list[int] | None = None) -> None:
    rows: list[list[str]] = []
    detail: list[list[str]] = []
    work = Path(tempfile.mkdtemp(prefix="dutylist-bench-site-"))
    try:
        for n_items, n_units in SHAPES:
            if sizes and n_items > max(sizes):
                continue
            root = cached(n_items, n_units)
            n = repeats(n_items)
            base = best_of(lambda r=root: validate_paths([r], cache=False), n)  # type: ignore[misc]
            for public in (False, True):
                # a folder of its own for every run: replacing the site of the run before
                # would time the filesystem's reuse of the inodes just freed (on ext4 without
                # a journal, a search quadratic in their number), not the command
                fresh = (work / f"site-{n_items}-{public}-{k}" for k in count())
                spent = best_of(lambda r=root, f=fresh, p=public: _site(r, next(f), p), n)  # type: ignore[misc]
                pages, parts = _site(root, next(fresh), public)
                label = f"{n_items:,} x {n_units}" + (" --public" if public else "")
                rows.append(
                    [
                        label,
                        ms(base),
                        ms(spent),
                        f"{spent / base:.2f}x",
                        "yes" if spent <= 3 * base else "no",
                        f"{pages:,}",
                    ]
                )
                detail.extend([label, name, ms(sec)] for name, sec in parts.items())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("site (records, pages, written) vs validate of the same folder, best wall time")
    print(table(["items x units", "validate", "site", "ratio", "<= 3x", "pages"], rows))
    print("\nwhere the time goes (one run)")
    print(table(["items x units", "part", "time"], detail))


if __name__ == "__main__":
    main()
