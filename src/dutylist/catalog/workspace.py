"""Finding and loading jurisdictions: the folders of spec section 1."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dutylist.catalog.load import (
    Document,
    LoadedCatalog,
    LoadedLaws,
    LoadedRegistry,
    display_path,
    document_kind,
    parse_catalog,
    parse_laws,
    parse_registry,
    read_document,
)
from dutylist.catalog.paths import (
    LAWS_NAMES,
    REGISTRY_NAMES,
    TABLE_SUFFIXES,
    YAML_SUFFIXES,
    Display,
    assessment_files,
    catalog_files,
    find_jurisdictions,
    is_jurisdiction,
    laws_files,
    laws_path,
    owning_jurisdiction,
    registry_path,
    resolved,
)
from dutylist.checks import check
from dutylist.errors import InputError, not_found
from dutylist.findings import Finding
from dutylist.i18n import N_, _


@dataclass
class Jurisdiction:
    """A jurisdiction folder as loaded: its registry, catalogs, assessment files, and
    the problems met while reading them (schema level; cross-file checks are validate's)."""

    root: Path
    registry: LoadedRegistry | None = None
    catalogs: list[LoadedCatalog] = field(default_factory=list)
    assessments: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    display: Display = display_path
    whole: bool = True  # every file of the folder was loaded, not only some of them
    # the laws registries (spec section 12): the catalogs root's first, then the folder's own
    laws: list[LoadedLaws] = field(default_factory=list)

    def catalog(self, kind: str) -> LoadedCatalog | None:
        """The catalog of a kind (the first, if a folder wrongly holds two)."""
        return next((c for c in self.catalogs if c.kind == kind and kind != "duties"), None)

    def duties(self) -> dict[str, LoadedCatalog]:
        """Duties catalogs by unit id."""
        out: dict[str, LoadedCatalog] = {}
        for loaded in self.catalogs:
            unit = loaded.model.catalog.unit
            if loaded.kind == "duties" and unit is not None:
                out.setdefault(unit, loaded)
        return out

    @property
    def name(self) -> str:
        if self.registry is not None:
            return self.registry.model.jurisdiction.name
        return self.root.name


def load_jurisdiction(
    root: Path, *, only: Iterable[Path] | None = None, display: Display = display_path
) -> Jurisdiction:
    """Load a jurisdiction folder (every file, or the registry plus `only`)."""
    result = Jurisdiction(root, display=display, whole=only is None)
    reg = registry_path(root)
    if reg is not None:
        result.files.append(display(reg))
        doc = _read(reg, display, result)
        if doc is not None:
            add_registry(doc, result)
    for path, shared in laws_files(root):
        _add_laws(path, shared, display, result)
    wanted = None if only is None else {resolved(p) for p in only}
    for path in catalog_files(root):
        if wanted is not None and resolved(path) not in wanted:
            continue
        result.files.append(display(path))
        doc = _read(path, display, result)
        if doc is not None:
            _add_catalog(doc, result)
    result.assessments = assessment_files(root)
    if wanted is not None:
        result.assessments = [p for p in result.assessments if resolved(p) in wanted]
    return result


def add_registry(doc: Document, into: Jurisdiction) -> None:
    """Parse a read jurisdiction.yaml into `into` (its registry, or findings)."""
    if document_kind(doc) != "jurisdiction":
        message = _("jurisdiction.yaml must hold `jurisdiction:`, `units:` and `departments:`")
        # what reading it found (parse_* would have reported) before what it is not
        into.findings += [*doc.problems, doc.finding(check("unknown-document"), message, ())]
    else:
        into.registry, problems = parse_registry(doc)
        into.findings.extend(problems)


def add_catalog(doc: Document, into: Jurisdiction) -> None:
    """Parse a read catalog file into `into` (a catalog, or findings)."""
    _add_catalog(doc, into)


def _read(path: Path, display: Display, into: Jurisdiction) -> Document | None:
    doc = read_document(path, display(path))
    if isinstance(doc, Finding):
        into.findings.append(doc)
        return None
    return doc


def _add_laws(path: Path, shared: bool, display: Display, into: Jurisdiction) -> None:
    into.files.append(display(path))
    doc = _read(path, display, into)
    if doc is None:
        return
    if document_kind(doc) != "laws":
        message = _("laws.yaml must hold `dutylist: 1` and a `laws:` list (spec section 12)")
        # what reading it found (parse_* would have reported) before what it is not
        into.findings += [*doc.problems, doc.finding(check("unknown-document"), message, ())]
        return
    loaded, problems = parse_laws(doc, shared=shared)
    into.findings.extend(problems)
    if loaded is not None:
        into.laws.append(loaded)


def _add_catalog(doc: Document, into: Jurisdiction) -> None:
    if "catalog" not in doc.data:
        message = _(
            "a catalog file starts with `dutylist: 1` and a `catalog:` header (kind, title, version)"
        )
        if "jurisdiction" in doc.data:
            message = _("a registry belongs in jurisdiction.yaml, not here")
        # what reading it found (parse_* would have reported) before what it is not
        into.findings += [*doc.problems, doc.finding(check("unknown-document"), message, ())]
        return
    loaded, problems = parse_catalog(doc)
    into.findings.extend(problems)
    if loaded is not None:
        into.catalogs.append(loaded)


def load_catalog_file(path: Path, display: Display = display_path) -> Jurisdiction:
    """A single catalog file with the registry of its folder, when it has one."""
    if not path.is_file():
        raise not_found(path, display(path), file_only=True)
    if path.name in LAWS_NAMES and not is_jurisdiction(path.parent):
        # a shared laws.yaml given by itself: checked as a laws file, not as a catalog
        holder = Jurisdiction(path.parent, display=display, whole=False)
        _add_laws(path, True, display, holder)
        return holder
    root = owning_jurisdiction(path)
    if root is None:
        holder = Jurisdiction(path.parent, display=display)
        holder.files.append(display(path))
        doc = _read(path, display, holder)
        if doc is not None:
            _add_catalog(doc, holder)
        return holder
    return load_jurisdiction(root, only=[path], display=display)


# what to give instead, said after why a path is not a catalog
FOLDER_OR_FILE = N_("{problem}; give a catalog file or a jurisdiction folder")


def not_a_catalog(path: Path, display: Display = display_path) -> str | None:
    """Why the file at `path` is no catalog file (spec section 1), or None when it is one:
    a registry, a laws.yaml, an assessment table, another kind of file, or a file of a
    jurisdiction folder that is not among its catalog files."""
    shown = display(path)
    suffix = path.suffix.lower()
    if path.name in REGISTRY_NAMES:
        return _("{path} is the registry of its jurisdiction, not a catalog", path=shown)
    if path.name in LAWS_NAMES:
        return _("{path} is a registry of laws (laws.yaml), not a catalog", path=shown)
    if suffix in TABLE_SUFFIXES:
        return _("{path} is an assessment table, not a catalog", path=shown)
    if suffix not in YAML_SUFFIXES:
        return _("{path} is not a catalog (a catalog is a .yaml or .yml file)", path=shown)
    root = owning_jurisdiction(path)
    if root is not None and resolved(path) not in {resolved(p) for p in catalog_files(root)}:
        return _(
            "{path} is not a catalog of {folder} (its catalogs are the YAML files at its top "
            "level and in duties/)",
            path=shown,
            folder=display(root),
        )
    return None


def load_path(
    path: Path, display: Display = display_path, *, hint: str = FOLDER_OR_FILE
) -> Jurisdiction:
    """A catalog file or a jurisdiction folder, as diff and audit take them; `hint` (a
    marked message with a `{problem}` field) says what the command takes instead."""
    if path.is_file():
        problem = not_a_catalog(path, display)
        if problem is not None:
            raise InputError(_(hint, problem=problem))
        return load_catalog_file(path, display)
    if path.is_dir():
        if not is_jurisdiction(path):
            raise InputError(
                _(
                    "{path} has no jurisdiction.yaml: give a jurisdiction folder or a catalog file",
                    path=display(path),
                )
            )
        return load_jurisdiction(path, display=display)
    raise not_found(path, display(path))


__all__ = [
    "LAWS_NAMES",
    "REGISTRY_NAMES",
    "TABLE_SUFFIXES",
    "YAML_SUFFIXES",
    "Display",
    "Jurisdiction",
    "assessment_files",
    "catalog_files",
    "find_jurisdictions",
    "is_jurisdiction",
    "laws_files",
    "laws_path",
    "load_catalog_file",
    "load_jurisdiction",
    "load_path",
    "not_a_catalog",
    "owning_jurisdiction",
    "registry_path",
]
