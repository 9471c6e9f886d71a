"""`dutylist site` end to end: the pages, their links, escaping, --public, the output folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from dutylist.catalog.workspace import find_jurisdictions, load_jurisdiction
from dutylist.i18n import HANDLING, ROLE, STATUS
from dutylist.site.records import slug

ROOT = Path(__file__).resolve().parents[2]
JINGHONG = ROOT / "catalogs" / "jinghong"
RunCli = Callable[..., Any]
HOSTILE_NAME = '对<script>alert("x")</script>&设置标志的行政处罚'
HOSTILE_NOTE = "注意\x1b]0;pwned\x07\x1b[2J清屏"


@pytest.fixture
def hostile_catalogs(tmp_path: Path) -> Path:
    """catalogs/ with JH-JT-001's name holding markup and its notes terminal escapes."""
    target = tmp_path / "catalogs"
    shutil.copytree(ROOT / "catalogs", target)
    path = target / "jinghong" / "empowerment.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    name: 对在公路用地范围内设置公路标志以外的其他标志的行政处罚\n"
    assert old in text
    escaped = HOSTILE_NOTE.replace("\x1b", "\\e").replace("\x07", "\\a")
    new = f"    name: '{HOSTILE_NAME}'\n    notes: \"{escaped}\"\n"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


class Links(HTMLParser):
    """Every href and src of a page, and the text of its <td> cells."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[str] = []
        self.lang: str | None = None
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "html":
            self.lang = values.get("lang")
        for name in ("href", "src"):
            value = values.get(name)
            if value is not None:
                self.links.append(value)
        if tag == "script":
            self.scripts.append(values.get("src") or "")


def parse(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def build(run_cli: RunCli, source: Path, out: Path, *extra: str) -> None:
    result = run_cli("site", str(source), "-o", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    assert "index.html" in result.stderr


def test_every_page_kind_is_written_and_every_link_resolves(
    run_cli: RunCli, tmp_path: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, ROOT / "catalogs", out)
    folders = [load_jurisdiction(root) for root in find_jurisdictions(ROOT / "catalogs")]
    registries = [j.registry.model for j in folders if j.registry is not None]
    items = sum(len(c.model.items) for j in folders for c in j.catalogs)
    pages = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))
    assert len([p for p in pages if p.startswith("items/")]) == items
    assert len([p for p in pages if p.startswith("lists/")]) == sum(
        len(j.catalogs) for j in folders
    )
    assert len([p for p in pages if p.startswith("units/")]) == sum(
        len(r.units) for r in registries
    )
    assert len([p for p in pages if p.startswith("departments/")]) == sum(
        len(r.departments) for r in registries
    )
    for page in out.rglob("*.html"):
        links = parse(page)
        assert links.lang == "zh-CN", page
        for link in links.links:
            assert "://" not in link and not link.startswith("//"), (page, link)
            path, _, fragment = link.partition("#")
            target = (page.parent / path).resolve() if path else page
            assert target.is_file(), (page.relative_to(out), link)
            if fragment:
                assert fragment in parse(target).ids, (page.relative_to(out), link)
    # each jurisdiction's departments are headed after its kind (市级部门, 州级部门)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<h3>市级部门</h3>" in index and "<h3>州级部门</h3>" in index


def test_catalog_text_is_escaped_and_control_characters_shown(
    run_cli: RunCli, tmp_path: Path, hostile_catalogs: Path
) -> None:
    out = tmp_path / "site"
    build(run_cli, hostile_catalogs, out)
    page = out / "items" / f"532801-empowerment-{slug('JH-JT-001')}.html"
    html = page.read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&amp;" in html
    assert "\x1b" not in html and "\x07" not in html
    assert "\\x1b]0;pwned\\x07\\x1b[2J" in html
    listed = (out / "lists" / "532801-empowerment.html").read_text(encoding="utf-8")
    assert HOSTILE_NAME not in listed and "&lt;script&gt;" in listed
    for path in out.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert not any(ord(c) < 32 and c not in "\n\t" for c in text), path


def test_public_site_leaves_out_internal_fields_and_problem_lists(
    run_cli: RunCli, tmp_path: Path, hostile_catalogs: Path
) -> None:
    full, public = tmp_path / "full", tmp_path / "public"
    build(run_cli, hostile_catalogs, full)
    build(run_cli, hostile_catalogs, public, "--public")
    item = f"items/532801-empowerment-{slug('JH-JT-001')}.html"
    assert "办事指南及流程图已印发" in (full / item).read_text(encoding="utf-8")
    assert "pwned" in (full / item).read_text(encoding="utf-8")
    public_item = (public / item).read_text(encoding="utf-8")
    assert "办事指南及流程图已印发" not in public_item and "pwned" not in public_item
    unit = "units/532801-menghan.html"
    assert "问题清单" in (full / unit).read_text(encoding="utf-8")
    assert "问题清单" not in (public / unit).read_text(encoding="utf-8")
    assert "公开版" in (public / "index.html").read_text(encoding="utf-8")


def test_unit_page_lists_the_powers_devolved_to_it(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(run_cli, JINGHONG, out)
    juris = load_jurisdiction(JINGHONG)
    catalog = juris.catalog("empowerment")
    assert catalog is not None and juris.registry is not None
    townships = juris.registry.model.township_ids()
    expected = [
        i.id
        for i in catalog.model.items
        if (i.scope == "all" and "menghan" in townships) or "menghan" in (i.scope or [])
    ]
    html = (out / "units" / "532801-menghan.html").read_text(encoding="utf-8")
    assert f"赋予本单位的权力事项（共 {len(expected)} 项）" in html
    for ident in expected:
        assert f'<td class="id">{ident}</td>' in html


def cells_of(html: str, ident: str) -> list[str]:
    """The cells after an item's id cell in a table row of `html`."""
    row = html.split(f'<td class="id">{ident}</td>', 1)[1].split("</tr>", 1)[0]
    return [cell.split(">", 1)[1] for cell in row.split("</td>") if "<td" in cell]


