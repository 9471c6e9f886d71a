"""Findings of validate reused across runs, keyed by the content they came from.

A pre-commit hook validates the same unchanged jurisdiction on every commit. An entry
is keyed by a hash of everything the findings depend on: the bytes of every file of the
jurisdiction (registry, catalogs, assessment tables, configuration; not only the files
named, since a catalog is checked against its siblings), the dutylist version and its
code (the size and modification time of each file of the package: a checkout edited
without a new version must not be answered by the old checks), the language of the
messages and how the paths are shown. The catalogs' times are never looked at, so an
entry can never answer for other content. A load whose files changed while it ran is
not stored.

Entries live in the user cache folder (platformdirs; `DUTYLIST_CACHE_DIR` overrides),
one JSON file each, written to a temporary name and renamed, so two hooks running at once
see either a whole entry or none. The folder keeps the newest MAX_ENTRIES entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from dutylist import __version__
from dutylist.catalog.paths import (
    REGISTRY_NAMES,
    Display,
    assessment_files,
    catalog_files,
    is_entry,
    laws_files,
)
from dutylist.checks import check
from dutylist.findings import Finding, Severity
from dutylist.io.regular import read_regular

CACHE_ENV = "DUTYLIST_CACHE_DIR"
FORMAT = 1  # of an entry; a change of the layout makes old entries unreadable, not wrong
MAX_ENTRIES = 200
_CONFIG_NAMES = ("dutylist.yaml", ".dutylist.yaml")


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("dutylist", appauthor=False)) / "validate"


def inputs(root: Path) -> list[Path]:
    """Every file the findings of a jurisdiction may depend on."""
    files = [root / n for n in (*REGISTRY_NAMES, *_CONFIG_NAMES) if is_entry(root / n)]
    laws = [path for path, _shared in laws_files(root)]  # the shared one lives above root
    return files + laws + catalog_files(root) + assessment_files(root)


@cache
def code_stamp(package: Path) -> str:
    """The path, size and modification time of every file of `package`, hashed
    (about 250 stats, a millisecond)."""
    digest = hashlib.blake2b(digest_size=16)
    folders = [package]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name == "__pycache__":
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(Path(entry.path))
                    continue
                info = entry.stat()
                stamp = f"{entry.path}\0{info.st_size}\0{info.st_mtime_ns}\0"
                digest.update(stamp.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def key_of(parts: Iterable[str], files: Iterable[Path]) -> str | None:
    """The hash of the given strings and of the names and bytes of `files` (None when a
    file cannot be read, or is no regular file: such a run is not cached)."""
    from dutylist.i18n import current_lang

    digest = hashlib.blake2b(digest_size=20)
    code = code_stamp(Path(__file__).resolve().parents[1])
    for part in (str(FORMAT), __version__, code, current_lang(), str(Path.cwd()), *parts):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    for path in files:
        try:
            data = read_regular(path)
        except OSError:
            return None
        digest.update(path.as_posix().encode("utf-8", "surrogatepass") + b"\0")
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def unit_key(root: Path, only: list[Path] | None, display: Display) -> str | None:
    """The key of validating a jurisdiction (whole, or the registry plus `only`)."""
    named = "*" if only is None else "\n".join(sorted(display(p) for p in only))
    return key_of((str(root.resolve()), display(root), named), inputs(root))


def lookup(key: str) -> tuple[list[str], list[Finding]] | None:
    path = cache_dir() / f"{key}.json"
    try:
        entry = json.loads(path.read_bytes())
        files = [str(f) for f in entry["files"]]
        findings = [_finding(record) for record in entry["findings"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None  # missing, or damaged by hand: recomputed and rewritten
    with contextlib.suppress(OSError):
        os.utime(path)  # the newest use, for eviction
    return files, findings


def store(key: str, files: list[str], findings: list[Finding]) -> None:
    """Write an entry; a cache that cannot be written only costs the next run its time."""
    from dutylist.errors import OutputError
    from dutylist.io.files import write_atomic

    folder = cache_dir()
    entry = {"format": FORMAT, "files": files, "findings": [_record(f) for f in findings]}
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{key}.json", json.dumps(entry, ensure_ascii=False))
        _evict(folder)
    except (OSError, OutputError):
        return


def _evict(folder: Path) -> None:
    entries = []
    for path in folder.glob("*.json"):
        try:
            entries.append((path.stat().st_mtime, path))
        except OSError:  # removed by a hook running beside this one
            continue
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort()
    for _mtime, path in entries[: len(entries) - MAX_ENTRIES]:
        path.unlink(missing_ok=True)


def _record(f: Finding) -> list[Any]:
    severity = f.severity.value if f.severity is not None else None
    path = list(f.path) if f.path is not None else None
    return [f.name, f.message, f.file, f.line, f.column, f.item, path, severity, f.extra]


def _finding(record: list[Any]) -> Finding:
    name, message, file, line, column, item, path, severity, extra = record
    return Finding(
        check(name),
        str(message),
        str(file),
        int(line),
        int(column),
        item,
        tuple(path) if path is not None else None,
        Severity(severity) if severity is not None else None,
        dict(extra),
    )
