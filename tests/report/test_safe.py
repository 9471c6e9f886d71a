"""Catalog text reaches no terminal raw (spec section 10): names, ids and notes holding
escape sequences or other control characters are shown escaped by every human-facing
output of validate, diff, audit and the git diff driver."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutylist.report.safe import UNSAFE, is_safe, md, safe

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


def test_every_unsafe_character_is_unprintable() -> None:
    # safe() returns printable text untouched before any search: it must never be unsafe
    assert not any(chr(code).isprintable() for code in UNSAFE)
    assert safe("\u3000甲\xa0乙") == "\u3000甲\xa0乙"  # unprintable but harmless: kept


def _edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def hostile_copy(base: Path, name: str, ident: str, note: str) -> dict[str, Path]:
    """Catalogs holding the hostile text: a new version with it in an item's notes and
    basis (diff shows them); a jurisdiction folder whose own name holds it (every finding
    of audit names its file), with it in notes too; and a folder with it in an item's
    name and id and in a unit's name (validate reports those, and diff and audit refuse
    such a catalog with a message)."""
    shutil.copytree(ROOT / "examples", base / "examples")
    county = base / f"jh{name}"
    shutil.copytree(ROOT / "catalogs" / "jinghong", county)
    shutil.copytree(ROOT / "catalogs" / "jinghong", base / "named")
    old = base / "examples" / "jinghong-2023" / "empowerment.yaml"
    new = base / "examples" / "jinghong-2024" / "empowerment.yaml"

    def hostile_notes(data: dict[str, Any]) -> None:
        first = data["items"][0]
        first["notes"] = note + name
        first["basis"] = [*first.get("basis", []), name]

    def hostile_items(data: dict[str, Any]) -> None:
        first = data["items"][0]
        first["name"] = name + first["name"]
        data["items"].append({**first, "id": ident, "name": name + "新增"})

    def hostile_unit(data: dict[str, Any]) -> None:
        data["units"][0]["name"] += name

    _edit(new, hostile_notes)
    _edit(county / "empowerment.yaml", hostile_notes)
    _edit(base / "named" / "empowerment.yaml", hostile_items)
    _edit(base / "named" / "jurisdiction.yaml", hostile_unit)
    return {"old": old, "new": new, "county": county, "named": base / "named"}


def outputs(run_cli: RunCli, paths: dict[str, Path]) -> dict[str, str]:
    old, new, county, named = (str(paths[k]) for k in ("old", "new", "county", "named"))
    runs = {
        "validate text": ("validate", named),
        "validate github": ("validate", named, "--format", "github"),
        "validate folder name": ("validate", county, "--format", "github"),
        "diff text": ("diff", old, new),
        "diff markdown": ("diff", old, new, "--format", "markdown"),
        "diff of named": ("diff", str(ROOT / "catalogs" / "jinghong"), named),
        "audit text": ("audit", county, "--fail-on", "none"),
        "audit markdown": ("audit", county, "--format", "markdown"),
        "audit github": ("audit", county, "--format", "github"),
        "audit by unit": ("audit", county, "--by", "unit"),
        "audit of named": ("audit", named),
    }
    found = {}
    for what, args in runs.items():
        result = run_cli(*args)
        assert result.exit_code in (0, 1, 2), what
        found[what] = result.stdout
        found[what + " (stderr)"] = result.stderr
    return found


def test_escape_sequences_in_names_are_shown_not_run(run_cli: RunCli, tmp_path: Path) -> None:
    paths = hostile_copy(tmp_path, RETITLE + CLEAR, "JH-JT-\x1b[2J", "注\x9b31m意")
    found = outputs(run_cli, paths)
    for what, text in found.items():
        assert is_safe(text, lines=True), what
    shown = "\\x1b]0;owned\\x07"
    for what in ("diff text", "audit text", "audit github"):
        assert shown in found[what], what
    for what in ("diff markdown", "audit markdown"):  # Markdown escapes its backslashes too
        assert md(RETITLE) == "\\\\x1b\\]0;owned\\\\x07"
        assert md(RETITLE) in found[what], what
    assert "JH-JT-\\x1b[2J" in found["validate text"] + found["validate github"]


MARKUP = "<script>alert(1)</script><img src=x onerror=alert(1)>[链接](https://example.com)|&amp;"


def test_markup_in_names_is_shown_not_rendered(run_cli: RunCli, tmp_path: Path) -> None:
    found = outputs(run_cli, hostile_copy(tmp_path, MARKUP, "JH-<b>", "注<i>意</i>"))
    for what in ("diff markdown", "audit markdown"):
        text = found[what]
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text, what
        for raw in ("<script", "<img", "<b>", "<i>"):
            assert raw not in text, (what, raw)
        # a link, or a cell border out of a name, would be unescaped `](` or `|&`
        assert not re.search(r"(?<!\\)\]\(https|(?<!\\)\|&", text), what


def test_md_writes_markdown_and_html_literally() -> None:
    assert md("a|b") == "a\\|b"
    assert md("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert md("[x](y)") == "\\[x\\](y)"
    assert md("a\\|b") == "a\\\\\\|b"  # a backslash cannot unescape the pipe
    assert md("一\n二", breaks="<br>") == "一<br>二"
    assert md("`all` 全部") == "`all` 全部"


CONTROL = st.characters(categories=("Cc", "Cf", "Zl", "Zp"), exclude_characters="\x00\n\t\r\ufeff")
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
        for what, text in outputs(run_cli, hostile_copy(Path(folder), name, ident, note)).items():
            assert is_safe(text, lines=True), (what, text)


def test_the_git_diff_driver_escapes_names(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = hostile_copy(tmp_path, RETITLE, "JH-JT-900", "")
    old, new = paths["old"], paths["new"]
    monkeypatch.chdir(new.parent)
    args = [new.name, str(old), "0" * 40, "100644", str(new), "1" * 40, "100644"]
    result = run_cli("git-diff-driver", *args)
    assert result.exit_code == 0, result.stderr
    assert "\\x1b]0;owned\\x07" in result.stdout
    assert is_safe(result.stdout, lines=True)


def test_csv_on_a_terminal_is_escaped_and_in_a_file_exact(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = hostile_copy(tmp_path, RETITLE, "JH-JT-900", CLEAR)
    old, new = str(paths["old"]), str(paths["new"])
    out = tmp_path / "changes.csv"
    written = run_cli("diff", old, new, "--format", "changes-csv", "-o", str(out))
    assert written.exit_code == 0, written.stderr
    exact = out.read_text(encoding="utf-8")
    assert RETITLE in exact and CLEAR in exact  # the data as they are, for a spreadsheet
    piped = run_cli("diff", old, new, "--format", "changes-csv")
    assert piped.stdout == exact  # a pipe or a redirection is a file too
    from dutylist.commands.writing import _Like

    monkeypatch.setattr(_Like, "isatty", lambda _self: True)
    shown = run_cli("diff", old, new, "--format", "changes-csv")
    assert shown.exit_code == 0
    assert is_safe(shown.stdout.replace("\r\n", "\n"), lines=True)
    assert shown.stdout == exact.replace(RETITLE, safe(RETITLE)).replace(CLEAR, safe(CLEAR))


# (a cell of the statistics table, as a file holds it, as a terminal shows it); the
# registry refuses such names, so the table meets them only in a catalog not validated
STATISTICS_CELLS = [
    ("交通运输局" + RETITLE, "交通运输局" + RETITLE, "交通运输局\\x1b]0;owned\\x07"),
    ("=1+1", "'=1+1", "'=1+1"),
    ("多行\n名称", '"多行\n名称"', '"多行\n名称"'),
]


@pytest.mark.parametrize(("name", "in_file", "on_terminal"), STATISTICS_CELLS)
def test_the_statistics_csv_escapes_names_only_on_a_terminal(
    name: str, in_file: str, on_terminal: str
) -> None:
    from dutylist.report.statistics import table_csv
    from dutylist.stats.tables import Row, Table

    table = Table("department", [Row(name, before=1, after=1)], [], Row("", before=1, after=1))
    assert table_csv(table, "en").split("\r\n")[1] == f"{in_file},1,1"
    assert table_csv(table, "en", terminal=True).split("\r\n")[1] == f"{on_terminal},1,1"
