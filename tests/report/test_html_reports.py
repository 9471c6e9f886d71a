"""The HTML reports: one self-contained file each, the workbook's numbers and labels."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from dutylist.diff import diff_paths
from dutylist.report.html import bar_chart, visible
from dutylist.stats.tables import statistics

RunCli = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[2]
CASE = ROOT / "tests" / "fixtures" / "stats"
JINGHONG = ROOT / "catalogs" / "jinghong"


class Cells(HTMLParser):
    """The rows of every table, as lists of cell texts, and every external reference."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.refs: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.refs += [v for k, v in values.items() if k in ("href", "src") and v]
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def cells(html: str) -> Cells:
    parser = Cells()
    parser.feed(html)
    return parser


def test_report_html_holds_the_statistics_table(run_cli: RunCli, month_repo: Path) -> None:
    repo = month_repo
    args = (
        "report",
        "--month",
        "2024-07",
        "-o",
        "july.xlsx",
        "--html",
        "july.html",
        "--lang",
        "zh",
    )
    result = run_cli(*args)
    assert result.exit_code == 0, result.stderr
    html = (repo / "july.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "<svg" in html
    parsed = cells(html)
    assert parsed.refs == []  # self-contained: no stylesheet, script or image to fetch
    table = parsed.tables[0]
    assert table[0][:3] == ["序号", "部门", "原有数"] and "调整情况" in table[0]
    expected = statistics([diff_paths(str(CASE / "old"), str(CASE / "new"))]).departments
    total = next(row for row in table if "合计" in row)
    assert total[2] == str(expected.total.before) and total[-2] == str(expected.total.after)
    counts = [int(n) for n in total[3:-2]]
    assert counts == [expected.total.counts.get(name, 0) for name in expected.classes]


def test_audit_html_matches_the_json_findings(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "audit.html"
    result = run_cli(
        "audit", str(JINGHONG), "--fail-on", "none", "--format", "html", "-o", str(out)
    )
    assert result.exit_code == 0, result.stderr
    found = run_cli("audit", str(JINGHONG), "--fail-on", "none", "--format", "json")
    findings = json.loads(found.stdout)["findings"]
    parsed = cells(out.read_text(encoding="utf-8"))
    assert parsed.refs == []
    rows = [row for table in parsed.tables[1:] for row in table[1:]]
    assert len(rows) == len(findings)
    assert sorted(row[1].split()[0] for row in rows) == sorted(f["code"] for f in findings)
    decisions = parsed.tables[0]
    assert decisions[0][-1] == "Suggestion"  # the column says it: no "suggestion:" per cell
    assert all(not row[-1].startswith("suggestion") for row in decisions[1:])
    assert any(row[-1].startswith("revoke from") for row in decisions[1:])


def test_chart_ticks_are_integers_and_text_is_escaped() -> None:
    svg = bar_chart("<t>", ["交通运输局", "a&b\x1b[2J"], [("新增", [3, 0]), ("收回", [0, 7])])
    ticks = re.findall(r'text-anchor="middle" fill="#333">([^<]*)<', svg)
    assert ticks and all(t.isdigit() for t in ticks) and int(ticks[-1]) >= 7
    assert "&lt;t&gt;" in svg and "a&amp;b\\x1b[2J" in svg and "\x1b" not in svg


@pytest.mark.parametrize(
    ("text", "shown"),
    [("plain 文字", "plain 文字"), ("\x1b]0;x\x07", "\\x1b]0;x\\x07"), ("a\u202eb", "a\\u202eb")],
)
def test_visible_shows_control_characters(text: str, shown: str) -> None:
    assert visible(text) == shown
