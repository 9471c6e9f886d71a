"""What `validate` checks of the legal bases (spec section 12): the laws registry itself,
and every item that cites a repealed law, a law not yet in force or an article beyond the
law's last. The review hints (revised since, unknown title, no citation) are audit rules."""

from __future__ import annotations

from collections.abc import Iterator

from dutylist.catalog.load import LoadedCatalog, LoadedLaws
from dutylist.catalog.workspace import Jurisdiction
from dutylist.checks import check
from dutylist.findings import Finding
from dutylist.i18n import _
from dutylist.laws.citations import parse_bases, title_key
from dutylist.laws.registry import LawRegistry, merge
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


def basis_checks(loaded: LoadedCatalog, registry: LawRegistry) -> Iterator[Finding]:
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
                    yield doc.finding(check("basis-repealed"), _repealed(law, registry), path)
                elif law.status == "not-yet":
                    message = _(
                        "《{title}》 is not yet in force: this basis cannot be applied yet",
                        title=law.title,
                    )
                    yield doc.finding(check("basis-not-yet-in-force"), message, path)
                if law.articles is None:
                    continue
                for article in citation.articles:
                    if article.number is not None and article.number > law.articles:
                        message = _(
                            "《{title}》 has {count} articles: {article} does not exist",
                            title=law.title,
                            count=law.articles,
                            article=article.text,
                        )
                        yield doc.finding(check("basis-article-out-of-range"), message, path)


def _repealed(law: Law, registry: LawRegistry) -> str:
    replacement = registry.get(law.replaced_by) if law.replaced_by else None
    when = law.repealed_on.isoformat() if law.repealed_on else "?"
    if replacement is not None:
        return _(
            "《{title}》 was repealed on {date} and replaced by 《{replacement}》: "
            "cite the law in force",
            title=law.title,
            date=when,
            replacement=replacement.title,
        )
    return _(
        "《{title}》 was repealed on {date}: cite the law that now grants this power",
        title=law.title,
        date=when,
    )
