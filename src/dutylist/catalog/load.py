"""From bytes to models: read a document, check its header, validate it with
pydantic (or, for `validate`, with the validators frozen from the models), and turn
every pydantic error into a Finding at file:line:column."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic_core import ValidationError

from dutylist.catalog.paths import display_path as display_path  # noqa: PLC0414  (re-exported)
from dutylist.checks import check
from dutylist.errors import os_reason
from dutylist.findings import Check, Finding
from dutylist.i18n import N_, _, current_lang
from dutylist.io.regular import read_regular
from dutylist.io.yamlload import (
    LoadProblem,
    Locator,
    PlainScalar,
    decode,
    gc_paused,
    load_yaml,
)
from dutylist.model.constants import FORMAT_VERSION, KINDS

if TYPE_CHECKING:
    from dutylist.model.catalog import CatalogFile
    from dutylist.model.laws import LawsFile
    from dutylist.model.registry import JurisdictionFile

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML file as read: its text, data, and where to report problems."""

    path: Path
    display: str
    text: str
    data: dict[str, Any]
    problems: list[Finding] = field(default_factory=list)  # found reading it: duplicate keys
    # where each entry of a top-level list starts (`items` -> a line per entry), as read
    entry_lines: dict[str, list[int]] = field(default_factory=dict, repr=False)
    locator: Locator = field(init=False)

    def __post_init__(self) -> None:
        self.locator = Locator(self.text)

    def item_id(self, path: Path_) -> str | None:
        """The id of the entry `path` is in, as the file spells it: an unquoted `010` or
        `yes` is shown as written, not as the 8 or True YAML made of it."""
        if len(path) >= 2 and path[0] in ("items", "units", "departments", "posts", "laws"):
            entries = self.data.get(str(path[0]))
            index = path[1]
            if isinstance(entries, list) and isinstance(index, int) and index < len(entries):
                entry = entries[index]
                ident = entry.get("id") if isinstance(entry, dict) else None
                if isinstance(ident, str):
                    return ident
                if ident is not None and not isinstance(ident, (list, dict)):
                    return self.locator.source_text((path[0], index, "id")) or None
        return None

    def finding(self, chk: Check, message: str, path: Path_, *, key: bool = False) -> Finding:
        line, column = self.locator.locate(path, key=key)
        return Finding(chk, message, self.display, line, column, self.item_id(path), path)


@dataclass
class LoadedRegistry:
    """A registry's model. When some units or departments were invalid, the model holds
    the others: `positions` maps each kept entry of a section to its index in the
    document, and `left_out` holds the ids of the others (named in findings already, so a
    catalog naming one is not told it is unknown)."""

    doc: Document
    model: JurisdictionFile
    positions: dict[str, list[int]] = field(default_factory=dict)
    left_out: dict[str, frozenset[str]] = field(default_factory=dict)

    def ids(self, section: str) -> set[str]:
        """The ids of a section, the left-out ones too (reported as invalid already)."""
        entries = self.model.units if section == "units" else self.model.departments
        return {e.id for e in entries} | self.left_out.get(section, frozenset())

    def position(self, section: str, index: int) -> int:
        kept = self.positions.get(section)
        return index if kept is None else kept[index]


@dataclass
class LoadedLaws:
    """A laws.yaml as loaded; `shared` when it sits in the catalogs root (every
    jurisdiction below reads it) rather than in a jurisdiction folder."""

    doc: Document
    model: LawsFile
    shared: bool = False


@dataclass
class LoadedCatalog:
    """A catalog's model. When some items (or posts) were invalid, the model holds the
    others and `positions` maps each model item to its index in the document."""

    doc: Document
    model: CatalogFile[Any]
    positions: list[int] | None = None
    post_positions: list[int] | None = None  # the same for the posts of a duties list
    posts_left_out: frozenset[str] = frozenset()  # ids of invalid posts, reported already
    _name_keys: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    def position(self, index: int) -> int:
        return index if self.positions is None else self.positions[index]

    def post_position(self, index: int) -> int:
        return index if self.post_positions is None else self.post_positions[index]

    def name_keys(self) -> list[str]:
        """The normalised name of each item, in order: validate's duplicate check and the
        audit's similar-items compare the same keys, made once a run (a tenth of a second
        for 10k names)."""
        if self._name_keys is None:
            from dutylist.normalize import normalize_names

            self._name_keys = normalize_names([item.name for item in self.model.items])
        return self._name_keys

    @property
    def kind(self) -> str:
        return self.model.catalog.kind


