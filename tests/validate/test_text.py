"""The look-alike checks spell hidden characters as the output sanitiser does."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import RunCli

from dutylist.report.safe import safe
from dutylist.validate.text import shown

CASE = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs" / "invalid" / "look-alikes"


def test_shown_spells_controls_like_the_sanitiser() -> None:
    for text in ("a\x1bb", "tab\there", "x\u202ey", "\x7f", "\x85"):
        assert shown(text) == safe(text)
    assert shown("JH-\u200b002") == "JH-\\u200b002"
    assert shown("Сity") == "\\u0421ity"


def test_control_character_finding_shows_the_escape(run_cli: RunCli) -> None:
    result = run_cli("validate", str(CASE), "--format", "json")
    records = json.loads(result.stdout)["errors"]
    control = next(r for r in records if r["code"] == "DL121")
    assert control["message"].startswith("name 公路\\x09标志 holds a character")
    assert "<U+" not in result.stdout
