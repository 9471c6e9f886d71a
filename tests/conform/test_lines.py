"""The line scan of conform's findings against the Locator (which composes the document)."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutylist.catalog.load import Document, read_document
from dutylist.checks import check
from dutylist.conform.lines import Lines

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(
    p
    for folder in ("catalogs", "tests/fixtures/conform", "examples")
    for p in (ROOT / folder).rglob("*.yaml")
    if p.name != "jurisdiction.yaml"
)


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_scan_agrees_with_the_locator(path: Path) -> None:
    doc = read_document(path)
    assert isinstance(doc, Document)
    items = doc.data.get("items")
    if not isinstance(items, list):
        pytest.skip("no items")
    lines = Lines(doc)
    chk = check("invalid-value")
    places = [(None, ())] + [
        (i, sub) for i in range(len(items)) for sub in ((), ("name",), ("guide",), ("id",))
    ]
    for index, sub in places:
        ident = str(items[index]["id"]) if index is not None else "x"
        got = lines.finding(chk, "m", index, ident, sub)
        path_ = ("catalog",) if index is None else ("items", index, *sub)
        assert (got.line, got.column) == doc.locator.locate(path_), path_


def test_flow_style_falls_back_to_the_locator(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(
        'dutylist: 1\ncatalog: {kind: guide, for: duties, title: t, version: "1"}\n'
        "items:\n  - {id: A, name: n, category: other, department: d}\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert isinstance(doc, Document)
    lines = Lines(doc)
    got = lines.finding(check("invalid-value"), "m", 0, "A", ("name",))
    assert (got.line, got.column) == doc.locator.locate(("items", 0, "name"))
    got = lines.finding(check("invalid-value"), "m", None, "A")
    assert (got.line, got.column) == doc.locator.locate(("catalog",))
