"""`dutylist validate`: schema findings from loading, plus the cross-file checks
against jurisdiction.yaml. Every problem of every file, none raised."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path

from dutylist.catalog.load import (
    Document,
    LoadedCatalog,
    LoadedRegistry,
    as_records,
    display_path,
)
from dutylist.catalog.workspace import (
    TABLE_SUFFIXES,
    YAML_SUFFIXES,
    Jurisdiction,
    is_jurisdiction,
    laws_files,
    load_catalog_file,
    load_jurisdiction,
)
from dutylist.checks import check
from dutylist.errors import InputError
from dutylist.findings import Finding
from dutylist.i18n import _
from dutylist.model.codes import division_code_problem, uscc_problem
from dutylist.normalize import normalize_names
from dutylist.validate.guides import guide_checks
from dutylist.validate.plan import ValidationResult, plan
from dutylist.validate.text import text_checks


def validate_paths(paths: Iterable[Path], *, cache: bool = False) -> ValidationResult:
    """Validate files and folders; files of one jurisdiction share one registry load.
    With `cache`, the findings of a jurisdiction whose files are byte for byte those of
    an earlier run are that run's (see `dutylist.validate.cache`)."""
    result = ValidationResult()
    with as_records():  # validate keeps findings, not models
        for unit in plan(paths):
            if unit.root is None:
                _collect(result, load_catalog_file(unit.loose), whole=False)
            else:
                _unit(result, unit.root, unit.only, cache=cache)
    result.findings.sort(key=Finding.sort_key)
    return result


def _unit(result: ValidationResult, root: Path, only: list[Path] | None, *, cache: bool) -> None:
    """Validate a jurisdiction (whole, or its registry and `only`), from the cache when
    its files have not changed since a run that stored their findings. A shared laws.yaml
    is reported once per run, whichever jurisdiction reads it first."""
    from dutylist.validate import cache as store

    key = store.unit_key(root, only, display_path) if cache else None
    hit = store.lookup(key) if key is not None else None
    if hit is None:
        part = ValidationResult()
        juris = load_jurisdiction(root) if only is None else load_jurisdiction(root, only=only)
        _collect(part, juris, whole=only is None)
        hit = part.files, part.findings
        # a file edited while this run read it: its findings may belong to neither version
        if key is not None and store.unit_key(root, only, display_path) == key:
            store.store(key, part.files, part.findings)
    seen = set(result.shared)
    result.shared.update(display_path(p) for p, shared in laws_files(root) if shared)
    result.files.extend(f for f in hit[0] if f not in seen)
    result.findings.extend(f for f in hit[1] if f.file not in seen)


def _collect(result: ValidationResult, juris: Jurisdiction, *, whole: bool) -> None:
    seen = set(result.shared)
    result.shared.update(juris.display(p) for p, shared in laws_files(juris.root) if shared)
    result.files.extend(f for f in juris.files if f not in seen)
    found = [*juris.findings, *cross_checks(juris, whole=whole)]
    result.findings.extend(f for f in found if f.file not in seen)
    # not in cross_checks: diff and audit compare and review a list whether or not the
    # city's guide is at hand (a copied folder, a revision read from git)
    result.findings.extend(guide_checks(juris, whole=whole))
    for path in juris.assessments:
        result.files.append(juris.display(path))
        result.findings.extend(assessment_checks(juris, path))


