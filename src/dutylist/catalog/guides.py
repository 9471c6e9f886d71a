"""The guides (指导目录) a jurisdiction follows: the `guides:` paths of its
jurisdiction.yaml, read once per run however many counties follow the same city guide."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dutylist.catalog.load import LoadedCatalog, display_path
from dutylist.catalog.workspace import Jurisdiction, load_catalog_file
from dutylist.checks import check
from dutylist.findings import Finding
from dutylist.i18n import N_, _


@dataclass
class Guide:
    """One guide as loaded, with its issuing jurisdiction's name and code."""

    path: Path
    display: str
    loaded: LoadedCatalog
    issuer: str
    issuer_code: str | None
    items: dict[str, Any] = field(default_factory=dict)  # id -> GuideItem, in file order

    @property
    def for_kind(self) -> str:
        return str(self.loaded.model.catalog.for_)

    @property
    def title(self) -> str:
        title: str = self.loaded.model.catalog.title
        return title


@dataclass
class GuideSet:
    """The guides of one jurisdiction, and the problems of its `guides:` entries."""

    guides: list[Guide] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def for_list(self, loaded: LoadedCatalog) -> list[Guide]:
        """The guides a catalog answers to (a guide never answers to itself)."""
        kind = guided_kind(loaded)
        own = loaded.doc.path.resolve()
        return [g for g in self.guides if g.for_kind == kind and g.path != own]


# a problem is kept untranslated (msgid, kind): one run may change the language
Problem = tuple[str, str]
_CACHE: dict[tuple[Path, int, int], Guide | Problem] = {}
_MISSING = N_("no such guide: {path}")
_UNREADABLE = N_("{path} cannot be read as a catalog: run `dutylist validate` on it")
_NOT_GUIDE = N_("{path} is a catalog of kind {kind}, not a guide (`kind: guide`)")


def guided_kind(loaded: LoadedCatalog) -> str:
    """The kind of guide a catalog answers to: its own kind, or for a guide (a city guide
    following a province guide) the kind it guides."""
    if loaded.kind == "guide":
        return str(loaded.model.catalog.for_)
    return loaded.kind


def load_guides(juris: Jurisdiction) -> GuideSet:
    """Read the guides named in `guides:`; a path that is no guide is a finding at its line."""
    out = GuideSet()
    registry = juris.registry
    if registry is None:
        return out
    for index, entry in enumerate(registry.model.guides):
        path = (juris.root / entry).resolve()
        got = _load(path)
        if isinstance(got, tuple):
            message = _(got[0], path=entry, kind=got[1])
            out.findings.append(
                registry.doc.finding(check("unknown-guide"), message, ("guides", index))
            )
        elif all(g.path != got.path for g in out.guides):
            out.guides.append(got)
    return out


def _load(path: Path) -> Guide | Problem:
    try:
        stat = path.stat()
    except OSError:
        return (_MISSING, "")
    if not path.is_file():
        return (_MISSING, "")
    key = (path, stat.st_mtime_ns, stat.st_size)
    if key not in _CACHE:
        _CACHE[key] = _read(path)
    return _CACHE[key]


def _read(path: Path) -> Guide | Problem:
    holder = load_catalog_file(path, display_path)
    loaded = next(iter(holder.catalogs), None)
    if loaded is None:
        return (_UNREADABLE, "")
    if loaded.kind != "guide":
        return (_NOT_GUIDE, loaded.kind)
    info = holder.registry.model.jurisdiction if holder.registry else None
    guide = Guide(
        path,
        loaded.doc.display,
        loaded,
        info.name if info else holder.root.name,
        info.code if info else None,
    )
    for item in loaded.model.items:
        guide.items.setdefault(item.id, item)
    return guide
