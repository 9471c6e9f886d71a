"""The shipped examples' workbooks, printed by LibreOffice to PDF: the pages a county
office would sign. Skipped, with the reason, where LibreOffice or poppler is absent
(`.ci/run` installs them)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[2]
TOOLS = ("soffice", "pdfinfo", "pdftotext")
pytestmark = pytest.mark.skipif(
    not all(shutil.which(t) for t in TOOLS),
    reason="LibreOffice (soffice) and poppler (pdfinfo, pdftotext) are needed to print workbooks",
)


def _pdf(xlsx: Path) -> tuple[int, str]:
    """Pages and the text of page 1."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(xlsx.parent), str(xlsx)],
        capture_output=True,
        check=True,
        timeout=300,
    )
    pdf = xlsx.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(
        next(line.split()[-1] for line in info.stdout.splitlines() if line.startswith("Pages"))
    )
    first = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return pages, first.stdout.replace(" ", "")


def test_examples_print_with_their_titles_on_page_one(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path
    jinghong = "catalogs/jinghong"
    commands = {
        "stats.xlsx": ("diff", "examples/jinghong-2023", "examples/jinghong-2024", "-f", "xlsx"),
        "audit.xlsx": ("audit", jinghong, "--fail-on", "none", "-f", "xlsx"),
        "public.xlsx": ("export", f"{jinghong}/empowerment.yaml", "--public"),  # Chinese only
    }
    monkeypatch.setenv("DUTYLIST_LANG", "zh")
    for name, args in commands.items():
        assert run_cli(*args, "-o", str(out / name)).exit_code == 0
    units = out / "units"
    by_unit = ("audit", jinghong, "--fail-on", "none", "--by", "unit", "-f", "xlsx", "-o")
    assert run_cli(*by_unit, str(units)).exit_code == 0
    # page counts as printed on A4, one page wide: a table, its chart and two more sheets;
    # 48 findings in rows as tall as their text (4 pages); the public list of 50 items;
    # one township's list
    expected = {
        "stats.xlsx": ("景洪市权责事项调整统计表", range(2, 6)),
        "audit.xlsx": ("景洪市问题清单", range(3, 5)),
        "public.xlsx": ("赋权事项", range(1, 4)),
        "units/勐罕镇-menghan.xlsx": ("勐罕镇问题清单", range(1, 3)),
    }
    for name, (title, pages) in expected.items():
        count, first_page = _pdf(out / name)
        assert title in first_page, f"{name}: title not on page 1"
        assert count in pages, f"{name}: {count} pages"
