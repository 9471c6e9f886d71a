"""The pages of `dutylist site`, rendered from its records: bytes by relative path.

Each page kind is one template of `templates/site/`; the records decide what is shown
(and what `--public` leaves out), the templates only how.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterable
from json.encoder import encode_basestring  # what dumps uses without ensure_ascii
from typing import Any

from markupsafe import Markup, escape

from dutylist import __version__
from dutylist.i18n import CATEGORY
from dutylist.report.html import STATIC, environment, visible
from dutylist.site.build import MARKER, SiteModel
from dutylist.site.records import WAY_KINDS, ItemRecord, JurisdictionRecord, ListRecord, slug

# the columns of a label each, in the order of the `cells` macro: (column, cell, field)
_LABEL_CELLS = (
    ("list", '<td class="nowrap">', "list_label"),
    ("category", '<td class="nowrap">', "category_label"),
    ("department", "<td>", "department_name"),
    ("scope", "<td>", "scope_label"),
    ("way", '<td class="nowrap">', "way_label"),
)
_LIST_COLUMNS = {
    "empowerment": ("department", "category", "scope"),
    **dict.fromkeys(WAY_KINDS, ("department", "category", "way")),
}


def _options(
    items: Iterable[ItemRecord], record: JurisdictionRecord, *, by_unit: bool = True
) -> dict[str, Any]:
    """The choices of a table's filter: only values that occur in it, in registry order.
    A unit's own page has no choice of unit."""
    items = list(items)
    depts = {i.department for i in items}
    units = set[str]().union(*(i.units for i in items)) if by_unit else set()
    cats = {i.category for i in items}
    return {
        "departments": [(d.id, d.short) for d in record.departments if d.id in depts],
        "units": [(u.id, u.name) for u in record.units if u.id in units],
        "categories": [(c, label) for c, label in CATEGORY.items() if c in cats],
    }


