"""`dutylist diff` end to end: formats, output files, filters, exit codes, bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).resolve().parent.parent / "fixtures" / "diff"
RunCli = Callable[..., Any]


def _case(name: str) -> tuple[str, str]:
    return str(CASES / name / "old"), str(CASES / name / "new")


def test_json_is_spec_shaped(run_cli: RunCli) -> None:
    result = run_cli("diff", *_case("merged"), "--format", "json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert list(record) == ["old", "new", "summary", "changes", "catalogs"]
    assert record["summary"] == {"merged": 1, "unchanged": 2}
    assert record["changes"][0]["old_ids"] == ["T-3", "T-4"]


def test_single_files_have_no_catalogs_key(run_cli: RunCli) -> None:
    old, new = _case("scope")
    result = run_cli("diff", f"{old}/empowerment.yaml", f"{new}/empowerment.yaml", "-f", "json")
    record = json.loads(result.stdout)
    assert "catalogs" not in record
    assert record["old"]["version"] == "2023"
    assert record["summary"]["differentiated"] == 2


@pytest.mark.parametrize(("name", "code"), [("unchanged", 0), ("scope", 1)])
def test_exit_code(run_cli: RunCli, name: str, code: int) -> None:
    assert run_cli("diff", *_case(name), "--exit-code").exit_code == code
    assert run_cli("diff", *_case(name)).exit_code == 0


def test_only_and_department(run_cli: RunCli) -> None:
    result = run_cli("diff", *_case("reclassified"), "-f", "json", "--only", "amended")
    record = json.loads(result.stdout)
    assert [c["id"] for c in record["changes"]] == ["C-1"]
    assert record["summary"] == {"amended": 1}
    result = run_cli("diff", *_case("reclassified"), "-f", "json", "--department", "transport")
    assert [c["id"] for c in json.loads(result.stdout)["changes"]] == ["T-1"]


def test_only_rejects_unknown_class(run_cli: RunCli) -> None:
    result = run_cli("diff", *_case("merged"), "--only", "deleted")
    assert result.exit_code == 2
    assert "unknown class deleted" in result.stderr


@pytest.mark.parametrize("ratio", ["0.8", "80"])
def test_similarity_ratio_or_percent(run_cli: RunCli, ratio: str) -> None:
    result = run_cli("diff", *_case("similarity"), "-f", "json", "--similarity", ratio)
    classes = [c["classes"] for c in json.loads(result.stdout)["changes"]]
    assert ["recoded", "renamed"] in classes


def test_similarity_out_of_range(run_cli: RunCli) -> None:
    result = run_cli("diff", *_case("similarity"), "--similarity", "150")
    assert result.exit_code == 2
    assert "--similarity" in result.stderr


def test_output_file_csv_with_bom(run_cli: RunCli, tmp_path: Path) -> None:
    target = tmp_path / "changes.csv"
    result = run_cli("diff", *_case("revoked-removed"), "-f", "changes-csv", "-o", str(target))
    assert result.exit_code == 0
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 4  # header + one row per change
    assert lines[2].split(",")[2] == "revoked"


def test_chinese_text(run_cli: RunCli) -> None:
    result = run_cli("diff", *_case("renamed-differentiated"), "--lang", "zh")
    assert "差异化" in result.stdout
    assert "(+更名)" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_markdown(run_cli: RunCli) -> None:
    result = run_cli("diff", *_case("split"), "-f", "markdown")
    assert "## Catalog changes" in result.stdout
    assert "| F-1 → F-11 |" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing-a", "missing-b"], "no such file or folder"),
        (["CASE/old", "CASE/new/empowerment.yaml"], "two catalog files or two folders"),
    ],
)
def test_bad_input_exit_2(run_cli: RunCli, args: list[str], message: str) -> None:
    result = run_cli("diff", *[a.replace("CASE", str(CASES / "merged")) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_catalog_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("dutylist: 1\ncatalog: {kind: empowerment}\nitems: []\n", encoding="utf-8")
    result = run_cli("diff", str(bad), str(bad))
    assert result.exit_code == 2
    assert "dutylist validate" in result.stderr


def test_driver_needs_seven_arguments(run_cli: RunCli) -> None:
    result = run_cli("git-diff-driver", "a", "b")
    assert result.exit_code == 2
    assert "7 arguments" in result.stderr


def test_driver_falls_back_to_a_line_diff(run_cli: RunCli, tmp_path: Path) -> None:
    a, b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    a.write_text("x: 1\n", encoding="utf-8")
    b.write_text("x: 2\n", encoding="utf-8")
    result = run_cli(
        "git-diff-driver", "notes.yaml", str(a), "0" * 7, "100644", str(b), "1" * 7, "100644"
    )
    assert result.exit_code == 0
    assert "-x: 1" in result.stdout
    assert "+x: 2" in result.stdout


def test_heavy_libraries_stay_unloaded() -> None:
    """The diff command module must not slow down `dutylist validate` (pre-commit path)."""
    code = (
        "import sys, dutylist.cli, dutylist.commands.diff, dutylist.diff;"
        "print(sorted(m for m in ('deepdiff', 'rapidfuzz', 'pandas', 'openpyxl') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
