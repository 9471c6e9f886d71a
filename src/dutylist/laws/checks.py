"""What `validate` checks of the legal bases (spec section 12): the laws registry itself,
and every item that cites a repealed law, a law not yet in force or an article beyond the
law's last. The review hints (revised since, unknown title, no citation) are audit rules."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from dutylist.catalog.load import Document, LoadedCatalog, LoadedLaws
from dutylist.catalog.workspace import Jurisdiction
from dutylist.checks import check
from dutylist.findings import Finding
from dutylist.i18n import N_, _
from dutylist.laws.citations import parse_bases, title_key
from dutylist.laws.registry import LawRegistry, merge

if TYPE_CHECKING:
    from dutylist.model.laws import Law


def registry_of(juris: Jurisdiction) -> LawRegistry:
    return merge(juris.laws)


def laws_checks(juris: Jurisdiction) -> Iterator[Finding]:
    """Findings of the laws files and of the catalogs' citations against them."""
    for source in juris.laws:
        yield from file_checks(source)
    registry = registry_of(juris)
    yield from replacement_checks(registry)
    if registry:
        for loaded in juris.catalogs:
            yield from basis_checks(loaded, registry)


def file_checks(source: LoadedLaws) -> Iterator[Finding]:
    """Ids unique in a file; a title or alias names one law only."""
    doc = source.doc
    ids: dict[str, int] = {}
    keys: dict[str, int] = {}
    for i, law in enumerate(source.model.laws):
        if law.id in ids:
            message = _(
                "id {id!r} is used twice (first at entry {first}): ids must be unique",
                id=law.id,
                first=ids[law.id] + 1,
            )
            yield doc.finding(check("duplicate-id"), message, ("laws", i, "id"))
        ids.setdefault(law.id, i)
        titles = [("title", law.title)] + [("aliases", a) for a in law.aliases]
        for j, (where, title) in enumerate(titles):
            key = title_key(title)
            first = keys.get(key)
            if first is not None and first != i:
                message = _(
                    "《{title}》 is already the title or an alias of entry {first}: "
                    "a title names one law",
                    title=title,
                    first=first + 1,
                )
                path = ("laws", i, "title") if where == "title" else ("laws", i, "aliases", j - 1)
                yield doc.finding(check("law-title-clash"), message, path)
            keys.setdefault(key, i)


def replacement_checks(registry: LawRegistry) -> Iterator[Finding]:
    for law_id, entry in registry.entries.items():
        target = entry.law.replaced_by
        if target is None or (target in registry.entries and target != law_id):
            continue
        message = _(
            "replaced_by {target!r} is not a law of the registry: give the id of the law "
            "that replaces it",
            target=target,
        )
        path = ("laws", entry.index, "replaced_by")
        yield entry.source.doc.finding(check("unknown-replacement"), message, path)


# the checks on what items cite: findings of validate that audit reports too (spec 12), and
# that do not stop diff, audit or export (a repealed basis is no broken data)
BASIS_CHECKS = ("basis-repealed", "basis-not-yet-in-force", "basis-article-out-of-range")
NOT_YET = N_("《{title}》 is not yet in force: this basis cannot be applied yet")
OUT_OF_RANGE = N_("《{title}》 has {count} articles: {article} does not exist")
REPEALED_BY = N_(
    "《{title}》 was repealed on {date} and replaced by 《{replacement}》: cite the law in force"
)
REPEALED = N_("《{title}》 was repealed on {date}: cite the law that now grants this power")


def basis_checks(loaded: LoadedCatalog, registry: LawRegistry) -> Iterator[Finding]:
    """Findings whose `extra` holds the message id and its fields (audit shows both languages)."""
    doc = loaded.doc
    parsed = parse_bases(item.basis for item in loaded.model.items)
    for index, entries in enumerate(parsed):
        i = loaded.position(index)
        for j, citations in enumerate(entries):
            for citation in citations:
                law = registry.match(citation.key)
                if law is None:
                    continue
                path = ("items", i, "basis", j)
                if law.status == "repealed":
                    yield _finding(doc, "basis-repealed", path, law, _repealed(law, registry))
                elif law.status == "not-yet":
                    message: tuple[str, dict[str, object]] = (NOT_YET, {"title": law.title})
                    yield _finding(doc, "basis-not-yet-in-force", path, law, message)
                if law.articles is None:
                    continue
                for article in citation.articles:
                    if article.number is not None and article.number > law.articles:
                        fields: dict[str, object] = {
                            "title": law.title,
                            "count": law.articles,
                            "article": article.text,
                        }
                        name = "basis-article-out-of-range"
                        yield _finding(doc, name, path, law, (OUT_OF_RANGE, fields))


def _finding(
    doc: Document,
    name: str,
    path: tuple[str | int, ...],
    law: Law,
    message: tuple[str, dict[str, object]],
) -> Finding:
    msgid, fields = message
    found = doc.finding(check(name), _(msgid, **fields), path)
    found.extra = {"msgid": msgid, "fields": fields, "law": law.id}
    return found


def _repealed(law: Law, registry: LawRegistry) -> tuple[str, dict[str, object]]:
    replacement = registry.get(law.replaced_by) if law.replaced_by else None
    when = law.repealed_on.isoformat() if law.repealed_on else "?"
    if replacement is not None:
        return REPEALED_BY, {"title": law.title, "date": when, "replacement": replacement.title}
    return REPEALED, {"title": law.title, "date": when}
