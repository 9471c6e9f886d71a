"""Legal bases: the citations of every item parsed, against the time of loading them
(the target: at most 0.2x the load), with the entry cache cold and with every entry
distinct (only the per-title normalisation cache helps), and `dutylist laws` in process."""

from __future__ import annotations

import time
from collections.abc import Callable

from dutylist.catalog.workspace import load_jurisdiction
from dutylist.laws.citations import parse_bases, parse_entry, title_key
from dutylist.laws.index import laws_report
from generate import cached
from timing import ms, table


def _clear() -> None:
    parse_entry.cache_clear()
    title_key.cache_clear()


def _parse_all(bases: list[list[str]]) -> int:
    return sum(len(c) for item in parse_bases(bases) for c in item)


def _timed(func: Callable[..., object], *args: object) -> float:
    start = time.perf_counter()
    func(*args)
    return time.perf_counter() - start


def main(sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        root = cached(size)
        start = time.perf_counter()
        juris = load_jurisdiction(root)
        load = time.perf_counter() - start
        bases = [list(item.basis) for c in juris.catalogs for item in c.model.items]
        distinct = [[f"{e}（{i}）" for e in b] for i, b in enumerate(bases)]
        _clear()
        cold = _timed(_parse_all, bases)
        _clear()
        unique = _timed(_parse_all, distinct)
        _clear()
        report = _timed(laws_report, root)
        rows.append(
            (
                f"{size:,}",
                ms(load),
                ms(cold),
                f"{cold / load:.3f}x",
                ms(unique),
                f"{unique / load:.3f}x",
                ms(report),
            )
        )
    print(
        table(
            (
                "items",
                "load",
                "parse (cold cache)",
                "/ load",
                "parse (every entry distinct)",
                "/ load",
                "laws_report",
            ),
            rows,
        )
    )
