"""The git external diff driver: `git diff` and `git log -p --ext-diff` on a catalog show
the dutylist diff. git calls the command with seven arguments:
path old-file old-hex old-mode new-file new-hex new-mode (a missing side is /dev/null)."""

from __future__ import annotations

import difflib
from pathlib import Path

from dutylist.catalog.load import LoadedCatalog, parse_catalog, parse_registry, read_document
from dutylist.catalog.workspace import owning_jurisdiction, registry_path
from dutylist.diff.catalogs import diff_catalogs
from dutylist.diff.model import DiffResult, Side
from dutylist.errors import UserError
from dutylist.findings import Finding
from dutylist.i18n import _
from dutylist.model.registry import JurisdictionFile

NULL = "/dev/null"


def _catalog(file: str, shown: str) -> LoadedCatalog | bool | None:
    """The catalog in FILE; None for /dev/null; False when it is not a valid catalog."""
    if file == NULL:
        return None
    doc = read_document(Path(file), shown)
    if isinstance(doc, Finding) or "catalog" not in doc.data:
        return False
    loaded, problems = parse_catalog(doc)
    if loaded is None or problems:
        return False
    return loaded


def _registry(path: str) -> JurisdictionFile | None:
    """The working tree's jurisdiction.yaml beside PATH, for department and unit names."""
    root = owning_jurisdiction(Path(path))
    reg = registry_path(root) if root else None
    if reg is None:
        return None
    doc = read_document(reg)
    if isinstance(doc, Finding):
        return None
    loaded, _findings = parse_registry(doc)
    return loaded.model if loaded else None


def driver_diff(args: list[str]) -> DiffResult | str:
    """The diff of git's two blobs; a plain unified diff (text) when either side is not a
    valid catalog, so that git still shows something useful."""
    if len(args) != 7:
        raise UserError(
            _(
                "git-diff-driver is called by git with 7 arguments: "
                "path old-file old-hex old-mode new-file new-hex new-mode"
            )
        )
    path, old_file, _oh, _om, new_file, _nh, _nm = args
    old = _catalog(old_file, f"a/{path}")
    new = _catalog(new_file, f"b/{path}")
    if old is False or new is False or (old is None and new is None):
        return _unified(path, old_file, new_file)
    assert not isinstance(old, bool) and not isinstance(new, bool)
    cat = diff_catalogs(old, new)
    registry = _registry(path)
    cat.old_registry = cat.new_registry = registry
    return DiffResult(
        old=cat.old or Side(NULL, None, 0),
        new=cat.new or Side(NULL, None, 0),
        catalogs=[cat],
        old_registry=registry,
        new_registry=registry,
    )


def _read(file: str) -> list[str]:
    if file == NULL:
        return []
    return Path(file).read_text(encoding="utf-8", errors="replace").splitlines(keepends=True)


def _unified(path: str, old_file: str, new_file: str) -> str:
    lines = difflib.unified_diff(
        _read(old_file),
        _read(new_file),
        NULL if old_file == NULL else f"a/{path}",
        NULL if new_file == NULL else f"b/{path}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