_RECORDS: ContextVar[bool] = ContextVar("records", default=False)


@contextmanager
def as_records() -> Iterator[None]:
    """Within it, files are validated by the frozen validators (`dutylist.model.frozen`) into
    records that hold the fields and methods of the models but are not models: for
    `validate`, which reads the validated files for its checks and keeps only findings."""
    token = _RECORDS.set(True)
    try:
        yield
    finally:
        _RECORDS.reset(token)


def _validated(name: str, data: dict[str, Any]) -> Any:
    """`data` validated as the file model `name` (a kind, `jurisdiction` or `laws`)."""
    if _RECORDS.get():
        from dutylist.model.frozen import validator

        frozen = validator(name)
        if frozen is not None:
            with gc_paused():
                return frozen.validate_python(data)
    # validation allocates a model per item and no cycles: the collector only slows it
    with gc_paused():
        return _model(name).model_validate(data)


def _model(name: str) -> Any:
    if name == "jurisdiction":
        from dutylist.model.registry import JurisdictionFile

        return JurisdictionFile
    if name == "laws":
        from dutylist.model.laws import LawsFile

        return LawsFile
    from dutylist.model.catalog import file_model

    return file_model(name)


def read_document(
    path: Path, display: str | None = None, text: str | None = None
) -> Document | Finding:
    """Read and parse one YAML file; a Finding when it cannot be parsed."""
    shown = display or display_path(path)
    try:
        if text is None:
            text = decode(read_regular(path))
        duplicates: list[LoadProblem] = []
        lines: dict[str, list[int]] = {}
        data = load_yaml(text, duplicates, lines)
    except LoadProblem as problem:
        return Finding(check(problem.kind), problem.message, shown, problem.line, problem.column)
    except OSError as exc:
        return Finding(
            check("unreadable-file"),
            _("cannot read the file: {reason}", reason=os_reason(exc)),
            shown,
            1,
            1,
        )
    found = [Finding(check(p.kind), p.message, shown, p.line, p.column) for p in duplicates]
    return Document(path, shown, text, data, found, lines)


def document_kind(doc: Document) -> str | None:
    """`jurisdiction` for a registry, the catalog kind for a catalog, None when unknown."""
    if "catalog" in doc.data:
        header = doc.data["catalog"]
        kind = header.get("kind") if isinstance(header, dict) else None
        return kind if kind in KINDS else None
    if "jurisdiction" in doc.data:
        return "jurisdiction"
    if "laws" in doc.data:
        return "laws"
    return None


def _header_findings(doc: Document) -> list[Finding]:
    version = doc.data.get("dutylist")
    if version == FORMAT_VERSION and not isinstance(version, bool):
        return []
    chk = check("format-version")
    if version is None:
        message = _("add `dutylist: {version}` at the top of the file", version=FORMAT_VERSION)
        return [doc.finding(chk, message, ())]
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        from dutylist import __version__

        message = _(
            "this file needs a newer dutylist: it is format {version}, "
            "dutylist {release} reads format {format}",
            version=version,
            release=__version__,
            format=FORMAT_VERSION,
        )
    else:
        message = _(
            "`dutylist: {version}` is not a format version: write `dutylist: {format}`",
            version=repr(version),
            format=FORMAT_VERSION,
        )
    return [doc.finding(chk, message, ("dutylist",))]


