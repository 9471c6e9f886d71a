"""`dutylist diff` speed and memory (issue 4).

For each size: two generated versions (about 5% of items changed, generate.mutate),
- the diff (loads included) against two bare loads of the same folders, same run;
- pairing and classing alone (models already loaded) against DeepDiff over the same
  items keyed by id (dicts dumped beforehand, which favours DeepDiff);
- the diff's summary checked against the generator's counts (the oracle);
- peak memory (ru_maxrss, fresh interpreter) of the largest diff against the two loads.
Targets: 10k diff within 2.5x of the two loads; pairing+classing >= 20x faster than
DeepDiff; 100k finishes, peak memory within 1.3x of the two loads.
"""

from __future__ import annotations

import sys
import time
from functools import partial
from pathlib import Path
from typing import Any

from generate import cached_pair
from timing import best_of, ms, peak_rss_mb, repeats, table

DEEPDIFF_MAX = 10_000  # DeepDiff over 100k items takes minutes; measured up to 10k


def _load_two(old: Path, new: Path) -> tuple[Any, Any]:
    from dutylist.catalog.workspace import load_path
    from dutylist.validate.core import require_valid

    a, b = load_path(old), load_path(new)
    require_valid(a)
    require_valid(b)
    return a, b


def _deepdiff(old_items: dict[str, Any], new_items: dict[str, Any]) -> float:
    from deepdiff import DeepDiff

    start = time.perf_counter()
    DeepDiff(old_items, new_items)
    return time.perf_counter() - start


def _oracle(got: dict[str, int], expected: dict[str, int]) -> str:
    """`yes`, or the classes whose counts differ from the generator's (a reclassified item
    that the generator also gave a basis is rightly `amended` too: spec section 5)."""
    keys = sorted(set(got) | set(expected))
    off = [
        f"{k} {got.get(k, 0) - expected.get(k, 0):+d}"
        for k in keys
        if got.get(k, 0) != expected.get(k, 0)
    ]
    return "yes" if not off else ", ".join(off)


def bench_speed(sizes: list[int]) -> None:
    from dutylist.diff import diff_catalogs, diff_paths

    rows = []
    for size in sizes:
        old, new, counts = cached_pair(size)
        n = repeats(size)
        t_load = best_of(partial(_load_two, old, new), n)
        t_diff = best_of(partial(diff_paths, str(old), str(new)), n)
        result = diff_paths(str(old), str(new))
        expected = {k: v for k, v in counts.items() if v}
        ok = _oracle(dict(result.summary), expected)
        a, b = _load_two(old, new)
        cat_a, cat_b = a.catalog("empowerment"), b.catalog("empowerment")
        t_pair = best_of(partial(diff_catalogs, cat_a, cat_b), n)
        if size <= DEEPDIFF_MAX:
            dumped_a = {i.id: i.model_dump() for i in cat_a.model.items}
            dumped_b = {i.id: i.model_dump() for i in cat_b.model.items}
            t_deep = _deepdiff(dumped_a, dumped_b)
            deep, speedup = ms(t_deep), f"{t_deep / t_pair:.0f}x"
        else:
            deep, speedup = "(skipped)", "-"
        rows.append(
            [
                f"{size:,}",
                ms(t_load),
                ms(t_diff),
                f"{t_diff / t_load:.2f}x",
                ms(t_pair),
                deep,
                speedup,
                ok,
            ]
        )
        print(f"  {size:,} items done", file=sys.stderr)
    header = [
        "items",
        "2 loads",
        "diff",
        "diff/loads",
        "pair+class",
        "DeepDiff",
        "speed-up",
        "oracle",
    ]
    print(table(header, rows))


def bench_memory(size: int) -> None:
    old, new, _ = cached_pair(size)
    # deepdiff is imported by the diff (for nested details) and not by a load: its ~50 MB
    # (it pulls numpy and pandas) is counted against the diff, as a user pays it
    setup = (
        f"import dutylist.diff, dutylist.catalog.workspace\nold, new = {str(old)!r}, {str(new)!r}"
    )
    loads = peak_rss_mb(
        setup,
        "from pathlib import Path\n"
        "a = dutylist.catalog.workspace.load_path(Path(old)); b = dutylist.catalog.workspace.load_path(Path(new))",
    )
    diff = peak_rss_mb(setup, "r = dutylist.diff.diff_paths(old, new)")
    print(
        table(
            ["items", "2 loads peak", "diff peak", "diff/loads"],
            [[f"{size:,}", f"{loads:.0f} MB", f"{diff:.0f} MB", f"{diff / max(loads, 1e-9):.2f}x"]],
        )
    )


def main(sizes: list[int]) -> None:
    bench_speed(sizes)
    print()
    bench_memory(max(sizes))


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main([int(s) for s in (sys.argv[1:] or ["1000", "10000", "100000"])])
