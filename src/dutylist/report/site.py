"""The pages of `dutylist site`, rendered from its records: bytes by relative path.

Each page kind is one template of `templates/site/`; the records decide what is shown
(and what `--public` leaves out), the templates only how.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dutylist import __version__
from dutylist.i18n import CATEGORY
from dutylist.report.html import STATIC, environment
from dutylist.site.build import MARKER, SiteModel
from dutylist.site.records import ItemRecord, JurisdictionRecord, slug

_LIST_COLUMNS = {"empowerment": ("department", "category", "scope")}


def _options(items: Iterable[ItemRecord], record: JurisdictionRecord) -> dict[str, Any]:
    """The choices of a table's filter: only values that occur in it, in registry order."""
    items = list(items)
    depts = {i.department for i in items}
    units = {u for i in items for u in i.units}
    cats = {i.category for i in items}
    return {
        "departments": [(d.id, d.short) for d in record.departments if d.id in depts],
        "units": [(u.id, u.name) for u in record.units if u.id in units],
        "categories": [(c, label) for c, label in CATEGORY.items() if c in cats],
    }


@dataclass
class _Cells:
    open: Any
    rest: Any


class _Rows:
    """Each item's table row rendered once per column set: a unit's page, its list's page
    and its department's page show the same row, and at 10k items x 30 units that is
    hundreds of thousands of rows."""

    def __init__(self, env: Any) -> None:
        self._macros = env.get_template("site/_row.html").module
        self._cache: dict[tuple[str, tuple[str, ...]], _Cells] = {}
        self._links: dict[tuple[str, ...], Any] = {}

    def __call__(self, item: ItemRecord, columns: tuple[str, ...]) -> _Cells:
        key = (item.key, columns)
        cells = self._cache.get(key)
        if cells is None:
            from markupsafe import Markup

            cells = _Cells(
                Markup(self._macros.open(item)), Markup(self._macros.rest(item, columns))
            )
            self._cache[key] = cells
        return cells

    def table(self, items: list[ItemRecord], columns: tuple[str, ...]) -> Any:
        """The body rows of an item table: each row's cells rendered once by the row
        template (escaped there); only the row number, an integer, is put between them.
        A unit's page of a large district holds thousands of rows."""
        from markupsafe import Markup

        parts = []
        for number, item in enumerate(items, start=1):
            cells = self(item, tuple(columns))
            parts.append(f'{cells.open}<td class="num">{number}</td>{cells.rest}</tr>\n')
        return Markup("".join(parts))

    def units(self, juris: JurisdictionRecord, units: list[str]) -> Any:
        """The links to the units an item is devolved to: most items share a scope."""
        key = (juris.key, *units)
        links = self._links.get(key)
        if links is None:
            from markupsafe import Markup

            pages = {u.id: (u.key, u.name) for u in juris.units}
            links = Markup(self._macros.units([pages[u] for u in units if u in pages]))
            self._links[key] = links
        return links


def render_site(model: SiteModel) -> dict[str, bytes]:
    env = environment()
    templates: dict[str, Any] = {}
    rows = _Rows(env)
    common = {
        "site_title": model.title,
        "version": __version__,
        "public": model.public,
        "generated": dt.date.today().isoformat(),
        "history_available": model.history_available,
        "rows": rows.table,
        "unit_links": rows.units,
    }

    def page(name: str, **values: Any) -> bytes:
        if name not in templates:
            templates[name] = env.get_template(f"site/{name}.html")
        text: str = templates[name].render(**common, **values)
        return text.encode("utf-8")

    files = {"index.html": page("index", root="", jurisdictions=model.jurisdictions)}
    for j in model.jurisdictions:
        for listed in j.lists:
            files[f"lists/{listed.key}.html"] = page(
                "list", root="../", j=j, l=listed,
                columns=_LIST_COLUMNS.get(listed.kind, ("department", "category")),
                unit_slug=slug(listed.unit) if listed.unit else "",
                **_options(listed.items, j),
            )  # fmt: skip
            for item in listed.items:
                files[f"items/{item.key}.html"] = page(
                    "item", root="../", j=j, l=listed, i=item, dept_slug=slug(item.department)
                )  # fmt: skip
        for unit in j.units:
            files[f"units/{unit.key}.html"] = page(
                "unit", root="../", j=j, u=unit,
                problems_shown=not model.public and j.period is not None,
                **_options(unit.powers, j),
            )  # fmt: skip
        for dept in j.departments:
            files[f"departments/{dept.key}.html"] = page(
                "department", root="../", j=j, d=dept, **_options(dept.items, j)
            )
    for name in ("site.css", "filter.js"):
        files[f"assets/{name}"] = (STATIC / name).read_bytes()
    files[MARKER] = f"dutylist {__version__} site\n".encode()
    return files
