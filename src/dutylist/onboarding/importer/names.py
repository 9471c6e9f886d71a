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
from difflib import SequenceMatcher

from dutylist.model.divisions import Division, unit_type
from dutylist.model.registry import JurisdictionFile
from dutylist.normalize import normalize_name

_SLUG = re.compile(r"[^a-z0-9]+")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
# 景洪市交通运愉局 for 景洪市交通运输局 scores 0.875; a near miss is far likelier a typo
# than a new department, so it is not added (the analyst registers it by hand if real)
NEAR = 0.8
# longest first: 街道办事处 before 街道
_UNIT_SUFFIXES = ("街道办事处", "民族乡", "街道", "社区", "村委会", "居委会", "镇", "乡", "村")


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
    owner: str = ""  # the jurisdiction's name (景洪市), a prefix of many department names
    _near: dict[str, str | None] = field(default_factory=dict, repr=False)
    # a county sheet names the same few units and departments in every row
    _resolved: dict[str, str | None] = field(default_factory=dict, repr=False)

    def resolve(self, text: str) -> str | None:
        """The id a name or id stands for, or None."""
        if text in self._resolved:
            return self._resolved[text]
        found = self._resolve(text)
        self._resolved[text] = found
        return found

    def _resolve(self, text: str) -> str | None:
        wanted = normalize_name(text)
        for entry in self.entries:
            if entry.id == text.strip() or normalize_name(entry.name) == wanted:
                return entry.id
        # 交通运输局 for 景洪市交通运输局: accepted when exactly one registered name ends so
        suffixed = [e.id for e in self.entries if normalize_name(e.name).endswith(wanted)]
        if len(suffixed) == 1 and len(wanted) >= 2:
            return suffixed[0]
        return None

    def near(self, text: str) -> str | None:
        """The name, registered or added earlier in this import, that `text` looks like a
        typo of: one character apart or difflib's ratio >= NEAR. The jurisdiction's name
        and a final 局 are left out first, as they say nothing: 民政局 and 财政局 differ.
        A unit's name is compared without its 乡/镇/街道: 永和乡 beside 永和镇 is the same
        place written twice, not a second township."""
        if text in self._near:
            return self._near[text]
        wanted = self._core(text)
        best, score = None, 0.0
        for entry in self.entries:
            name = self._core(entry.name)
            if self.prefix == "unit" and wanted and name == wanted and entry.name != text:
                best, score = entry.name, 1.0
                break
            ratio = SequenceMatcher(None, wanted, name).ratio()
            if min(len(wanted), len(name)) >= 4 and _one_apart(wanted, name):
                ratio = max(ratio, NEAR)
            if ratio >= NEAR and ratio > score:
                best, score = entry.name, ratio
        self._near[text] = best
        return best

    def _core(self, name: str) -> str:
        core = normalize_name(name)
        if self.owner:
            core = core.removeprefix(normalize_name(self.owner))
        if self.prefix == "unit":
            for suffix in _UNIT_SUFFIXES:
                if core.endswith(suffix) and len(core) > len(suffix):
                    return core.removesuffix(suffix)
            return core
        return core.removesuffix("局")

    def put(self, ident: str, name: str) -> None:
        """An entry whose id is given (a post directory's), counted as created."""
        entry = Entry(ident, name.strip())
        self.entries.append(entry)
        self.created.append(entry)
        self._near.clear()
        self._resolved.clear()

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
        self._near.clear()  # the new name is one more that a later one may be near
        self._resolved.clear()
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
            Names(
                "dept",
                [Entry(d.id, d.name) for d in model.departments],
                owner=model.jurisdiction.name,
            ),
            Names(
                "unit",
                [Entry(u.id, u.name, u.type, u.code) for u in model.units],
                owner=model.jurisdiction.name,
            ),
        )

    @classmethod
    def new(cls, known_townships: list[Division]) -> Registry:
        return cls(Names("dept", create=True), Names("unit", create=True), known_townships)

    def department(self, text: str) -> str | None:
        found = self.departments.resolve(text)
        if found is None and self.departments.create and self.departments.near(text) is None:
            found = self.departments.add(text)
        return found

    def unit(self, text: str) -> str | None:
        found = self.units.resolve(text)
        if found is None and self.units.create and self.units.near(text) is None:
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


def _one_apart(a: str, b: str) -> bool:
    """One character replaced, added or left out."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
