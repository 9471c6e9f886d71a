"""Run every benchmark module: `python benchmarks/run.py [--sizes 1000,10000] [--only load]`.

Each `benchmarks/bench_<name>.py` has a `main(sizes)` that prints its own table.
The catalogs come from generate.py and are cached under benchmarks/.data/.
"""

from __future__ import annotations

import argparse
import importlib
import platform
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_SIZES = (1_000, 10_000, 100_000)


def modules() -> list[str]:
    """The benchmark module names (`load` for bench_load.py), sorted."""
    return sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="comma-separated item counts (default: %(default)s)",
    )
    parser.add_argument(
        "--only", action="append", choices=modules(), help="run only this module (repeatable)"
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "").replace("k", "000")) for s in args.sizes.split(",") if s]
    sys.path.insert(0, str(HERE))
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  # tables appear as they finish
    print(
        f"dutylist benchmarks, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"Python {platform.python_version()}, {platform.machine()}, sizes {sizes}"
    )
    for name in args.only or modules():
        print(f"\n== bench_{name} ==")
        start = time.perf_counter()
        module = importlib.import_module(f"bench_{name}")
        module.main(sizes)
        print(f"(bench_{name}: {time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
