"""The site's item tables: the filter's data block beside each table."""

from __future__ import annotations

import json

from dutylist.i18n import CATEGORY
from dutylist.report.html import environment
from dutylist.report.site import _Rows
from dutylist.site.records import DepartmentRecord, ItemRecord, JurisdictionRecord, UnitRecord

HOSTILE_BASIS = "《条例》</script><script>alert(1)</script><!--&"


def _item(ident: str, department: str, units: list[str], basis: list[str]) -> ItemRecord:
    return ItemRecord(
        key=f"k-{ident.lower()}", list_key="k", list_label="赋权事项", id=ident, name="事项",
        kind="empowerment", category="penalty", category_label="行政处罚",
        department=department, department_name=department, basis=basis, units=units,
        scope_label="", facts=[], text="", version="1", effective="",
    )  # fmt: skip


def _block(markup: str) -> dict[str, object]:
    head = '<script type="application/json" data-filter-rows>'
    assert markup.startswith(head) and markup.endswith("</script>")
    inner = markup[len(head) : -len("</script>")]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    data: dict[str, object] = json.loads(inner)
    return data


def _juris() -> JurisdictionRecord:
    record = JurisdictionRecord("532801", "532801", "景洪市", "县（市、区）")
    record.departments = [DepartmentRecord("d1", "forestry", "林草局", "林草局")]
    record.departments.append(DepartmentRecord("d2", "transport", "交通运输局", "交通运输局"))
    record.units = [
        UnitRecord("u1", "menghan", "勐罕镇", "镇", ""),
        UnitRecord("u2", "gasa", "", "", ""),
    ]
    return record


def test_filter_data_indexes_the_choices_and_cannot_end_its_script_block() -> None:
    rows = _Rows()
    items = [
        _item("A-1", "transport", ["gasa", "menghan"], [HOSTILE_BASIS]),
        _item("A-2", "unknown", [], ["《法》第一条", "《法》第二条"]),
    ]
    data = _block(rows.filter_data(_juris(), items, ("department",), True).decode())
    assert data == {
        "d": ["forestry", "transport"],
        "c": list(CATEGORY),
        "u": ["menghan", "gasa"],
        "r": [
            [1, list(CATEGORY).index("penalty"), HOSTILE_BASIS, [1, 0]],
            [-1, list(CATEGORY).index("penalty"), "《法》第一条 《法》第二条", []],
        ],
    }


def test_filter_data_leaves_out_what_the_table_shows_or_does_not_filter() -> None:
    rows = _Rows()
    items = [_item("A-1", "transport", ["gasa"], ["《法》第一条"])]
    data = _block(rows.filter_data(_juris(), items, ("basis",), False).decode())
    assert data["r"] == [[1, list(CATEGORY).index("penalty"), ""]]


def test_table_rows_are_escaped_and_numbered() -> None:
    rows = _Rows()
    item = _item("A-<1>", "transport", [], [])
    body = rows.table([item, item], ("department",)).decode()
    assert body.count("<tr><td>") == 2 and "<td>2</td>" in body
    assert "A-&lt;1&gt;" in body and "A-<1>" not in body


def test_item_pages_escape_every_value_and_keep_the_chrome() -> None:
    from dutylist.report.site import _ItemPages
    from dutylist.site.records import ListRecord

    rows = _Rows()
    common = {"site_title": "<b>站</b>", "version": "1", "public": False}
    common |= {"generated": "2024-01-01", "history_available": True}
    pages = _ItemPages(environment(), rows, common)
    listed = ListRecord("k", "景洪市", "empowerment", "赋权", "<i>清单</i>", "1", "", None, "", "f")
    item = _item("A-<1>", "transport", [], [HOSTILE_BASIS])
    item.name = "名\x1b称<script>"
    item.findings = [dict.fromkeys(("anchor", "severity", "rule", "message", "suggestion"), "<x>")]
    item.history = [dict.fromkeys(("date", "version", "classes", "id", "detail", "commit"), "<y>")]
    html = pages.page(_juris(), listed, item, "transport")
    assert html.startswith("<!DOCTYPE html>") and html.endswith("</html>")
    assert "<script>" not in html and "<b>" not in html and "<i>" not in html
    assert "<x>" not in html and "<y>" not in html and "\x1b" not in html and "\x00" not in html
    assert "名\\x1b称&lt;script&gt;" in html and "&lt;b&gt;站&lt;/b&gt;" in html


HOSTILE = ["<script>alert('x')</script>", 'a"b&c', "名\x1b称\x00\u202e反\x7f", "\t\n ok", ""]


