"""The laws a jurisdiction reads: the catalogs root's laws.yaml, then its own (adding to,
and overriding by id, the root one), indexed by the keys of their titles and aliases."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dutylist.catalog.load import LoadedLaws
from dutylist.laws.citations import title_key

if TYPE_CHECKING:
    from dutylist.model.laws import Law


@dataclass
class LawEntry:
    """A law of the merged registry and where it is defined (for findings at its line)."""

    law: Law
    source: LoadedLaws
    index: int


@dataclass
class LawRegistry:
    entries: dict[str, LawEntry] = field(default_factory=dict)  # by id
    by_key: dict[str, str] = field(default_factory=dict)  # title key -> law id

    def __bool__(self) -> bool:
        return bool(self.entries)

    def get(self, law_id: str) -> Law | None:
        entry = self.entries.get(law_id)
        return entry.law if entry is not None else None

    def match(self, key: str) -> Law | None:
        """The law a citation's title key names, or None."""
        law_id = self.by_key.get(key)
        return self.entries[law_id].law if law_id is not None else None

    def lookup(self, text: str) -> Law | None:
        """A law by id, or by a title or alias as a reader types it (with or without 《》)."""
        if text in self.entries:
            return self.entries[text].law
        return self.match(title_key(text.strip().strip("《》")))

    def suggest(self, title: str) -> str | None:
        """The registry title closest to an unknown one (did you mean), or None."""
        from rapidfuzz import fuzz, process

        choices = self.by_key
        if not choices:
            return None
        # keys are short (公路法): one wrong character of three is still a likely typo
        best = process.extractOne(
            title_key(title), list(choices), scorer=fuzz.ratio, score_cutoff=66
        )
        if best is None:
            return None
        return self.entries[choices[best[0]]].law.title

    def laws(self) -> list[Law]:
        return [e.law for e in self.entries.values()]


def merge(sources: Iterable[LoadedLaws]) -> LawRegistry:
    """Later sources override earlier ones by id (a jurisdiction's over the root's)."""
    registry = LawRegistry()
    for source in sources:
        for index, law in enumerate(source.model.laws):
            registry.entries[law.id] = LawEntry(law, source, index)
    for law_id, entry in registry.entries.items():
        for title in (entry.law.title, *entry.law.aliases):
            registry.by_key.setdefault(title_key(title), law_id)
    return registry
