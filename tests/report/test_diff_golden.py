"""Golden outputs of `dutylist diff`: text (zh, en, at 80, 100 and 120 columns), Markdown, JSON
and per-change CSV of fixture cases and of the shipped examples, under tests/fixtures/diff/golden/. `make golden` (DUTYLIST_UPDATE_GOLDEN=1)
rewrites them; review the change with git diff before committing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dutylist.diff import diff_paths
from dutylist.diff.model import CLASSES
from dutylist.i18n import Lang
from dutylist.report.diff import render
from dutylist.report.layout import cell_len

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "fixtures" / "diff"
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
WIDTHS = (80, 100, 120)


def _check(out: str | bytes, golden: Path) -> None:
    assert isinstance(out, str)
    if os.environ.get("DUTYLIST_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(out.encode("utf-8"))
    assert golden.is_file(), f"no golden file {golden.name}: run `make golden`"
    assert out == golden.read_bytes().decode("utf-8")


@pytest.mark.parametrize(("case", "fmt", "lang"), OUTPUTS)
def test_golden_output(case: str, fmt: str, lang: Lang, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)  # sources show as `<case>/old`, the same on every machine
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)  # a pipe: 120 columns
    result = diff_paths(f"{case}/old", f"{case}/new")
    _check(render(result, fmt, lang), GOLDEN / f"{case}.{lang}.{SUFFIX[fmt]}")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_text_at_width(width: int, lang: Lang, monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped examples (three catalogs, every class) at the widths analysts use."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", str(width))
    result = diff_paths("examples/jinghong-2023", "examples/jinghong-2024")
    out = render(result, "text", lang)
    assert isinstance(out, str)
    assert max(cell_len(line) for line in out.splitlines()) <= width
    _check(out, GOLDEN / f"examples.{lang}.{width}.txt")


def test_english_table_headers_keep_their_words() -> None:
    # a class header broken inside a word ("Adde/d") reads as nothing: the department
    # table gives way to its list form instead
    from dutylist.i18n import class_label

    words = {w for name in CLASSES for w in class_label(name, "en").split()}
    words |= {"Department", "Total"}
    for path in GOLDEN.glob("*.en*.txt"):
        lines = path.read_text(encoding="utf-8").splitlines()
        if "By department" not in lines:
            continue
        section = lines[lines.index("By department") + 1 :]
        if not section[0].startswith("┌"):
            continue  # the list form
        heads = section[1 : next(i for i, line in enumerate(section) if line.startswith("├"))]
        for line in heads:
            cells = [c.strip() for c in line.split("│")]
            assert all(c in words for c in cells if c), f"{path.name}: {line}"


def test_golden_text_has_no_colour_or_trailing_spaces() -> None:
    for path in GOLDEN.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert "\x1b[" not in text
        assert all(line == line.rstrip() for line in text.splitlines()), path.name