def _render(source: str, **values: object) -> str:
    """`source` rendered as a site template is: autoescape and `visible` on."""
    env = environment()
    macros = env.get_template("site/_row.html").module
    return str(env.from_string(source).render(m=macros, **values))


def test_cells_made_in_python_are_what_the_row_template_prints() -> None:
    """The table rows of unit, list and department pages are joined from cells made in
    Python: escaped and shown exactly as the `cells` macro shows them."""
    columns_sets = [
        (),
        ("list", "category", "scope"),
        ("department", "category", "basis"),
        ("department", "category", "way"),
    ]
    for text in HOSTILE:
        item = _item(f"A-{text}", "transport", [], [text, HOSTILE_BASIS, text])
        item.name = item.list_label = item.category_label = text
        item.department_name = item.scope_label = f"{text}<b>"
        item.key = f"k-{text}"
        for columns in columns_sets:
            made = _Rows().cells(item, columns)
            assert made == _render("{{ m.cells(item, columns) }}", item=item, columns=columns)
            assert "<script>" not in made and "\x1b" not in made and "\x00" not in made


def test_unit_links_and_problem_rows_are_escaped() -> None:
    rows = _Rows()
    juris = _juris()
    for text in HOSTILE:
        juris.units[1].name = text
        juris.units[1].key = f"u2{text}"
        rows = _Rows()
        links = [(u.key, u.name) for u in juris.units]
        assert rows.units(juris, ["gasa", "menghan", "nowhere"]) == _render(
            "{{ m.units(links) }}", links=links[::-1]
        )
    shared = {"severity": "<s>", "rule": "r&", "item": "A-<1>", "href": "", "message": "<m>"}
    shared |= {"suggestion": "\x1b<sug>"}
    body = rows.problems([(shared, "<script>1"), (shared, "'\x00'")]).decode()
    assert body.count("<tr>") == 2 and body.count("&lt;m&gt;") == 2
    assert "<script>" not in body and "<s>" not in body and "\x1b" not in body
    assert "\x00" not in body and "&lt;script&gt;1" in body and "&#39;\\x00&#39;" in body
    for text in HOSTILE:
        for href in ("", f"items/{text}.html"):
            p = dict.fromkeys(("severity", "rule", "item", "message", "suggestion"), text)
            p |= {"href": href, "anchor": f"finding-{text}"}
            row = f"<tr>{_render('{{ m.problem(p) }}', p=p)}<td>EV</td><td>"
            row += _render("{{ m.problem_ref(p) }}", p=p) if href else _render("{{ t }}", t=text)
            row += f"</td><td>{_render('{{ t }}', t=text)}</td></tr>\n"
            assert _Rows().problems([(p, "EV")]).decode() == row


def test_holes_join_pieces_only_where_the_template_put_them() -> None:
    """A NUL in catalog text is shown as \\x00 before a page is split at its holes."""
    from dutylist.report.site import _Holes

    holes = _Holes()
    html = _render("<p>{{ text }}</p>{{ a }}<i>{{ text }}</i>{{ b }}", text="x\x00y",
                   a=holes.put(b"<tr>1</tr>"), b=holes.put("<tr>二</tr>".encode()))  # fmt: skip
    assert holes.fill(html) == "<p>x\\x00y</p><tr>1</tr><i>x\\x00y</i><tr>二</tr>".encode()
    assert holes.fill("<p>no holes, 中文</p>") == "<p>no holes, 中文</p>".encode()


def test_filter_entries_are_the_json_of_their_rows() -> None:
    from dutylist.report.site import _Index, _json

    index = _Index(_juris())
    for text in [*HOSTILE, HOSTILE_BASIS, "\u2028\\", "\U0001f600"]:
        for units in ([], ["gasa", "nowhere", "menghan"]):
            item = _item("A-1", "transport", units, [text, text] if text else [])
            for basis_shown in (False, True):
                for by_unit in (False, True):
                    row = _json(index.row(item, basis_shown, by_unit))
                    assert index.entry(item, basis_shown, by_unit) == row


def test_escaped_text_is_what_a_template_prints() -> None:
    """`_esc` (the Python-made pieces' escaping) against the environment's, for every
    control, markup and special-space character and some ordinary text around them."""
    from dutylist.report.site import _esc

    specials = [chr(c) for c in range(0x200)] + ["\u2028", "\u200b", "\u202e", "\u2066", "\ufeff"]
    for ch in [*specials, *HOSTILE, HOSTILE_BASIS]:
        for text in (ch, f"名{ch}称 & <{ch}>"):
            assert _esc(text) == _render("{{ t }}", t=text), repr(text)