def _json(value: Any) -> str:
    """JSON to put inside a <script> block: no "<" is left as is, so nothing in it can
    end the block early or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, safe)
    return text


class _Index:
    """The jurisdiction's departments, categories and units by position, as the filter's
    data refers to them."""

    def __init__(self, juris: JurisdictionRecord) -> None:
        self.departments = [d.id for d in juris.departments]
        self.categories = list(CATEGORY)
        self.units = [u.id for u in juris.units]
        self._dept = {d: n for n, d in enumerate(self.departments)}
        self._cat = {c: n for n, c in enumerate(self.categories)}
        self._unit = {u: n for n, u in enumerate(self.units)}
        self._unit_text = {u: str(n) for u, n in self._unit.items()}
        lists = {"d": self.departments, "c": self.categories, "u": self.units}
        self.head = _json(lists)[1:-1]

    def row(self, item: ItemRecord, basis_shown: bool, by_unit: bool) -> list[Any]:
        row: list[Any] = [
            self._dept.get(item.department, -1),
            self._cat.get(item.category, -1),
            "" if basis_shown else " ".join(item.basis),
        ]
        if by_unit:
            row.append([self._unit[u] for u in item.units if u in self._unit])
        return row

    def entry(self, item: ItemRecord, basis_shown: bool, by_unit: bool) -> str:
        """`_json(self.row(...))`, written out: only the basis needs a JSON encoder."""
        basis = '""' if basis_shown or not item.basis else encode_basestring(" ".join(item.basis))
        for raw, safe in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
            basis = basis.replace(raw, safe)
        text = f"[{self._dept.get(item.department, -1)},{self._cat.get(item.category, -1)},{basis}"
        if by_unit:
            units = self._unit_text
            text += ",[" + ",".join([units[u] for u in item.units if u in units]) + "]"
        return text + "]"


def _esc(value: str) -> str:
    """What `{{ value }}` prints for a string in a site template (the environment's
    finalize, then autoescape): `visible`, then markupsafe's escape, without making a
    Markup of each value."""
    if not value.isprintable():  # tab, line feed or a control: `visible` tells which
        value = visible(value)
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


class _Escaped(dict[str, str]):
    """Text -> as `_esc` shows it, each made on first use: a lookup, no call per value."""

    def __missing__(self, value: str) -> str:
        shown = self[value] = _esc(value)
        return shown


class _Holes:
    """Pieces of a page made as bytes outside the template (the long tables): the template
    prints a numbered hole for each, and `fill` encodes the rest of the page and joins the
    pieces in, so a row shared by many pages is escaped and encoded once."""

    def __init__(self) -> None:
        self._pieces: list[bytes] = []

    def put(self, piece: bytes) -> Markup:
        self._pieces.append(piece)
        return Markup(f"{_HOLE}{len(self._pieces) - 1}{_HOLE}")

    def fill(self, text: str) -> bytes:
        pieces, self._pieces = self._pieces, []
        if not pieces:
            return text.encode("utf-8")
        parts = text.split(_HOLE)
        assert len(parts) == 2 * len(pieces) + 1, "a hole in the page for each piece"
        out: list[bytes] = []
        for n, part in enumerate(parts):
            out.append(pieces[int(part)] if n % 2 else part.encode("utf-8"))
        return b"".join(out)


class _Rows:
    """Each item's table cells made once per column set: a unit's page, its list's page
    and its department's page show the same row, and at 10k items x 30 units that is
    hundreds of thousands of rows. The cells are escaped here (`_esc`, as the templates
    would print them), encoded once, and joined as bytes; only the row numbers are put
    between them."""

    def __init__(self) -> None:
        self._cells: dict[tuple[str, ...], dict[str, bytes]] = {}  # columns -> item -> row
        self._numbers: list[bytes] = []
        self._heads: dict[str, str] = {}
        self._facts: dict[tuple[str, str], str] = {}  # (label, value) -> an item page's row
        self._links: dict[str, dict[str, str]] = {}
        self.texts = _Escaped()
        self.text = self.texts.__getitem__  # a value as a template prints it, made once
        self._encoded: dict[str, bytes] = {}
        self._problem_parts: dict[int, tuple[dict[str, str], bytes, bytes]] = {}
        self._index: dict[str, _Index] = {}
        self._filter_rows: dict[tuple[bool, bool], dict[str, bytes]] = {}

    def table(self, items: list[ItemRecord], columns: tuple[str, ...]) -> bytes:
        """The body rows of an item table."""
        columns = tuple(columns)
        cache = self._cells.setdefault(columns, {})
        numbers = self._numbers
        for n in range(len(numbers) + 1, len(items) + 1):
            numbers.append(f"<tr><td>{n}".encode())
        parts: list[bytes] = [b""] * (2 * len(items))
        parts[::2] = numbers[: len(items)]
        parts[1::2] = [cache.get(i.key) or self._row(cache, i, columns) for i in items]
        return b"".join(parts)

    def _row(self, cache: dict[str, bytes], item: ItemRecord, columns: tuple[str, ...]) -> bytes:
        row = cache[item.key] = f"</td>{self.cells(item, columns)}</tr>\n".encode()
        return row

    def cells(self, item: ItemRecord, columns: tuple[str, ...]) -> str:
        """One item's cells, as the `cells` macro of site/_row.html would print them."""
        text = self.text  # the labels and names that many items share
        out = self._heads.get(item.key)
        if out is None:  # the same in every column set
            out = self._heads[item.key] = (
                f'<td class="id">{_esc(item.id)}</td>'
                f'<td><a href="../items/{_esc(item.key)}.html">{_esc(item.name)}</a></td>'
            )
        for column, opening, field in _LABEL_CELLS:
            if column in columns:
                out += f"{opening}{text(getattr(item, field))}</td>"
        if "basis" in columns:
            out += f'<td class="basis">{_esc("；".join(item.basis))}</td>'
        return out

    def filter_data(
        self,
        juris: JurisdictionRecord,
        items: list[ItemRecord],
        columns: tuple[str, ...],
        by_unit: bool,
    ) -> bytes:
        """What the filter compares, once per table as compact JSON: per row the indexes of
        its department and category in the jurisdiction's lists of them, the words of its
        basis when no column shows them, and the indexes of its units when the table
        filters by unit. Data attributes on each row repeated the ids thousands of times
        per page; each item's entry is made once for all the tables that list it."""
        index = self._index.get(juris.key)
        if index is None:
            index = self._index[juris.key] = _Index(juris)
        basis_shown = "basis" in columns
        cache = self._filter_rows.setdefault((basis_shown, by_unit), {})
        rows = b",".join(
            [
                cache.get(i.key)
                or cache.setdefault(i.key, index.entry(i, basis_shown, by_unit).encode())
                for i in items
            ]
        )
        head = f'<script type="application/json" data-filter-rows>{{{index.head},"r":['
        return b"".join((head.encode(), rows, b"]}</script>"))

    def problems(self, problems: list[tuple[dict[str, str], str]]) -> bytes:
        """The rows of a unit's problem list: each is a finding's row, the same on the page
        of every unit it concerns and made once, around the unit's own evidence."""
        cache, encoded = self._problem_parts, self._encoded
        out: list[bytes] = []
        for p, own in problems:
            held = cache.get(id(p))
            if held is None or held[0] is not p:
                held = cache[id(p)] = (p, *self._problem_row(p))
            evidence = encoded.get(own)
            if evidence is None:
                evidence = encoded[own] = _esc(own).encode()
            out += (held[1], evidence, held[2])
        return b"".join(out)

    def _problem_row(self, p: dict[str, str]) -> tuple[bytes, bytes]:
        """A finding's row around the unit's evidence, as the `problem` and `problem_ref`
        macros of site/_row.html would print it."""
        text = self.text
        item = text(p["item"])
        if p["href"]:
            href = f"../{text(p['href'])}"
            item = f'<a href="{href}">{item}</a>'
            message = f'<a href="{href}#{text(p["anchor"])}">见事项页</a>'
        else:
            message = text(p["message"])
        return (
            f"<tr><td>{text(p['severity'])}</td><td>{text(p['rule'])}</td>"
            f'<td class="id">{item}</td><td>'.encode(),
            f"</td><td>{message}</td><td>{text(p['suggestion'])}</td></tr>\n".encode(),
        )

    def facts(self, facts: list[tuple[str, str]], linked: str, href: str) -> str:
        """The rows of an item page's table of facts, the one labelled `linked` a link to
        `href`: ten thousand pages of ten rows each, joined here from escaped text."""
        text, rows = self.text, self._facts
        parts = []
        for fact in facts:
            row = rows.get(fact)
            if row is None:
                label, value = fact
                if label == linked:  # the link differs between jurisdictions
                    value = f'<a href="{text(href)}">{text(value)}</a>'
                    parts.append(f'<tr><th scope="row">{text(label)}</th><td>{value}</td></tr>')
                    continue
                row = rows[fact] = (
                    f'<tr><th scope="row">{text(label)}</th><td>{text(value)}</td></tr>'
                )
            parts.append(row)
        return "".join(parts)

    def units(self, juris: JurisdictionRecord, units: list[str]) -> str:
        """The links to the units an item is devolved to, as the `units` macro of
        site/_row.html would print them: each unit's link is made once."""
        links = self._links.get(juris.key)
        if links is None:
            links = self._links[juris.key] = {
                u.id: f'<li><a href="../units/{_esc(u.key)}.html">{_esc(u.name)}</a></li>'
                for u in juris.units
            }
        return '<ul class="tiles">' + "".join([links[u] for u in units if u in links]) + "</ul>"