def parse_registry(doc: Document) -> tuple[LoadedRegistry | None, list[Finding]]:
    findings = [*doc.problems, *_header_findings(doc)]
    data = {**doc.data, "dutylist": FORMAT_VERSION}
    try:
        model = _validated("jurisdiction", data)
    except ValidationError as exc:
        findings += errors_to_findings(doc, exc, "jurisdiction")
        partial, more = _partial_registry(doc, data, exc)
        return partial, findings + more
    return LoadedRegistry(doc, model), findings


def _partial_registry(
    doc: Document, data: dict[str, Any], exc: ValidationError
) -> tuple[LoadedRegistry | None, list[Finding]]:
    """The valid units and departments of a registry whose other entries are invalid, so
    that every catalog is still checked against it."""
    salvaged = _salvaged_model(doc, "jurisdiction", data, exc, ("units", "departments"))
    if salvaged is None:
        return None, []
    model, positions, left_out, more = salvaged
    return LoadedRegistry(doc, model, positions, left_out), more


def parse_laws(doc: Document, *, shared: bool = False) -> tuple[LoadedLaws | None, list[Finding]]:
    """A laws.yaml (spec section 12), checked like every other file."""
    findings = [*doc.problems, *_header_findings(doc)]
    data = {**doc.data, "dutylist": FORMAT_VERSION}
    try:
        model = _validated("laws", data)
    except ValidationError as exc:
        return None, findings + errors_to_findings(doc, exc, "laws")
    return LoadedLaws(doc, model, shared), findings


def parse_catalog(doc: Document) -> tuple[LoadedCatalog | None, list[Finding]]:
    findings = [*doc.problems, *_header_findings(doc)]
    header = doc.data.get("catalog")
    kind = header.get("kind") if isinstance(header, dict) else None
    if kind not in KINDS:
        if not isinstance(header, dict):
            message = _("`catalog:` must be a mapping with kind, title and version")
            findings.append(doc.finding(check("invalid-value"), message, ("catalog",)))
        elif kind is None:
            message = _("add `kind:` under `catalog:`, one of {kinds}", kinds=", ".join(KINDS))
            findings.append(doc.finding(check("missing-field"), message, ("catalog",)))
        else:
            message = _(
                "`{kind}` is not a catalog kind: use one of {kinds}",
                kind=kind,
                kinds=", ".join(KINDS),
            )
            findings.append(doc.finding(check("invalid-choice"), message, ("catalog", "kind")))
        return None, findings
    data = {**doc.data, "dutylist": FORMAT_VERSION}
    try:
        model = _validated(kind, data)
    except ValidationError as exc:
        findings.extend(errors_to_findings(doc, exc, kind))
        partial, more = _partial(doc, data, exc, kind)
        return partial, findings + more
    return LoadedCatalog(doc, model), findings


def _partial(
    doc: Document, data: dict[str, Any], exc: ValidationError, kind: str
) -> tuple[LoadedCatalog | None, list[Finding]]:
    """The valid items of a catalog whose other items are invalid, so that the
    cross-file checks still run on them (every problem reported, not just the first)."""
    sections = ("items", "posts") if isinstance(data.get("posts"), list) else ("items",)
    salvaged = _salvaged_model(doc, kind, data, exc, sections)
    if salvaged is None:
        return None, []
    model, positions, left_out, more = salvaged
    posts = positions.get("posts")
    loaded = LoadedCatalog(doc, model, positions.get("items"), posts)
    loaded.posts_left_out = left_out.get("posts", frozenset())
    return loaded, more


