"""The pages of `dutylist site`, rendered from its records: bytes by relative path.

Each page kind is one template of `templates/site/`; the records decide what is shown
(and what `--public` leaves out), the templates only how.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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


def render_site(model: SiteModel) -> dict[str, bytes]:
    env = environment()
    common = {
        "site_title": model.title,
        "version": __version__,
        "public": model.public,
        "generated": dt.date.today().isoformat(),
        "history_available": model.history_available,
    }

    def page(name: str, **values: Any) -> bytes:
        text: str = env.get_template(f"site/{name}.html").render(**common, **values)
        return text.encode("utf-8")

    files = {"index.html": page("index", root="", jurisdictions=model.jurisdictions)}
    for j in model.jurisdictions:
        unit_pages = {u.id: (u.key, u.name) for u in j.units}
        for listed in j.lists:
            files[f"lists/{listed.key}.html"] = page(
                "list", root="../", j=j, l=listed,
                columns=_LIST_COLUMNS.get(listed.kind, ("department", "category")),
                unit_slug=slug(listed.unit) if listed.unit else "",
                **_options(listed.items, j),
            )  # fmt: skip
            for item in listed.items:
                files[f"items/{item.key}.html"] = page(
                    "item", root="../", j=j, l=listed, i=item, dept_slug=slug(item.department),
                    unit_links=[unit_pages[u] for u in item.units if u in unit_pages],
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
