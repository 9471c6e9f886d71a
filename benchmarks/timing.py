"""Measuring helpers shared by the bench_*.py modules."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

ROOT_SRC = str(__import__("pathlib").Path(__file__).resolve().parent.parent / "src")


def repeats(size: int) -> int:
    """Best of 5 for small inputs, 3 for 10k, 1 for larger ones."""
    return 5 if size <= 1_000 else 3 if size <= 10_000 else 1


def best_of(func: Callable[[], Any], n: int) -> float:
    """Shortest wall time of n calls, in seconds (the least disturbed run)."""
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - start)
    return best


def peak_rss_mb(setup: str, statement: str) -> float:
    """Peak resident memory (MB) of a fresh interpreter running setup then statement,
    minus the peak after setup alone: the memory the statement itself needs.

    Read from VmHWM in /proc (per address space, reset by exec): ru_maxrss would
    carry over the parent's peak into the child on Linux."""
    code = (
        "import sys\n"
        f"sys.path.insert(0, {ROOT_SRC!r})\n"
        "def hwm():\n"
        "    with open('/proc/self/status') as f:\n"
        "        return next(int(l.split()[1]) for l in f if l.startswith('VmHWM'))\n"
        f"{setup}\n"
        "base = hwm()\n"
        f"{statement}\n"
        "print(base, hwm())\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    base, peak = int(out[0]), int(out[1])
    return (peak - base) / 1024  # kB -> MB


def wall(argv: Sequence[str], n: int = 5) -> float:
    """Best wall time of a whole process (interpreter start and imports included)."""
    best = float("inf")
    for _ in range(n):
        start = time.perf_counter()
        subprocess.run(list(argv), capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain aligned text table (first column left, others right)."""
    cells = [[str(c) for c in header], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        parts = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(parts))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def ms(seconds: float) -> str:
    """Milliseconds below one second, seconds above."""
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