def _salvaged_model(
    doc: Document, name: str, data: dict[str, Any], exc: ValidationError, sections: tuple[str, ...]
) -> tuple[Any, dict[str, list[int]], dict[str, frozenset[str]], list[Finding]] | None:
    """The model of what `_salvaged` keeps, its positions and left-out ids, and the findings
    of a second look: an entry valid but for an unknown key meets its model's own rules
    (missing basis, a certificate's alternative) only once its fields are, so what they
    find is reported too and the entry left out. None when nothing can be kept."""
    salvaged = _salvaged(data, exc, sections)
    if salvaged is None:
        return None
    kept, positions, left_out = salvaged
    try:
        return _validated(name, kept), positions, left_out, []
    except ValidationError as again:
        errors: list[Any] = list(again.errors(include_url=False))
    if any(
        len(e["loc"]) < 2 or e["loc"][0] not in positions or not isinstance(e["loc"][1], int)
        for e in errors
    ):
        return None
    # the errors' places in the document, not in what was kept
    placed = [
        {**e, "loc": (e["loc"][0], positions[str(e["loc"][0])][e["loc"][1]], *e["loc"][2:])}
        for e in errors
    ]
    more = _findings_of(doc, placed, name)
    dropped = {(e["loc"][0], e["loc"][1]) for e in placed}
    for section, kept_at in positions.items():
        stay = [k for k, at in enumerate(kept_at) if (section, at) not in dropped]
        kept[section] = [kept[section][k] for k in stay]
        positions[section] = [kept_at[k] for k in stay]
        gone = {_entry_id(data[section][at]) for at in kept_at if (section, at) in dropped}
        left_out[section] = left_out.get(section, frozenset()) | (gone - {""})
    try:
        return _validated(name, kept), positions, left_out, more
    except ValidationError:
        return None


def _salvaged(
    data: dict[str, Any], exc: ValidationError, sections: tuple[str, ...]
) -> tuple[dict[str, Any], dict[str, list[int]], dict[str, frozenset[str]]] | None:
    """`data` without what failed in the entries of `sections`: an unknown key taken out
    of its entry (reported already; the rest of the entry is checked as written), an entry
    with any other error left out. Also the document index of each entry kept, and the ids
    of those left out. None when an error lies outside the entries."""
    dropped: dict[str, set[int]] = {section: set() for section in sections}
    unknown: list[tuple[str | int, ...]] = []
    for error in exc.errors():
        loc = error["loc"]
        if len(loc) < 2 or loc[0] not in sections or not isinstance(loc[1], int):
            return None
        if error["type"] == "extra_forbidden" and len(loc) > 2:
            unknown.append(loc)
        else:
            dropped[str(loc[0])].add(loc[1])
    kept: dict[str, Any] = dict(data)
    positions: dict[str, list[int]] = {}
    left_out: dict[str, frozenset[str]] = {}
    for section in sections:
        entries = data.get(section)
        if not isinstance(entries, list):
            if dropped[section]:
                return None
            continue
        copies: dict[int, Any] = {}
        for loc in unknown:
            index = int(loc[1])
            if loc[0] != section or index in dropped[section]:
                continue
            stripped = _without(copies.get(index, entries[index]), loc[2:])
            if stripped is None:
                dropped[section].add(index)
            else:
                copies[index] = stripped
        positions[section] = [i for i in range(len(entries)) if i not in dropped[section]]
        kept[section] = [copies.get(i, entries[i]) for i in positions[section]]
        left_out[section] = frozenset(_entry_id(entries[i]) for i in dropped[section]) - {""}
    return kept, positions, left_out


def _without(node: Any, path: tuple[str | int, ...]) -> Any:
    """A copy of `node` without the key at `path` (copied along the path only); None when
    the path does not lead through mappings and lists to a key."""
    head = path[0]
    if isinstance(node, dict) and head in node:
        if len(path) == 1:
            return {k: v for k, v in node.items() if k != head}
        inner = _without(node[head], path[1:])
        return None if inner is None else {**node, head: inner}
    if isinstance(node, list) and isinstance(head, int) and 0 <= head < len(node) and path[1:]:
        inner = _without(node[head], path[1:])
        return None if inner is None else [*node[:head], inner, *node[head + 1 :]]
    return None


def _entry_id(entry: Any) -> str:
    ident = entry.get("id") if isinstance(entry, dict) else None
    return ident if isinstance(ident, str) else ""


_CUSTOM = {
    "basis_required": "missing-basis",
    "lead_not_single": "lead-not-single",
    "alternative_required": "missing-alternative",
    "unit_required": "duties-unit",
    "unit_not_allowed": "duties-unit",
    "posts_not_allowed": "unknown-field",
    "repealed_on_required": "missing-field",
    "for_required": "guide-for",
    "for_not_allowed": "guide-for",
}


