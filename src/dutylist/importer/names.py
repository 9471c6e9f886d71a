"""Department and unit names of a spreadsheet to the ids of a jurisdiction.yaml, or,
without one, new ids made from the names.

New ids: pinyin would need a dictionary this tool does not ship, so an ASCII name
becomes its slug (`Transport Bureau` -> `transport-bureau`) and any other name a
numbered id in order of first appearance (`dept-1`, `unit-1`...). They are valid
and stable for one import; analysts rename them in jurisdiction.yaml as they like.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from dutylist.divisions import Division, unit_type
from dutylist.model.registry import JurisdictionFile
from dutylist.normalize import normalize_name

_SLUG = re.compile(r"[^a-z0-9]+")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass
class Entry:
    id: str
    name: str
    type: str | None = None
    code: str | None = None


@dataclass
class Names:
    """One namespace of ids (departments or units)."""

    prefix: str
    entries: list[Entry] = field(default_factory=list)
    create: bool = False
    created: list[Entry] = field(default_factory=list)

    def resolve(self, text: str) -> str | None:
        """The id a name or id stands for, or None."""
        wanted = normalize_name(text)
        for entry in self.entries:
            if entry.id == text.strip() or normalize_name(entry.name) == wanted:
                return entry.id
        # 交通运输局 for 景洪市交通运输局: accepted when exactly one registered name ends so
        suffixed = [e.id for e in self.entries if normalize_name(e.name).endswith(wanted)]
        if len(suffixed) == 1 and len(wanted) >= 2:
            return suffixed[0]
        return None

    def add(self, name: str, type_: str | None = None, code: str | None = None) -> str:
        slug = _SLUG.sub("-", name.lower()).strip("-") if name.isascii() else ""
        taken = {e.id for e in self.entries}
        number = len(self.created) + 1
        if not slug or not _ID.match(slug) or slug in taken:
            while f"{self.prefix}-{number}" in taken:
                number += 1
            slug = f"{self.prefix}-{number}"
        entry = Entry(slug, name.strip(), type_, code)
        self.entries.append(entry)
        self.created.append(entry)
        return slug


@dataclass
class Registry:
    """Where names become ids: an existing jurisdiction.yaml, or one being made."""

    departments: Names
    units: Names
    known_townships: list[Division] = field(default_factory=list)

    @classmethod
    def existing(cls, model: JurisdictionFile) -> Registry:
        return cls(
            Names("dept", [Entry(d.id, d.name) for d in model.departments]),
            Names("unit", [Entry(u.id, u.name, u.type, u.code) for u in model.units]),
        )

    @classmethod
    def new(cls, known_townships: list[Division]) -> Registry:
        return cls(Names("dept", create=True), Names("unit", create=True), known_townships)

    def department(self, text: str) -> str | None:
        found = self.departments.resolve(text)
        if found is None and self.departments.create:
            found = self.departments.add(text)
        return found

    def unit(self, text: str) -> str | None:
        found = self.units.resolve(text)
        if found is None and self.units.create:
            code = next(
                (
                    d.code
                    for d in self.known_townships
                    if normalize_name(d.name) == normalize_name(text)
                ),
                None,
            )
            kind = unit_type(text, code)
            if kind is None:
                return None  # not the name of a town, township, street, village or community
            found = self.units.add(text, kind, code)
        return found