_HOLE = "\x00"  # never in a rendered value: `visible` shows a NUL in text as \x00


def _value(value: Any) -> str:
    """What `{{ value }}` prints in a site template: Markup as it is, text through
    `visible`, then escaped (the environment's finalize and autoescape)."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return _esc(value)
    return str(escape(value))


class _ItemPages:
    """The ten thousand item pages, joined in Python from escaped text: base.html's chrome
    is rendered once (with holes for the title, crumbs, main and scripts) and each page
    only fills the holes. Jinja's per-page context, blocks and finalize calls were most of
    the cost of the site's pages."""

    def __init__(self, env: Any, rows: _Rows, common: dict[str, Any]) -> None:
        hole = Markup(_HOLE)
        shell = env.get_template("site/_shell.html").render(
            **common, root="../", title=hole, crumbs=hole, main=hole, scripts=hole
        )
        self._parts = shell.split(_HOLE)
        assert len(self._parts) == 5, "the shell has one hole per block"
        self._rows = rows
        self._history_note = (
            "" if common["history_available"] else "清单不在 git 仓库中，无逐次变更记录。"
        )
        self._site_title = _value(common["site_title"])
        self._lists: dict[int, tuple[ListRecord, str, str]] = {}  # crumbs, note

    def page(self, j: JurisdictionRecord, listed: ListRecord, item: ItemRecord, dept: str) -> str:
        text = self._rows.text
        name = text(item.name)
        held = self._lists.get(id(listed))
        if held is None or held[0] is not listed:  # what every item page of the list shares
            held = self._lists[id(listed)] = (
                listed,
                '<nav class="crumbs" aria-label="当前位置"><ol>\n'
                f'<li><a href="../index.html">{self._site_title}</a></li>\n'
                f"<li><span>{text(j.name)}</span></li>\n"
                f'<li><a href="../lists/{text(listed.key)}.html">{text(listed.title)}</a></li>\n'
                '<li><span aria-current="page">',
                self._seen_in(listed),
            )
        crumbs = f"{held[1]}{_esc(item.id)}</span></li>\n</ol></nav>"
        href = f"../departments/{j.key}-{dept}.html"
        out = [
            f'<h1>{name}</h1>\n<table class="facts"><caption>事项信息</caption>\n<tbody>\n',
            self._rows.facts(item.facts, "实施部门", href),
        ]
        if item.basis:
            basis = "".join([f"<li>{text(b)}</li>" for b in item.basis])
            out.append(
                f'<tr><th scope="row">实施依据</th><td><ul class="basis">{basis}</ul></td></tr>'
            )
        out.append("</tbody>\n</table>\n")
        if item.units:
            out.append(f"<h2>承接乡镇（街道）</h2>\n{self._rows.units(j, item.units)}\n")
        if item.findings:
            out.append(self._findings(j, item))
        out.append("<h2>变更记录</h2>\n")
        out.append(self._history(item) if item.history else held[2])
        p = self._parts
        return f"{p[0]}{name}{p[1]}{crumbs}{p[2]}{''.join(out)}{p[3]}{p[4]}"

    def _findings(self, j: JurisdictionRecord, item: ItemRecord) -> str:
        text = self._rows.text
        rows = "".join(
            [
                f'<tr id="{text(f["anchor"])}"><td>{text(f["severity"])}</td>'
                f"<td>{text(f['rule'])}</td><td>{text(f['message'])}</td>"
                f"<td>{text(f['suggestion'])}</td></tr>"
                for f in item.findings
            ]
        )
        return (
            '<h2 id="findings">评估发现</h2>\n'
            f'<table class="problems"><caption>本事项的评估发现（评估期 {_value(j.period)}），'
            "各单位的情况见其问题清单</caption>\n"
            '<thead><tr><th scope="col">级别</th><th scope="col">规则</th>'
            '<th scope="col">问题</th><th scope="col">建议</th></tr></thead>\n'
            f"<tbody>{rows}</tbody>\n</table>\n"
        )

    @staticmethod
    def _history(item: ItemRecord) -> str:
        rows = "".join(
            [
                f"<tr><td>{_value(e['date'])}</td><td>{_value(e['version'])}</td>"
                f'<td>{_value(e["classes"])}</td><td class="id">{_value(e["id"])}</td>'
                f'<td>{_value(e["detail"])}</td><td class="id">{_value(e["commit"])}</td></tr>'
                for e in item.history
            ]
        )
        return (
            '<table class="history"><caption>事项变更记录（按提交时间）</caption>\n'
            '<thead><tr><th scope="col">日期</th><th scope="col">版本</th>'
            '<th scope="col">变更</th><th scope="col">事项编码</th><th scope="col">内容</th>'
            '<th scope="col">提交</th></tr></thead>\n'
            f"<tbody>{rows}</tbody>\n</table>\n"
        )

    def _seen_in(self, listed: ListRecord) -> str:
        effective = f"（{_value(listed.effective)} 起施行）" if listed.effective else ""
        return (
            f"<p>本事项见于 {_value(listed.title)} {_value(listed.version)} 版{effective}。"
            f"{self._history_note}</p>\n"
        )