def cross_checks(juris: Jurisdiction, *, whole: bool = True) -> Iterator[Finding]:
    """Checks between the files of a jurisdiction and within each file."""
    registry = juris.registry
    if registry is None:
        if not is_jurisdiction(juris.root):
            for loaded in juris.catalogs:
                message = _(
                    "no jurisdiction.yaml beside this catalog: departments and units cannot be checked"
                )
                yield loaded.doc.finding(check("missing-registry"), message, ())
    else:
        yield from registry_checks(registry)
    kinds_seen: dict[str, LoadedCatalog] = {}
    for loaded in juris.catalogs:
        key = loaded.kind if loaded.kind != "duties" else f"duties:{loaded.model.catalog.unit}"
        if loaded.kind == "guide":  # a city issues several guides, even of one kind
            key = f"guide:{loaded.doc.display}"
        if key in kinds_seen:
            first = kinds_seen[key].doc.display
            message = _(
                "a second {kind} catalog (the first is {first}): keep one file per kind",
                kind=loaded.kind,
                first=first,
            )
            yield loaded.doc.finding(check("duplicate-kind"), message, ("catalog", "kind"))
        kinds_seen.setdefault(key, loaded)
        yield from item_checks(loaded)
        if registry is not None:
            yield from reference_checks(loaded, registry)
    grids = [loaded for loaded in juris.catalogs if loaded.kind == "grid"]
    territorial = juris.catalog("territorial")
    # only a grid catalog needs its sibling; reloading the folder for every file was most of
    # the cost of `validate empowerment.yaml` (the pre-commit case)
    if grids and territorial is None and not whole and juris.registry is not None:
        territorial = _sibling_territorial(juris)
    for loaded in grids:
        yield from grid_checks(loaded, territorial)
    if juris.laws:
        from dutylist.laws.checks import laws_checks

        yield from laws_checks(juris)


def _sibling_territorial(juris: Jurisdiction) -> LoadedCatalog | None:
    full = load_jurisdiction(juris.root)
    return full.catalog("territorial")


def registry_checks(registry: LoadedRegistry) -> Iterator[Finding]:
    doc, model = registry.doc, registry.model
    code = model.jurisdiction.code
    problem = division_code_problem(code, (6,))
    if problem:
        yield doc.finding(check("bad-division-code"), problem, ("jurisdiction", "code"))
    units = {u.id: u for u in model.units}
    for section, entries in (("units", model.units), ("departments", model.departments)):
        ids, names = [e.id for e in entries], [e.name for e in entries]
        yield from _duplicates(doc, section, ids, names, partial(registry.position, section))
    for index, unit in enumerate(model.units):
        i = registry.position("units", index)
        if unit.code is not None:
            problem = division_code_problem(unit.code, (9, 12))
            if problem:
                yield doc.finding(check("bad-division-code"), problem, ("units", i, "code"))
            elif not problem and not unit.code.startswith(code):
                message = _(
                    "unit code {unit} does not start with the jurisdiction code {code}",
                    unit=unit.code,
                    code=code,
                )
                yield doc.finding(check("code-outside-jurisdiction"), message, ("units", i, "code"))
        if unit.parent is not None and unit.parent not in registry.left_out.get("units", ()):
            parent = units.get(unit.parent)
            if parent is None:
                message = _(
                    "unknown parent '{parent}': not a unit of this registry", parent=unit.parent
                )
                yield doc.finding(check("unknown-parent"), message, ("units", i, "parent"))
            elif parent.type not in ("town", "township", "street") or parent.id == unit.id:
                message = _(
                    "parent '{parent}' is a {type}: a parent is a town, township or street",
                    parent=unit.parent,
                    type=parent.type,
                )
                yield doc.finding(check("bad-parent"), message, ("units", i, "parent"))
    for index, dept in enumerate(model.departments):
        i = registry.position("departments", index)
        if dept.uscc is not None:
            problem = uscc_problem(dept.uscc)
            if problem:
                yield doc.finding(check("bad-uscc"), problem, ("departments", i, "uscc"))


