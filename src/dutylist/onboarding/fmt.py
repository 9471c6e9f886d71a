"""`dutylist fmt`: every catalog and jurisdiction.yaml in one canonical layout
(io/yamlwrite.py), so that diffs in review show changes of content, not of style.

A file that cannot be read or parsed is reported and left alone, and the other files
are still formatted; `fmt` then exits 2 (it could not do its job on that file, as when
it would lose a comment), `fmt --check` 1 (the check found a problem). YAML files that
are not dutylist documents (no `dutylist:`, `catalog:` or `jurisdiction:` key) are
skipped, and said so when named; a file that is not YAML is named as skipped, and
naming no YAML file at all is an error. A file reached twice (a symlink beside its
target, a path given twice) is formatted once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from dutylist.catalog.load import display_path
from dutylist.catalog.paths import is_entry
from dutylist.errors import InputError, not_found, os_reason
from dutylist.i18n import _
from dutylist.io.files import write_atomic
from dutylist.io.regular import read_regular
from dutylist.io.yamlload import LoadProblem, decode, load_yaml
from dutylist.io.yamlwrite import CommentLost, FormatProblem, format_text
from dutylist.onboarding.fmtcheck import canonical_dutylist

_MARKERS = ("dutylist", "catalog", "jurisdiction")
_SUFFIXES = (".yaml", ".yml")


@dataclass
class FmtResult:
    """What `fmt` did (or, with --check, would do) to each file."""

    changed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file:line:column, why)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (file:line, why): left as is
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, why): named, not ours

    @property
    def ok(self) -> bool:
        return not self.failed and not self.refused


def collect(paths: Iterable[Path], skipped: list[Path] | None = None) -> list[Path]:
    """The YAML files named, and those below the folders named (hidden folders skipped),
    each file once however many paths lead to it; the files named that are not YAML
    go to `skipped`."""
    found: list[Path] = []
    for path in paths:
        if path.is_file():
            if path.suffix.lower() in _SUFFIXES:
                found.append(path)
            elif skipped is not None:
                skipped.append(path)
        elif path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.suffix.lower() in _SUFFIXES
                and is_entry(p)  # a FIFO or a link to nothing too: reported, never waited on
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            raise not_found(path, display_path(path))
    once: dict[str, Path] = {}
    for path in found:  # fmt writes through a link: the link and its target are one file
        once.setdefault(os.path.realpath(path), path)
    return list(once.values())


def format_paths(paths: Iterable[Path], *, check: bool = False) -> FmtResult:
    """Format files in place (atomically), or with `check` only say which would change."""
    paths = list(paths)
    result = FmtResult()
    tables: list[Path] = []
    files = collect(paths, tables)
    named = {os.path.realpath(p) for p in paths if p.is_file()}
    for path in tables:
        result.skipped.append((display_path(path), _("not a YAML file")))
    if tables and not files:
        raise InputError(
            _(
                "{paths}: not a YAML file; fmt formats catalogs and jurisdiction.yaml "
                "(.yaml, .yml)",
                paths=", ".join(display_path(p) for p in tables),
            )
        )
    for path in files:
        shown = display_path(path)
        try:
            text = decode(read_regular(path))
        except LoadProblem as problem:
            result.failed.append((f"{shown}:{problem.line}:{problem.column}", problem.message))
            continue
        except OSError as exc:
            result.failed.append(
                (f"{shown}:1:1", _("cannot read the file: {reason}", reason=os_reason(exc)))
            )
            continue
        if check and canonical_dutylist(text):  # from the event stream: no round trip
            result.unchanged.append(shown)
            continue
        if not _is_dutylist(text):
            if os.path.realpath(path) in named:
                result.skipped.append((shown, _("not a dutylist file")))
            continue
        try:
            formatted = format_text(text)
        except CommentLost as problem:
            result.refused.append((f"{shown}:{problem.line}", problem.message))
            continue
        except FormatProblem as problem:
            result.failed.append((f"{shown}:{problem.line}:{problem.column}", problem.message))
            continue
        if formatted == text:
            result.unchanged.append(shown)
            continue
        result.changed.append(shown)
        if not check:
            write_atomic(path, formatted)
    folders = [display_path(p) for p in paths if p.is_dir()]
    if folders and not (result.changed or result.unchanged or result.failed or result.refused):
        # like validate and audit: formatting nothing is a mistaken path, not success
        raise InputError(_("no catalog files under {paths}", paths=", ".join(folders)))
    return result


def _is_dutylist(text: str) -> bool:
    """A dutylist document; a broken YAML file counts as one (so that it is reported)."""
    try:
        data = load_yaml(text)
    except LoadProblem:
        return True
    return any(key in data for key in _MARKERS)
