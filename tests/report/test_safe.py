"""Catalog text reaches no terminal raw (spec section 10): names, ids and notes holding
escape sequences or other control characters are shown escaped by every human-facing
output of validate, diff, audit and the git diff driver."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutylist.report.safe import UNSAFE, is_safe, safe

RunCli = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[2]
RETITLE = "\x1b]0;owned\x07"
CLEAR = "\x1b[2J\x1b[H"


def test_safe_escapes_visibly() -> None:
    assert safe(f"a{RETITLE}b") == "a\\x1b]0;owned\\x07b"
    assert safe("x\u202ey\x85z\x7f") == "x\\u202ey\\x85z\\x7f"
    assert safe("行\n政\t") == "行\\x0a政\\x09"
    assert safe("行\n政\t", lines=True) == "行\n政\t"
    assert safe("景洪市交通运输局 JH-JT-001") == "景洪市交通运输局 JH-JT-001"


@given(st.text())
def test_safe_leaves_nothing_unsafe_and_only_touches_unsafe(text: str) -> None:
    out = safe(text)
    assert is_safe(out)
    if all(ord(c) not in UNSAFE for c in text):
        assert out == text


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def hostile_copy(base: Path, name: str, ident: str, note: str) -> tuple[Path, Path, Path]:
    """(old catalog, new catalog, jurisdiction folder) with the hostile text in an item's
    name and notes, a new item's id, and a unit's name."""
    shutil.copytree(ROOT / "examples", base / "examples")
    shutil.copytree(ROOT / "catalogs" / "jinghong", base / "jinghong")
    old = base / "examples" / "jinghong-2023" / "empowerment.yaml"
    new = base / "examples" / "jinghong-2024" / "empowerment.yaml"

    def hostile_items(data: dict[str, Any]) -> None:
        first = data["items"][0]
        first["name"] = name + first["name"]
        first["notes"] = note
        data["items"].append({**first, "id": ident, "name": name + "新增"})

    def hostile_unit(data: dict[str, Any]) -> None:
        data["units"][0]["name"] += name

    _edit(new, hostile_items)
    _edit(base / "jinghong" / "empowerment.yaml", hostile_items)
    _edit(base / "jinghong" / "jurisdiction.yaml", hostile_unit)
    return old, new, base / "jinghong"


def outputs(run_cli: RunCli, old: Path, new: Path, county: Path) -> dict[str, str]:
    runs = {
        "validate text": ("validate", str(county)),
        "validate github": ("validate", str(county), "--format", "github"),
        "diff text": ("diff", str(old), str(new)),
        "diff markdown": ("diff", str(old), str(new), "--format", "markdown"),
        "audit text": ("audit", str(county)),
        "audit markdown": ("audit", str(county), "--format", "markdown"),
        "audit github": ("audit", str(county), "--format", "github"),
        "audit by unit": ("audit", str(county), "--by", "unit"),
    }
    found = {}
    for what, args in runs.items():
        result = run_cli(*args)
        assert result.exit_code in (0, 1, 2), what
        found[what] = result.stdout
        found[what + " (stderr)"] = result.stderr
    return found


def test_escape_sequences_in_names_are_shown_not_run(run_cli: RunCli, tmp_path: Path) -> None:
    old, new, county = hostile_copy(tmp_path, RETITLE + CLEAR, "JH-JT-\x1b[2J", "注\x9b31m意")
    found = outputs(run_cli, old, new, county)
    for what, text in found.items():
        assert is_safe(text, lines=True), what
    # such names are validate errors (DL121), so diff refuses them, saying why, safely
    assert "DL121" in found["diff text (stderr)"]
    assert "DL121" in found["diff markdown (stderr)"]
    assert "owned" in found["validate text"]


CONTROL = st.characters(categories=("Cc", "Cf", "Zl", "Zp"), exclude_characters="\n\t\r\ufeff")
HOSTILE = st.text(st.one_of(CONTROL, st.sampled_from("景洪ab[]|%:,")), min_size=1, max_size=8)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(name=HOSTILE, ident=HOSTILE, note=HOSTILE)
def test_no_output_holds_a_raw_control_character(
    run_cli: RunCli, name: str, ident: str, note: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        old, new, county = hostile_copy(Path(folder), name, ident, note)
        for what, text in outputs(run_cli, old, new, county).items():
            assert is_safe(text, lines=True), (what, text)


def test_the_git_diff_driver_escapes_names(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new, _ = hostile_copy(tmp_path, RETITLE, "JH-JT-900", "")
    monkeypatch.chdir(new.parent)
    args = [new.name, str(old), "0" * 40, "100644", str(new), "1" * 40, "100644"]
    result = run_cli("git-diff-driver", *args)
    assert result.exit_code == 0, result.stderr
    assert "\\x1b]0;owned\\x07" in result.stdout
    assert is_safe(result.stdout, lines=True)
