"""Where the files of a jurisdiction are (spec section 1): paths only, nothing loaded, so
that the validate cache can find its inputs without importing the models."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from dutylist.io.files import TABLE_SUFFIXES as TABLE_SUFFIXES  # noqa: PLC0414  (re-exported)

REGISTRY_NAMES = ("jurisdiction.yaml", "jurisdiction.yml")
LAWS_NAMES = ("laws.yaml", "laws.yml")
YAML_SUFFIXES = (".yaml", ".yml")
Display = Callable[[Path], str]


def resolved(path: Path) -> Path:
    """`path.resolve()`, or for a symlink that loops or leads nowhere, the link itself in
    its resolved folder: the entry to report the problem at, not where the link points."""
    try:
        return path.resolve(strict=True)
    except (OSError, RuntimeError):  # RuntimeError: a loop, before Python 3.13
        return path.parent.resolve() / path.name


def display_path(path: Path) -> str:
    """A path as users typed it: relative to the working directory when inside it, with /."""
    try:
        return resolved(path).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def is_entry(path: Path) -> bool:
    """A file, or something else in a file's place that is not a folder (a link to nothing,
    a FIFO, a device): an input to report as unreadable, never one to skip in silence."""
    return path.is_file() or (os.path.lexists(path) and not path.is_dir())


def is_jurisdiction(path: Path) -> bool:
    return any(is_entry(path / name) for name in REGISTRY_NAMES)


def registry_path(root: Path) -> Path | None:
    return next((root / n for n in REGISTRY_NAMES if is_entry(root / n)), None)


def catalog_files(root: Path) -> list[Path]:
    """The catalog files of a jurisdiction: top-level and duties/ YAML, registry excluded.
    Every entry with a YAML name counts, a folder, a FIFO or a link to nothing as well:
    reading it is what reports it (unreadable-file), so that none is skipped in silence."""
    found: list[Path] = []
    for folder in (root, root / "duties"):
        if folder.is_dir():
            found.extend(
                p
                for p in sorted(folder.iterdir())
                if p.suffix.lower() in YAML_SUFFIXES
                and p.name not in REGISTRY_NAMES
                and p.name not in LAWS_NAMES
            )
    return found


def assessment_files(root: Path) -> list[Path]:
    folder = root / "assessments"
    if not folder.is_dir():
        return []
    # as for catalogs, a FIFO or a link to nothing counts: reading it reports it
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in TABLE_SUFFIXES)


def owning_jurisdiction(path: Path) -> Path | None:
    """The jurisdiction folder a catalog or assessment file belongs to."""
    folder = path.parent
    for candidate in (folder, folder.parent):
        if is_jurisdiction(candidate):
            return candidate
    return None


def laws_path(folder: Path) -> Path | None:
    return next((folder / n for n in LAWS_NAMES if is_entry(folder / n)), None)


def laws_files(root: Path) -> list[tuple[Path, bool]]:
    """The laws.yaml a jurisdiction reads, with whether it is the shared one: the catalogs
    root's (the folder above the jurisdiction), then the jurisdiction's own."""
    found: list[tuple[Path, bool]] = []
    shared = laws_path(root.parent) if root.parent != root else None
    if shared is not None and not is_jurisdiction(root.parent):
        found.append((shared, True))
    own = laws_path(root)
    if own is not None:
        found.append((own, False))
    return found


def find_jurisdictions(path: Path) -> list[Path]:
    """A jurisdiction folder itself, or every jurisdiction folder below a folder."""
    if is_jurisdiction(path):
        return [path]
    return sorted(
        p.parent for name in REGISTRY_NAMES for p in path.rglob(name) if ".git" not in p.parts
    )
