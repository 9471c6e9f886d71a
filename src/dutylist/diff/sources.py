"""What OLD and NEW name: a catalog file, a jurisdiction folder, a folder of
jurisdictions, on disk or as REV:PATH from git; and the diff of whole folders
(catalogs matched by kind, duties by unit)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from dutylist.catalog.load import LoadedCatalog, display_path
from dutylist.catalog.workspace import Jurisdiction, find_jurisdictions, load_path
from dutylist.diff.catalogs import diff_catalogs
from dutylist.diff.model import CatalogDiff, DiffResult, Side
from dutylist.errors import GitError, InputError, not_found
from dutylist.i18n import _
from dutylist.validate.core import require_valid

Display = Callable[[Path], str]


@contextmanager
def open_spec(spec: str, cwd: Path | None = None) -> Iterator[tuple[Path, Display, str]]:
    """A local path for SPEC (git revisions are written to a temporary folder), the display
    function of its files, and how to show SPEC itself."""
    base = cwd or Path.cwd()
    if spec.startswith("-"):
        raise GitError(
            _("'{spec}' looks like an option: refused (write ./{spec} for a file)", spec=spec)
        )
    local = base / spec
    if local.exists() or ":" not in spec:
        if not local.is_file() and not local.is_dir():  # missing, a FIFO, a link to nothing
            raise not_found(local, spec)
        if cwd is None:
            yield local, display_path, spec
        else:
            yield local, lambda p: _relative(p, base), spec
        return
    from dutylist.io.git import display_for, materialize

    rev, _colon, path = spec.partition(":")
    path = path or "."
    with materialize(rev, path, cwd) as found:
        if found is None:
            raise GitError(_("{path} does not exist at revision {rev}", path=path, rev=rev))
        yield found, display_for(rev, path, found), spec


def _relative(p: Path, base: Path) -> str:
    try:
        return p.relative_to(base).as_posix()
    except ValueError:
        return p.as_posix()


def diff_paths(
    old_spec: str, new_spec: str, similarity: float | None = None, cwd: Path | None = None
) -> DiffResult:
    """Diff two catalog files, two jurisdiction folders or two folders of jurisdictions;
    each side on disk or `REV:PATH`. `similarity`: a ratio in 0..1, or None."""
    with ExitStack() as stack:
        old_path, old_display, old_shown = stack.enter_context(open_spec(old_spec, cwd))
        new_path, new_display, new_shown = stack.enter_context(open_spec(new_spec, cwd))
        if old_path.is_file() != new_path.is_file():
            raise InputError(_("give two catalog files or two folders, not one of each"))
        if old_path.is_file():
            old = _load(old_path, old_display)
            new = _load(new_path, new_display)
            old_cat, new_cat = _single(old, old_shown), _single(new, new_shown)
            cat = diff_catalogs(old_cat, new_cat, similarity)
            cat.old_registry = old.registry.model if old.registry else None
            cat.new_registry = new.registry.model if new.registry else None
            return DiffResult(
                old=cat.old or Side(old_shown, None, 0),
                new=cat.new or Side(new_shown, None, 0),
                catalogs=[cat],
                old_registry=cat.old_registry,
                new_registry=cat.new_registry,
            )
        return _diff_folders(
            old_path,
            new_path,
            old_display,
            new_display,
            shown=(old_shown, new_shown),
            similarity=similarity,
        )


def _load(path: Path, display: Display) -> Jurisdiction:
    loaded = load_path(path, display)
    require_valid(loaded)
    return loaded


def _single(loaded: Jurisdiction, shown: str) -> LoadedCatalog:
    """The catalog of a file given as OLD or NEW (`shown`, as the user wrote it)."""
    if not loaded.catalogs:
        raise InputError(_("{path}: no catalog in it", path=shown))
    return loaded.catalogs[0]


def _diff_folders(
    old_path: Path,
    new_path: Path,
    old_display: Display,
    new_display: Display,
    *,
    shown: tuple[str, str],
    similarity: float | None,
) -> DiffResult:
    old_roots = {_rel(r, old_path): r for r in find_jurisdictions(old_path)}
    new_roots = {_rel(r, new_path): r for r in find_jurisdictions(new_path)}
    if not old_roots and not new_roots:
        raise InputError(
            _(
                "{old} and {new} hold no jurisdiction.yaml: give jurisdiction folders or catalog files",
                old=shown[0],
                new=shown[1],
            )
        )
    for roots, side in ((old_roots, shown[0]), (new_roots, shown[1])):
        if not roots:
            raise InputError(
                _(
                    "{path} has no jurisdiction.yaml: give a jurisdiction folder or a catalog file",
                    path=side,
                )
            )
    if ("." in old_roots) != ("." in new_roots):
        # a jurisdiction against a folder of them would pair nothing: every item of the one
        # side added, of the other revoked or removed, under made-up column names
        one, many = shown if "." in old_roots else shown[::-1]
        raise InputError(
            _(
                "{one} is a jurisdiction folder, {many} a folder of jurisdictions: give two "
                "jurisdiction folders, or two folders of jurisdictions (paired by their paths)",
                one=one,
                many=many,
            )
        )
    several = "." not in old_roots
    catalogs: list[CatalogDiff] = []
    registries = []
    for key in sorted(set(old_roots) | set(new_roots)):
        old = _load(old_roots[key], old_display) if key in old_roots else None
        new = _load(new_roots[key], new_display) if key in new_roots else None
        diffs = diff_jurisdictions(old, new, similarity)
        for cat in diffs:
            cat.jurisdiction = key if several else None
            for change in cat.changes:
                change.jurisdiction = cat.jurisdiction
        catalogs.extend(diffs)
        registries.append((old, new))
    old_sides = [c.old for c in catalogs if c.old]
    new_sides = [c.new for c in catalogs if c.new]
    first_old = next((o.registry.model for o, _ in registries if o and o.registry), None)
    first_new = next((n.registry.model for _, n in registries if n and n.registry), None)
    return DiffResult(
        old=_folder_side(shown[0], old_sides),
        new=_folder_side(shown[1], new_sides),
        catalogs=catalogs,
        folders=True,
        old_registry=first_old,
        new_registry=first_new,
    )


def _rel(root: Path, base: Path) -> str:
    rel = root.relative_to(base).as_posix()
    return rel or "."


def _folder_side(source: str, sides: list[Side]) -> Side:
    versions = {s.version for s in sides}
    version = versions.pop() if len(versions) == 1 else None
    return Side(source, version, sum(s.items for s in sides), files=len(sides))


def diff_jurisdictions(
    old: Jurisdiction | None, new: Jurisdiction | None, similarity: float | None = None
) -> list[CatalogDiff]:
    """The catalogs of two jurisdiction folders matched by kind (duties by unit); a kind
    on one side only gives all its items added, or revoked/removed."""
    old_map = _by_key(old)
    new_map = _by_key(new)
    order = list(new_map) + [k for k in old_map if k not in new_map]
    diffs = []
    for key in sorted(order, key=_catalog_order):
        cat = diff_catalogs(old_map.get(key), new_map.get(key), similarity)
        cat.old_registry = old.registry.model if old and old.registry else None
        cat.new_registry = new.registry.model if new and new.registry else None
        diffs.append(cat)
    return diffs


def _by_key(loaded: Jurisdiction | None) -> dict[tuple[str, str], LoadedCatalog]:
    out: dict[tuple[str, str], LoadedCatalog] = {}
    for cat in loaded.catalogs if loaded else []:
        key = (cat.kind, cat.model.catalog.unit or "")
        if cat.kind == "guide":  # several guides per folder: paired by what they guide and file
            key = (cat.kind, f"{cat.model.catalog.for_}:{cat.doc.path.name}")
        out.setdefault(key, cat)
    return out


def _catalog_order(key: tuple[str, str]) -> tuple[int, str]:
    from dutylist.model.catalog import KINDS

    return (KINDS.index(key[0]), key[1])