def _duplicates(
    doc: Document,
    section: str,
    ids: list[str],
    names: list[str],
    position: Callable[[int], int] = int,
    *,
    keys: list[str] | None = None,
) -> Iterator[Finding]:
    """Ids and normalised names used twice (`keys`: normalize_names(names), when made
    already); `position` maps an index of `ids` to the entry's index in the file (the model
    leaves invalid items out), so that the entry numbers of the messages count the file's
    entries, from 1."""
    yield from text_checks(doc, section, ids, names, position)
    first_id: dict[str, int] = {}
    first_name: dict[str, int] = {}
    keys = normalize_names(names) if keys is None else keys
    for i, (ident, name) in enumerate(zip(ids, names, strict=True)):
        if ident in first_id:
            message = _(
                "id '{id}' is used twice (first at entry {entry}): ids must be unique",
                id=ident,
                entry=position(first_id[ident]) + 1,
            )
            yield doc.finding(check("duplicate-id"), message, (section, position(i), "id"))
        first_id.setdefault(ident, i)
        key = keys[i]
        if key in first_name:
            other = names[first_name[key]]
            message = _(
                "name '{name}' is the same as '{other}' (entry {entry}) once normalised",
                name=name,
                other=other,
                entry=position(first_name[key]) + 1,
            )
            yield doc.finding(check("duplicate-name"), message, (section, position(i), "name"))
        first_name.setdefault(key, i)


def item_checks(loaded: LoadedCatalog) -> Iterator[Finding]:
    model = loaded.model
    items = model.items
    yield from _duplicates(
        loaded.doc,
        "items",
        [i.id for i in items],
        [i.name for i in items],
        loaded.position,
        keys=loaded.name_keys(),
    )
    if model.posts:
        posts = model.posts
        ids, names = [p.id for p in posts], [p.name for p in posts]
        yield from _duplicates(loaded.doc, "posts", ids, names, loaded.post_position)


def reference_checks(loaded: LoadedCatalog, registry: LoadedRegistry) -> Iterator[Finding]:
    """Every department, unit and post an item names must exist."""
    doc = loaded.doc
    # an entry of the registry left out as invalid is reported there, not here again
    departments, units = registry.ids("departments"), registry.ids("units")
    unit = loaded.model.catalog.unit
    if unit is not None and unit not in units:
        yield doc.finding(check("unknown-unit"), _unknown("unit", unit, units), ("catalog", "unit"))
    posts = {p.id for p in loaded.model.posts} | loaded.posts_left_out
    # fields read through __dict__: getattr of a field another kind has goes through
    # pydantic's slow __getattr__ fallback and an AttributeError, per item
    for index, item in enumerate(loaded.model.items):
        i = loaded.position(index)
        refs: list[tuple[str, str, tuple[str | int, ...]]] = [
            ("department", item.department, ("items", i, "department"))
        ]
        scope = item.__dict__.get("scope")
        if isinstance(scope, list):
            refs.extend(("unit", u, ("items", i, "scope", j)) for j, u in enumerate(scope))
        lead = item.__dict__.get("lead")
        if lead is not None:
            refs.append(("department", lead, ("items", i, "lead")))
        for j, other in enumerate(item.__dict__.get("cooperating", ())):
            if other != "unit":
                refs.append(("department", other, ("items", i, "cooperating", j)))
        for what, ident, path in refs:
            known = departments if what == "department" else units
            if ident not in known:
                chk = check("unknown-department" if what == "department" else "unknown-unit")
                yield doc.finding(chk, _unknown(what, ident, known), path)
        post = item.__dict__.get("post")
        if post is not None and post not in posts:
            message = _unknown("post", post, posts) + _(" (add it under `posts:`)")
            yield doc.finding(check("unknown-post"), message, ("items", i, "post"))


def _unknown(what: str, ident: str, known: set[str]) -> str:
    import difflib

    close = difflib.get_close_matches(ident, sorted(known), n=1)
    if close:
        return _unknown_close[what](ident, close[0])
    return _unknown_far[what](ident)


# One whole sentence per kind of reference, so that a translation can order its words.
_unknown_close: dict[str, Callable[[str, str], str]] = {
    "department": lambda i, c: _(
        "unknown department '{id}': did you mean '{close}'?", id=i, close=c
    ),
    "unit": lambda i, c: _("unknown unit '{id}': did you mean '{close}'?", id=i, close=c),
    "post": lambda i, c: _("unknown post '{id}': did you mean '{close}'?", id=i, close=c),
}
_unknown_far: dict[str, Callable[[str], str]] = {
    "department": lambda i: _(
        "unknown department '{id}': not in jurisdiction.yaml's departments", id=i
    ),
    "unit": lambda i: _("unknown unit '{id}': not in jurisdiction.yaml's units", id=i),
    "post": lambda i: _("unknown post '{id}': not in this file's post directory", id=i),
}


