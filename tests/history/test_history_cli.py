"""`dutylist history` end to end: golden text (Chinese, English) and JSON, the overview,
units, filters, SQLite, and one clear message for every input it cannot use.

Set DUTYLIST_UPDATE_GOLDEN=1 (`make golden`) to rewrite the golden files after an intended change."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "history" / "golden"


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("DUTYLIST_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "name"),
    [
        (["M1", "--lang", "zh"], "merged-zh.txt"),
        (["E4", "--lang", "en"], "split-en.txt"),
        (["E4", "M1", "--format", "json"], "items.json"),
        (["--unit", "乙乡", "--lang", "zh"], "unit-zh.txt"),
        (["--unit", "yi", "--format", "json"], "unit.json"),
        (["--lang", "zh"], "overview-zh.txt"),
        (["--format", "markdown", "--lang", "zh", "N3"], "recoded-zh.md"),
    ],
)
def test_golden(
    run_cli: RunCli, timeline: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], name: str
) -> None:
    monkeypatch.chdir(timeline)
    result = run_cli("history", *args)
    assert result.exit_code == 0, result.stderr
    _golden(name, result.stdout)


@pytest.mark.parametrize("args", [["--lang", "zh"], ["E4", "--lang", "en"], ["--unit", "乙乡"]])
def test_text_fits_an_80_column_terminal(
    run_cli: RunCli, timeline: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    from dutylist.report.layout import cell_len

    monkeypatch.chdir(timeline)
    monkeypatch.setenv("COLUMNS", "80")
    narrow = run_cli("history", *args).stdout
    monkeypatch.setenv("COLUMNS", "400")
    wide = run_cli("history", *args).stdout
    assert max(cell_len(line) for line in narrow.splitlines()) <= 80
    assert "".join(narrow.split()) == "".join(wide.split())  # wrapped, nothing cut


def test_json_is_the_shape_of_spec_section_11(
    run_cli: RunCli, timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(timeline)
    doc = json.loads(run_cli("history", "N3", "--format", "json").stdout)
    assert doc["path"] == "catalogs" and doc["from"] == "2023-03-01" and doc["to"] == "2023-11-01"
    (item,) = doc["items"]
    assert list(item)[:5] == ["id", "ids", "kind", "name", "present"]
    added, recoded = item["events"]
    assert set(added) == {"commit", "date", "version", "classes", "id", "message"}
    assert recoded["old_id"] == "E3" and len(recoded["commit"]) == 7
    assert doc["skipped"][0]["jurisdiction"] == "test"


def test_since_until_and_filters(
    run_cli: RunCli, timeline: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(timeline)
    july = json.loads(
        run_cli(
            "history", "--since", "2023-07-01", "--until", "2023-07-31", "--format", "json"
        ).stdout
    )
    # the commit of 2023-06-30 20:30 UTC is July 1st in UTC+8
    assert sorted(i["id"] for i in july["items"]) == ["E2", "E7"]
    utc = json.loads(
        run_cli(
            "history",
            "--since",
            "2023-07-01",
            "--until",
            "2023-07-31",
            "--tz",
            "+00:00",
            "--format",
            "json",
        ).stdout
    )
    assert utc["items"] == []
    d1 = json.loads(run_cli("history", "--department", "测试县一局", "--format", "json").stdout)
    assert sorted(i["id"] for i in d1["items"]) == ["E1", "E2", "E5", "M1"]
    none = run_cli("history", "--kind", "territorial")
    assert none.exit_code == 0 and "no event" in none.stdout


def test_sqlite_output(run_cli: RunCli, timeline: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(timeline)
    result = run_cli("history", "-o", "history.db")
    assert result.exit_code == 0, result.stderr
    db = sqlite3.connect(timeline / "history.db")
    try:
        (item,) = db.execute("SELECT item FROM item_ids WHERE id = 'E4'").fetchone()
        ids = [
            r[0]
            for r in db.execute("SELECT id FROM item_ids WHERE item = ? ORDER BY position", (item,))
        ]
        assert ids == ["E4", "N4"]
        classes = [
            json.loads(r[0])
            for r in db.execute("SELECT classes FROM events WHERE item = ? ORDER BY date", (item,))
        ]
        assert classes == [["added"], ["recoded", "renamed"], ["split"]]
        lost = db.execute(
            "SELECT count(*) FROM unit_events WHERE unit = 'yi' AND change = 'lost'"
        ).fetchone()
        assert lost == (3,)
        assert db.execute("SELECT count(*) FROM commits WHERE changed = 1").fetchone() == (4,)
        indexes = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"item_ids_by_id", "events_by_date", "unit_events_by_unit"} <= indexes
    finally:
        db.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["E11"], "did you mean 'E1'"),
        (["--unit", "丁镇"], "unknown unit"),
        (["--since", "2023-13-01"], "YYYY-MM-DD"),
        (["--format", "xml"], "--format xml"),
        (["--kind", "bogus"], "--kind bogus"),
        (["--path", "nowhere"], "does not exist"),
        (["--department", "nobody"], "unknown department"),
        (["E1", "--unit", "yi"], "not both"),
    ],
)
def test_bad_input_is_one_message_and_exit_2(
    run_cli: RunCli, timeline: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(timeline)
    result = run_cli("history", *args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_shallow_clone_names_the_fix(
    run_cli: RunCli, timeline: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{timeline}", str(clone)],
        check=True,
        capture_output=True,
    )
    monkeypatch.chdir(clone)
    result = run_cli("history")
    assert result.exit_code == 2 and "git fetch --unshallow" in result.stderr
    # the revision before the only commit of the clone: no typo, but the clone's depth
    diff = run_cli("diff", "HEAD~1:catalogs", "catalogs")
    assert diff.exit_code == 2
    assert "HEAD~1" in diff.stderr and "git fetch --unshallow" in diff.stderr
    typo = run_cli("diff", "no-such-rev:catalogs", "catalogs")
    assert typo.exit_code == 2 and "no-such-rev" in typo.stderr


def test_outside_a_repository(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("history")
    assert result.exit_code == 2 and "not inside a git repository" in result.stderr


def test_control_characters_in_catalog_text_are_escaped(
    run_cli: RunCli, new_repo: Callable[[str], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = new_repo("escapes")
    folder = repo.root / "catalogs"
    folder.mkdir()
    fixtures = GOLDEN.parent
    (folder / "jurisdiction.yaml").write_bytes((fixtures / "jurisdiction.yaml").read_bytes())
    text = (fixtures / "versions" / "1-start.yaml").read_text(encoding="utf-8")
    (folder / "empowerment.yaml").write_text(text, encoding="utf-8")
    repo.commit("2024-01-01T10:00:00+08:00", "title \x1b]0;owned\x07 \x1b[2J")
    # a name holding escapes does not validate: the commit is stepped over, and said so
    text = text.replace("name: 事项一", 'name: "事项一\\e]0;owned\\a\\e[2J"')
    (folder / "empowerment.yaml").write_text(text, encoding="utf-8")
    repo.commit("2024-02-01T10:00:00+08:00", "escapes")
    monkeypatch.chdir(repo.root)
    for fmt in ("text", "markdown"):
        result = run_cli("history", "E1", "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\a" not in result.stdout
        assert "]0;owned" in result.stdout  # shown, escaped
        assert "does not validate" in result.stdout
    assert "\\u001b]0;owned" in run_cli("history", "E1").stdout  # the commit's subject
