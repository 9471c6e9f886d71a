"""The audit row of the second round's table (audit DIR 10k x 30 against validate DIR) in
instructions, counted by valgrind's callgrind: the same count for the same code and input
whatever else the machine runs, where CPU seconds on a shared machine swing by half.

Slow (each command runs about fifty times slower under valgrind, both at once on two
cores, about four minutes), so `make bench` runs it only when DUTYLIST_BENCH_INSTRUCTIONS
is set (`make bench-instructions`), and it says so when valgrind is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_round2 import Command, measure, ours
from generate import DATA, cached

COLLECTED = re.compile(r"Collected : (\d+)")


def count(argv: Command, out: Path) -> int:
    """Instructions of one run of `argv`, the whole process (start-up and imports too)."""
    env = dict(os.environ, DUTYLIST_LANG="en", PYTHONHASHSEED="0")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(DATA / "pycache")  # compiled by the warm-up run
    env["DUTYLIST_CACHE_DIR"] = tempfile.mkdtemp(prefix="dl-cache-")
    try:
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", *argv],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            check=False,
        )
    finally:
        shutil.rmtree(env["DUTYLIST_CACHE_DIR"], ignore_errors=True)
    found = COLLECTED.search(done.stderr)
    if found is None:
        raise RuntimeError(f"valgrind counted nothing: {done.stderr[-500:]}")
    return int(found.group(1))


def main(sizes: Sequence[int] | None = None) -> None:
    del sizes  # the row's folder is fixed by the issue
    if not os.environ.get("DUTYLIST_BENCH_INSTRUCTIONS"):
        print("skipped: set DUTYLIST_BENCH_INSTRUCTIONS=1 (make bench-instructions), ~4 min")
        return
    if shutil.which("valgrind") is None:
        print("skipped: valgrind is not installed (apt-get install valgrind)")
        return
    wide = str(cached(10_000, 30))
    commands = {
        "validate DIR": ours("validate", wide, "--no-cache"),
        "audit DIR": ours("audit", wide, "--fail-on", "none"),
    }
    for argv in commands.values():
        measure(argv)  # writes the bytecode, which an installed dutylist has
    with (
        tempfile.TemporaryDirectory(prefix="dl-callgrind-") as folder,
        ThreadPoolExecutor(max_workers=2) as pool,
    ):
        futures = {
            name: pool.submit(count, argv, Path(folder) / f"{n}.out")
            for n, (name, argv) in enumerate(commands.items())
        }
        counts = {name: future.result() for name, future in futures.items()}
    validate, audit = counts["validate DIR"], counts["audit DIR"]
    print(f"validate DIR 10k x 30   {validate / 1e9:6.2f} G instructions")
    print(f"audit DIR 10k x 30      {audit / 1e9:6.2f} G instructions")
    print(f"audit / validate        {audit / validate:6.2f}x (goal <= 1.5x in CPU time)")
