"""Loading and validating: our loader against PyYAML and ruamel.yaml, `validate` in
process and as the process a pre-commit hook starts, and the import cost of the CLI."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from dutylist.io.yamlload import gc_paused, load_yaml
from dutylist.validate.core import validate_paths
from generate import cached
from timing import best_of, ms, peak_rss_mb, repeats, table, wall

# The pure-Python loaders take minutes and gigabytes on 100k items; beyond this they are skipped.
PURE_LIMIT = int(os.environ.get("DUTYLIST_BENCH_PURE_LIMIT", "10000"))


def _ruamel(typ: str, pure: bool) -> Callable[[str], Any]:
    from ruamel.yaml import YAML

    def load(text: str) -> Any:
        return YAML(typ=typ, pure=pure).load(text)

    return load


LOADERS: dict[str, tuple[Callable[[str], Any], str]] = {
    # name: (function of the text, statement for the memory subprocess)
    "dutylist load_yaml (CSafeLoader, gc off)": (
        load_yaml,
        "from dutylist.io.yamlload import load_yaml as f; f(text)",
    ),
    "yaml.CSafeLoader (plain)": (
        lambda text: yaml.load(text, Loader=yaml.CSafeLoader),
        "import yaml; yaml.load(text, Loader=yaml.CSafeLoader)",
    ),
    "yaml.SafeLoader (pure Python)": (
        lambda text: yaml.load(text, Loader=yaml.SafeLoader),
        "import yaml; yaml.load(text, Loader=yaml.SafeLoader)",
    ),
    "ruamel YAML(typ='safe', pure=True)": (
        _ruamel("safe", pure=True),
        "from ruamel.yaml import YAML; YAML(typ='safe', pure=True).load(text)",
    ),
    "ruamel YAML(typ='rt')": (
        _ruamel("rt", pure=False),
        "from ruamel.yaml import YAML; YAML(typ='rt').load(text)",
    ),
}
PURE = {
    "yaml.SafeLoader (pure Python)",
    "ruamel YAML(typ='safe', pure=True)",
    "ruamel YAML(typ='rt')",
}


def bench_loaders(sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        path = cached(size) / "empowerment.yaml"
        text = path.read_text(encoding="utf-8")
        base = None
        for name, (func, statement) in LOADERS.items():
            if name in PURE and size > PURE_LIMIT:
                rows.append([f"{size:,}", name, "skipped", "", ""])
                continue
            seconds = best_of(lambda f=func, t=text: f(t), 1 if name in PURE else repeats(size))  # type: ignore[misc]
            base = base or seconds
            setup = f"text = open({str(path)!r}, encoding='utf-8').read()"
            # a second pure-Python load only for its memory would double a minute-long run
            memory = name not in PURE or size <= 1_000
            rss = f"{peak_rss_mb(setup, statement):.0f} MB" if memory else ""
            rows.append([f"{size:,}", name, ms(seconds), f"{seconds / base:.2f}x", rss])
    print(f"YAML loading of empowerment.yaml (pure loaders skipped above {PURE_LIMIT:,} items)")
    print(table(["items", "loader", "best time", "vs ours", "peak RSS"], rows))


def _bare_paused(text: str) -> Any:
    with gc_paused():
        return yaml.load(text, Loader=yaml.CSafeLoader)


def bench_validate(sizes: list[int]) -> None:
    rows = []
    for size in sizes:
        root = cached(size)
        catalog = root / "empowerment.yaml"
        text = catalog.read_text(encoding="utf-8")
        n = repeats(size)
        bare = best_of(lambda t=text: yaml.load(t, Loader=yaml.CSafeLoader), n)  # type: ignore[misc]
        paused = best_of(lambda t=text: _bare_paused(t), n)  # type: ignore[misc]
        ours = best_of(lambda t=text: load_yaml(t), n)  # type: ignore[misc]
        one = best_of(lambda c=catalog: _ok(validate_paths([c])), n)  # type: ignore[misc]
        whole = best_of(lambda r=root: _ok(validate_paths([r])), n)  # type: ignore[misc]
        statement = (
            "from dutylist.validate.core import validate_paths; from pathlib import Path; "
            f"validate_paths([Path({str(root)!r})])"
        )
        rss = peak_rss_mb("", statement)
        rows.append(
            [
                f"{size:,}",
                ms(bare),
                ms(paused),
                ms(ours),
                ms(one),
                f"{one / paused:.2f}x",
                ms(whole),
                f"{rss:.0f} MB",
            ]
        )
    print(
        "validate in process (validate_paths): `file` = registry + empowerment.yaml (the\n"
        "pre-commit case), `folder` = the whole jurisdiction with assessments/ (one row per\n"
        "item and unit, 14 units). Target of issue 3: validate file <= 1.5x bare (gc paused)."
    )
    header = [
        "items",
        "bare CSafeLoader",
        "bare, gc paused",
        "load_yaml",
        "validate file",
        "vs paused",
        "validate folder",
        "folder peak RSS",
    ]
    print(table(header, rows))


def _ok(result: Any) -> None:
    if not result.ok:
        raise AssertionError(f"generated catalog is not valid: {result.findings[:3]}")


def bench_process() -> None:
    root = cached(1_000)
    exe = shutil.which("dutylist", path=str(Path(sys.executable).parent)) or "dutylist"
    rows = [
        ["dutylist --version", ms(wall([exe, "--version"]))],
        ["dutylist --help", ms(wall([exe, "--help"]))],
        ["dutylist validate <1k items>", ms(wall([exe, "validate", str(root)]))],
        [
            "dutylist validate <1k> empowerment.yaml",
            ms(wall([exe, "validate", str(root / "empowerment.yaml")])),
        ],
        ["python -c pass", ms(wall([sys.executable, "-c", "pass"]))],
        [
            "python -c 'import dutylist.cli'",
            ms(wall([sys.executable, "-c", "import dutylist.cli"])),
        ],
    ]
    print("Whole processes (best of 5; interpreter start and imports included)")
    print(table(["command", "wall time"], rows))
    print("\npython -X importtime -c 'import dutylist.cli': top 12 by cumulative time")
    print(importtime_top("import dutylist.cli", 12))


def importtime_top(statement: str, n: int) -> str:
    """The slowest imports (cumulative microseconds) of a statement in a fresh interpreter."""
    err = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", statement],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    entries = []
    for line in err.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if match:
            entries.append((int(match.group(2)), len(match.group(3)) // 2, match.group(4)))
    entries.sort(reverse=True)
    out = io.StringIO()
    for cumulative, depth, name in entries[:n]:
        out.write(f"  {cumulative / 1000:8.1f} ms  {'  ' * depth}{name}\n")
    return out.getvalue().rstrip()


def main(sizes: list[int]) -> None:
    bench_loaders(sizes)
    print()
    bench_validate(sizes)
    print()
    bench_process()