_FILE_RULE_PATHS: dict[str, Path_] = {
    "unit_required": ("catalog",),
    "unit_not_allowed": ("catalog", "unit"),
    "posts_not_allowed": ("posts",),
    "for_required": ("catalog",),
    "for_not_allowed": ("catalog", "for"),
}


def errors_to_findings(doc: Document, exc: ValidationError, kind: str) -> list[Finding]:
    """One finding per distinct place; union branches of one field become one message."""
    return _findings_of(doc, exc.errors(include_url=False), kind)


def _findings_of(doc: Document, errors: Any, kind: str) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[Path_] = set()
    for error in errors:
        # union branch labels ("literal['all']", "list[...]") are pydantic's, not the file's
        path = tuple(p for p in error["loc"] if isinstance(p, int) or "[" not in p)
        if error["type"] == "extra_forbidden" and path[-1:] != error["loc"][-1:]:
            path = (*path, error["loc"][-1])  # the unknown key itself, even `a[`
        if path in seen:
            continue
        seen.add(path)
        findings.append(_error_finding(doc, error, path, kind))
    return findings


def _error_finding(doc: Document, error: Any, path: Path_, kind: str) -> Finding:
    kind_of_error: str = error["type"]
    field_name = str(path[-1]) if path and isinstance(path[-1], str) else ""
    where = _where(path)
    if kind_of_error in _CUSTOM:
        # the file-level rules have no loc of their own: point at what they are about
        where_path = path or _FILE_RULE_PATHS.get(kind_of_error, ())
        key = not path and kind_of_error in _FILE_RULE_PATHS
        return doc.finding(check(_CUSTOM[kind_of_error]), error["msg"], where_path, key=key)
    if kind_of_error == "missing":
        return doc.finding(
            check("missing-field"),
            _(
                "{where}: add the required field `{field}`",
                where=_where(path[:-1]),
                field=field_name,
            ),
            path,
        )
    if kind_of_error == "extra_forbidden":
        return doc.finding(check("unknown-field"), _unknown_field(path, kind), path, key=True)
    if kind_of_error in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        value = error.get("input")
        if field_name == "scope":
            message = _("scope is `all` or a list of unit ids, not {value}", value=repr(value))
        else:
            choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
            close = difflib.get_close_matches(str(value), choices, n=1)
            if close:
                message = _(
                    "{value} is not a valid `{field}`: did you mean '{close}'? use one of {expected}",
                    value=repr(value),
                    field=field_name,
                    close=close[0],
                    expected=expected,
                )
            else:
                message = _(
                    "{value} is not a valid `{field}`: use one of {expected}",
                    value=repr(value),
                    field=field_name,
                    expected=expected,
                )
        return doc.finding(check("invalid-choice"), message, path)
    if kind_of_error == "invalid_key" and path:
        message = _(
            "`{where}`: the key {key} is no field name: a key is text, like `name`",
            where=_where(path[:-1]),
            key=_shown_value(path[-1]),
        )
        return doc.finding(check("invalid-value"), message, path)
    misread = _misread(error.get("input"))
    if kind_of_error == "string_type" and misread:
        written = _as_written(doc, path, error.get("input"))
        message = _(
            '`{where}` is text: write it in quotes ("{written}"); unquoted, YAML reads it as {what}',
            where=where,
            written=written,
            what=misread,
        )
        return doc.finding(check("invalid-value"), message, path)
    if kind_of_error in ("date_type", "datetime_type") and isinstance(
        error.get("input"), PlainScalar
    ):
        message = _(
            "`{where}`: {value} is not a day of the calendar: write a date like 2024-08-19",
            where=where,
            value=error.get("input"),
        )
        return doc.finding(check("invalid-value"), message, path)
    if kind_of_error in ("string_type", "int_type") and (
        field_name in ("id", "source") or "replaces" in path
    ):
        message = _(
            'an id is text: write it in quotes ("{value}"), '
            "YAML reads an unquoted 010 as the number 8",
            value=_as_written(doc, path, error.get("input")),
        )
        return doc.finding(check("invalid-value"), message, path)
    if kind_of_error == "string_pattern_mismatch":
        message = _(
            "{value} is not a valid id: use lowercase letters, digits and dashes",
            value=repr(error.get("input")),
        )
        return doc.finding(check("invalid-value"), message, path)
    if kind_of_error == "literal_error" or field_name == "dutylist":
        return doc.finding(check("format-version"), error["msg"], path)
    plain = _PLAIN.get(kind_of_error)
    if plain:
        message = _(
            "`{where}` {problem}, not {value}",
            where=where,
            problem=_(plain),
            value=_shown_value(error.get("input")),
        )
    elif current_lang() == "en":
        message = f"`{where}`: {error['msg']}"
    else:  # pydantic's own wording is English only
        message = _("`{where}`: not a valid value", where=where)
    return doc.finding(check("invalid-value"), message, path)