def render_site(model: SiteModel) -> dict[str, bytes]:
    env = environment()
    templates: dict[str, Any] = {}
    rows = _Rows()
    holes = _Holes()
    common = {
        "site_title": model.title,
        "version": __version__,
        "public": model.public,
        "generated": dt.date.today().isoformat(),
        "history_available": model.history_available,
        "rows": lambda items, columns: holes.put(rows.table(items, columns)),
        "filter_data": lambda *args: holes.put(rows.filter_data(*args)),
        "problem_rows": lambda problems: holes.put(rows.problems(problems)),
    }

    def page(name: str, **values: Any) -> bytes:
        if name not in templates:
            templates[name] = env.get_template(f"site/{name}.html")
        return holes.fill(templates[name].render(**common, **values))

    slugs = functools.cache(slug)
    items = _ItemPages(env, rows, common)
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
                html = items.page(j, listed, item, slugs(item.department))
                files[f"items/{item.key}.html"] = html.encode("utf-8")
        for unit in j.units:
            files[f"units/{unit.key}.html"] = page(
                "unit", root="../", j=j, u=unit,
                problems_shown=not model.public and j.period is not None,
                **_options(unit.powers, j, by_unit=False),
            )  # fmt: skip
        for dept in j.departments:
            files[f"departments/{dept.key}.html"] = page(
                "department", root="../", j=j, d=dept, **_options(dept.items, j)
            )
    for name in ("site.css", "filter.js"):
        files[f"assets/{name}"] = (STATIC / name).read_bytes()
    files[MARKER] = f"dutylist {__version__} site\n".encode()
    return files
