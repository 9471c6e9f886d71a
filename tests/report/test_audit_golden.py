"""Golden text of `dutylist audit catalogs/jinghong` at 80, 100 and 120 columns, in Chinese
and English (`make golden` rewrites them): every line within the width."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from dutylist.audit.config import find_config, load_settings
from dutylist.audit.core import run_audit
from dutylist.i18n import Lang, current_lang, set_lang
from dutylist.report.audit import report_text
from dutylist.report.layout import cell_len

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "fixtures" / "report" / "golden"


@pytest.mark.parametrize("width", [80, 100, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_golden_audit_text(width: int, lang: Lang, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", str(width))
    before = current_lang()
    set_lang(lang)
    try:
        target = Path("catalogs/jinghong")
        result = run_audit(target, settings=load_settings(find_config(target)))
        buffer = io.StringIO()
        report_text(result, buffer, lang)
    finally:
        set_lang(before)
    out = buffer.getvalue()
    assert max(cell_len(line) for line in out.splitlines()) <= width
    golden = GOLDEN / f"audit-jinghong.{lang}.{width}.txt"
    if os.environ.get("DUTYLIST_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(out.encode("utf-8"))
    assert golden.is_file(), f"no golden file {golden.name}: run `make golden`"
    assert out == golden.read_text(encoding="utf-8")