def document_ids(loaded: LoadedCatalog) -> set[str]:
    """Ids of every item of the file, the invalid ones too: a reference to an item with a
    schema error is reported once, at that item, not again as unknown."""
    items = loaded.doc.data.get("items")
    if not isinstance(items, list):
        return {item.id for item in loaded.model.items}
    ids: set[str] = set()
    for index, entry in enumerate(items):
        ident = entry.get("id") if isinstance(entry, dict) else None
        if isinstance(ident, str):
            ids.add(ident)
        elif ident is not None:  # an unquoted 010 is the id `010`, not the 8 YAML made of it
            spelled = loaded.doc.item_id(("items", index))
            if spelled is not None:
                ids.add(spelled)
    return ids


def grid_checks(grid: LoadedCatalog, territorial: LoadedCatalog | None) -> Iterator[Finding]:
    sources = document_ids(territorial) if territorial else set()
    for index, item in enumerate(grid.model.items):
        i = grid.position(index)
        source = getattr(item, "source", None)
        if source is not None and source not in sources:
            if territorial:
                message = _(
                    "source '{source}' is not an item of the territorial catalog", source=source
                )
            else:
                message = _(
                    "source '{source}' is not an item of a territorial catalog (none found)",
                    source=source,
                )
            yield grid.doc.finding(check("unknown-grid-source"), message, ("items", i, "source"))


def assessment_checks(juris: Jurisdiction, path: Path) -> Iterator[Finding]:
    """Rows must name empowerment items and registry units (by id or name); one row per
    item, unit and period. A cell naming nothing known is reported once, not per row."""
    # assessment tables are read only when a whole folder is validated: keep a single
    # file's start-up free of them
    from dutylist.catalog.assessment import (
        duplicate_problems,
        item_problems,
        read_assessment,
        unit_lookup,
        unit_problems,
    )

    registry = juris.registry
    units = registry.model.units if registry else None
    lookup = unit_lookup((u.id, u.name) for u in units) if units is not None else None
    table = read_assessment(path, juris.display(path), lookup)
    yield from table.findings
    empowerment = juris.catalog("empowerment")
    if empowerment is None and path.suffix.lower() in TABLE_SUFFIXES and registry is not None:
        empowerment = load_jurisdiction(juris.root).catalog("empowerment")
    if empowerment:
        yield from item_problems(table, document_ids(empowerment))
    known = None if registry is None else registry.ids("units")
    yield from unit_problems(table, known)
    yield from duplicate_problems(table)


__all__ = ["YAML_SUFFIXES", "ValidationResult", "load_jurisdiction", "validate_paths"]


def blocking_findings(juris: Jurisdiction) -> list[Finding]:
    """The problems that stop diff, audit and history from using a jurisdiction."""
    # a lone catalog file (a blob read from git) has no registry to check against:
    # that stops validate, not a diff of its items
    from dutylist.laws.checks import BASIS_CHECKS

    # a basis citing a repealed law is a finding of the review, not broken data
    return juris.findings or [
        f
        for f in cross_checks(juris, whole=juris.whole)
        if f.level.value == "error" and f.name != "missing-registry" and f.name not in BASIS_CHECKS
    ]


def require_valid(juris: Jurisdiction) -> None:
    """Raise when validate would find errors: diff, audit and export work on the data
    and would otherwise count, review or publish a misspelt department as a real one."""
    errors = blocking_findings(juris)
    if errors:
        errors.sort(key=Finding.sort_key)
        first = errors[0]
        where = f"{first.file}:{first.line}:{first.column}: {first.code} {first.message}"
        if len(errors) > 1:
            raise InputError(
                _(
                    "{finding} (and {more} more); run `dutylist validate` for the list",
                    finding=where,
                    more=len(errors) - 1,
                )
            )
        raise InputError(_("{finding}; run `dutylist validate` for the list", finding=where))
