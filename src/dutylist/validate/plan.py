"""What a validate run covers, worked out from paths alone (nothing loaded): the
jurisdictions, whole or in part, and the loose catalog files. A run whose every part is
in the cache is answered without importing the models (the pre-commit case)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dutylist.catalog.paths import (
    LAWS_NAMES,
    TABLE_SUFFIXES,
    display_path,
    find_jurisdictions,
    is_jurisdiction,
    laws_files,
    owning_jurisdiction,
)
from dutylist.errors import InputError, not_found
from dutylist.findings import Finding
from dutylist.i18n import _


@dataclass
class ValidationResult:
    files: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    # shared laws.yaml files already reported: every jurisdiction below reads them
    shared: set[str] = field(default_factory=set, repr=False)

    @property
    def ok(self) -> bool:
        return not any(f.level.value == "error" for f in self.findings)


@dataclass(frozen=True)
class Part:
    """A jurisdiction `root` (whole when `only` is None), or a `loose` catalog file."""

    root: Path | None
    only: list[Path] | None = None
    loose: Path = Path()


def plan(paths: Iterable[Path]) -> list[Part]:
    """The parts of a run; files of one jurisdiction share one registry load."""
    singles: dict[Path, list[Path]] = {}
    loose: list[Path] = []
    roots: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = find_jurisdictions(path)
            if not found:
                raise InputError(
                    _(
                        "no jurisdiction.yaml under {path}: nothing to validate",
                        path=display_path(path),
                    )
                )
            roots.extend(found)
        elif path.is_file() and path.name in LAWS_NAMES and not is_jurisdiction(path.parent):
            # a shared laws.yaml: it and every jurisdiction that reads it
            below = [p for p in find_jurisdictions(path.parent) if p.parent == path.parent]
            if below:
                roots.extend(below)
            else:
                loose.append(path)
        elif path.is_file():
            root = owning_jurisdiction(path)
            if root is None and path.suffix.lower() in TABLE_SUFFIXES:
                raise InputError(
                    _(
                        "{path}: an assessment table is checked from its jurisdiction's "
                        "assessments/ folder",
                        path=display_path(path),
                    )
                )
            if root is None:
                loose.append(path)
            else:
                singles.setdefault(root, []).append(path)
        else:
            raise not_found(path, display_path(path))
    # one folder or file named twice (through a symlink, or ./x and x) is checked once
    wholes = _distinct(roots)
    covered = {_real(root) for root in wholes}
    parts = [Part(root) for root in wholes]
    merged: dict[Path, tuple[Path, list[Path]]] = {}
    for root, files in singles.items():
        merged.setdefault(_real(root), (root, []))[1].extend(files)
    for real, (root, named) in merged.items():
        if real in covered:
            continue
        files = _distinct(named)
        whole = any(p.name.startswith("jurisdiction.") or p.name in LAWS_NAMES for p in files)
        parts.append(Part(root, None if whole else files))
    parts.extend(Part(None, loose=path) for path in _distinct(loose))
    return parts


def _real(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link loop: its own spelling
        return path.absolute()


def _distinct(paths: list[Path]) -> list[Path]:
    """`paths` without a second spelling of one path, in their order."""
    seen: dict[Path, Path] = {}
    for path in paths:
        seen.setdefault(_real(path), path)
    return list(seen.values())


def from_cache(paths: Iterable[Path]) -> ValidationResult | None:
    """The whole run from the cache, or None when any part of it is not there."""
    from dutylist.validate import cache

    result = ValidationResult()
    for part in plan(paths):
        if part.root is None:
            return None
        key = cache.unit_key(part.root, part.only, display_path)
        hit = cache.lookup(key) if key is not None else None
        if hit is None:
            return None
        seen = set(result.shared)
        result.shared.update(display_path(p) for p, shared in laws_files(part.root) if shared)
        result.files.extend(f for f in hit[0] if f not in seen)
        result.findings.extend(f for f in hit[1] if f.file not in seen)
    result.findings.sort(key=Finding.sort_key)
    return result