def _shown_value(value: Any) -> str:
    """A value as a reader wrote it: a YAML timestamp as its text, never Python's
    `datetime.datetime(2024, 1, 1, 10, 0)`; text and numbers as Python shows them."""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


def _misread(value: Any) -> str | None:
    """What YAML made of an unquoted value that was meant as text, or None."""
    if isinstance(value, PlainScalar):
        if re.match(r"\d{4}-", value.text):
            return _("a date, and there is no such day")
        return _("a number (YAML 1.2, as editors and most tools read it)")
    if isinstance(value, bool):
        return _("true or false")
    if value is None:
        return _("null (no value)")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, (dt.date, dt.datetime)):
        return _("a date")
    return None


def _as_written(doc: Document, path: Path_, value: Any) -> str:
    """The scalar as the file spells it (010, not the 8 YAML made of it)."""
    line, column = doc.locator.locate(path)
    lines = doc.text.splitlines()
    if 0 < line <= len(lines):
        # past an anchor or a tag (`&n 010`, `!!int 010`): the value is what follows
        match = re.match(r"(?:[&!][^\s,\]}#]*\s+)*([^\s,\]}#]+)", lines[line - 1][column - 1 :])
        if match:
            return match.group(1)
    return str(value)


# pydantic's wording, said the way the rest of dutylist speaks
_PLAIN = {
    "string_type": N_("must be text"),
    "int_type": N_("must be a whole number"),
    "int_parsing": N_("must be a whole number"),
    "bool_type": N_("must be true or false"),
    "bool_parsing": N_("must be true or false"),
    "date_type": N_("must be a date like 2024-08-19"),
    "date_parsing": N_("must be a date like 2024-08-19"),
    "date_from_datetime_parsing": N_("must be a date like 2024-08-19"),
    "date_from_datetime_inexact": N_("must be a date like 2024-08-19"),
    "list_type": N_("must be a list"),
    "dict_type": N_("must be a mapping of keys"),
    "model_type": N_("must be a mapping of keys"),
    "model_attributes_type": N_("must be a mapping of keys"),
    "too_short": N_("must not be empty"),
    "string_too_short": N_("must not be empty"),
}


def _where(path: Path_) -> str:
    """A key path as a reader counts: `items[3].support.guidance`, entries from 1."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or _("document")


def _unknown_field(path: Path_, kind: str) -> str:
    name = str(path[-1])
    in_item = len(path) == 3 and path[0] == "items"
    if in_item:
        from dutylist.model.catalog import ITEM_MODELS, KIND_FIELDS

        for other, fields in KIND_FIELDS.items():
            if name in fields and other != kind:
                return _(
                    "`{name}` is a field of {other} catalogs, not of {kind}: remove it",
                    name=name,
                    other=other,
                    kind=kind,
                )
        allowed = list(ITEM_MODELS[kind].model_fields) if kind in ITEM_MODELS else []
    else:
        allowed = []
    close = difflib.get_close_matches(name, allowed, n=1)
    if close:
        return _("unknown field `{name}`: did you mean `{close}`?", name=name, close=close[0])
    return _("unknown field `{name}`: remove it or check its spelling", name=name)
