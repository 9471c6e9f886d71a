"""Golden outputs of `dutylist diff`: text (zh, en), Markdown, JSON and per-change CSV of fixture
cases, under tests/fixtures/diff/golden/. `make golden` (DUTYLIST_UPDATE_GOLDEN=1)
rewrites them; review the change with git diff before committing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dutylist.diff import diff_paths
from dutylist.i18n import Lang
from dutylist.report.diff import render

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "diff"
GOLDEN = CASES / "golden"
OUTPUTS = [
    ("revoked-removed", "text", "zh"),
    ("revoked-removed", "text", "en"),
    ("revoked-removed", "markdown", "zh"),
    ("revoked-removed", "json", "en"),
    ("revoked-removed", "changes-csv", "zh"),
    ("posts-amended", "text", "zh"),
    ("posts-amended", "markdown", "en"),
    ("merged", "text", "en"),
    ("split", "json", "en"),
    ("scope", "text", "zh"),
    ("reclassified", "markdown", "zh"),
]
SUFFIX = {"text": "txt", "markdown": "md", "json": "json", "changes-csv": "changes.csv"}


@pytest.mark.parametrize(("case", "fmt", "lang"), OUTPUTS)
def test_golden_output(case: str, fmt: str, lang: Lang, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)  # sources show as `<case>/old`, the same on every machine
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = diff_paths(f"{case}/old", f"{case}/new")
    out = render(result, fmt, lang)
    assert isinstance(out, str)
    golden = GOLDEN / f"{case}.{lang}.{SUFFIX[fmt]}"
    if os.environ.get("DUTYLIST_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(out.encode("utf-8"))
    assert golden.is_file(), f"no golden file {golden.name}: run `make golden`"
    assert out == golden.read_bytes().decode("utf-8")


def test_golden_text_has_no_colour_or_trailing_spaces() -> None:
    for path in GOLDEN.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert "\x1b[" not in text
        assert all(line == line.rstrip() for line in text.splitlines()), path.name