@pytest.mark.parametrize(
    ("kind", "header", "labels"),
    [
        ("duties", "履职方式", ROLE),
        ("certificates", "状态", STATUS),
        ("village-affairs", "办理方式", HANDLING),
    ],
)
def test_a_list_shows_what_each_of_its_items_is(
    run_cli: RunCli, tmp_path: Path, kind: str, header: str, labels: dict[str, str]
) -> None:
    """基本履职 / 配合履职 / 上级部门收回 (and a certificate's 保留 / 取消) is what such a list
    is read for: a column of its table, on the list's page and on its unit's."""
    out = tmp_path / "site"
    build(run_cli, JINGHONG, out)
    juris = load_jurisdiction(JINGHONG)
    lists = [c for c in juris.catalogs if c.kind == kind]
    assert lists
    field = {"duties": "role", "certificates": "status", "village-affairs": "handling"}[kind]
    for loaded in lists:
        unit = loaded.model.catalog.unit
        name = f"532801-{kind}" + (f"-{slug(unit)}" if unit else "")
        tables = [(out / "lists" / f"{name}.html").read_text(encoding="utf-8")]
        if unit is not None:  # the unit's page: its duties, after the powers devolved to it
            unit_page = (out / "units" / f"532801-{slug(unit)}.html").read_text(encoding="utf-8")
            tables.append(unit_page.split("<caption>履职事项", 1)[1])
        for html in tables:
            assert f'<th scope="col">{header}</th>' in html
            for item in loaded.model.items:
                assert cells_of(html, item.id)[-1] == labels[getattr(item, field)], item.id


def test_the_site_folder_is_never_an_input_or_a_foreign_folder(
    run_cli: RunCli, tmp_path: Path, hostile_catalogs: Path
) -> None:
    inside = hostile_catalogs / "jinghong" / "site"
    result = run_cli("site", str(hostile_catalogs), "-o", str(inside))
    assert result.exit_code == 2 and "must not be or hold" in result.stderr
    assert not inside.exists()
    result = run_cli("site", str(hostile_catalogs / "jinghong"), "-o", str(hostile_catalogs))
    assert result.exit_code == 2
    foreign = tmp_path / "docs"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli("site", str(hostile_catalogs), "-o", str(foreign))
    assert result.exit_code == 2 and "not a dutylist site" in result.stderr
    assert (foreign / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_second_build_replaces_the_first_whole(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(run_cli, JINGHONG, out)
    stale = out / "items" / "gone.html"
    stale.write_text("old", encoding="utf-8")
    build(run_cli, JINGHONG, out)
    assert not stale.exists()
    assert (out / "index.html").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".site.")]


def test_pages_get_ordinary_modes(run_cli: RunCli, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        build(run_cli, JINGHONG, tmp_path / "site")
    finally:
        os.umask(old)
    assert (tmp_path / "site").stat().st_mode & 0o777 == 0o755
    assert (tmp_path / "site" / "index.html").stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("args", [["nowhere"], [str(ROOT / "docs")]])
def test_no_catalogs_is_one_message(run_cli: RunCli, tmp_path: Path, args: list[str]) -> None:
    result = run_cli("site", *args, "-o", str(tmp_path / "s"))
    assert result.exit_code == 2
    assert result.stderr.startswith("dutylist: error:")


def test_a_finding_is_told_once_on_its_item_page_and_each_unit_links_to_it(
    run_cli: RunCli, tmp_path: Path
) -> None:
    from dutylist.audit.core import run_audit
    from dutylist.report.audit_labels import affected_units

    out = tmp_path / "site"
    build(run_cli, JINGHONG, out)
    result = run_audit(JINGHONG)
    shared = next(f for f in result.findings if f.item and len(affected_units(result, f)) > 1)
    message = shared.text("zh").replace("<", "&lt;")
    pages = [p.read_text(encoding="utf-8") for p in out.rglob("*.html")]
    assert sum(message in page for page in pages) == 1
    item_page = f"items/532801-empowerment-{slug(shared.item or '')}.html"
    assert message in (out / item_page).read_text(encoding="utf-8")
    for unit in affected_units(result, shared):
        links = parse(out / "units" / f"532801-{slug(unit)}.html").links
        assert any(link.startswith(f"../{item_page}#finding-") for link in links), unit
    public = tmp_path / "public"
    build(run_cli, JINGHONG, public, "--public")
    assert "评估发现" not in (public / item_page).read_text(encoding="utf-8")


def test_a_folder_name_holding_escapes_reaches_a_terminal_as_text(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """click strips escapes only when stderr is no terminal; the line itself must be safe."""
    out = tmp_path / "site\x1b[31m"
    result = run_cli("site", str(ROOT / "catalogs"), "-o", str(out), color=True)
    assert result.exit_code == 0
    assert "\x1b" not in result.stderr and "site\\x1b[31m" in result.stderr
