"""`dutylist diff` end to end: formats, output files, filters, exit codes, bad input."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
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


@pytest.mark.parametrize("extra", [[], ["--exit-code"]])
def test_unknown_department_is_an_error(run_cli: RunCli, extra: list[str]) -> None:
    """A misspelt filter used to match nothing and report "no change", exit 0."""
    result = run_cli("diff", *_case("reclassified"), "--department", "trasnport", *extra)
    assert result.exit_code == 2
    assert "unknown department 'trasnport': did you mean 'transport'?" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["景洪市交通运输局", " 景洪市交通運輸局 ", "TRANSPORT"])
def test_department_by_name(run_cli: RunCli, name: str) -> None:
    """The registry name (normalised: spaces, traditional characters, case) selects the id."""
    result = run_cli("diff", *_case("reclassified"), "-f", "json", "--department", name)
    assert result.exit_code == 0, result.stderr
    assert [c["id"] for c in json.loads(result.stdout)["changes"]] == ["T-1"]


def test_only_suggests_the_class(run_cli: RunCli) -> None:
    result = run_cli("diff", *_case("reclassified"), "--only", "ammended")
    assert result.exit_code == 2
    assert "did you mean 'amended'?" in result.stderr


@pytest.mark.parametrize(
    ("suffix", "starts"),
    [
        (".json", b"{"),
        (".md", b"## Catalog changes"),
        (".csv", b"\xef\xbb\xbfDepartment"),
        (".txt", b"Catalog changes"),
        (".log", b"Catalog changes"),
        (".xlsx", b"PK"),
    ],
)
def test_format_follows_the_output_extension(
    run_cli: RunCli, tmp_path: Path, suffix: str, starts: bytes
) -> None:
    target = tmp_path / f"changes{suffix}"
    result = run_cli("diff", *_case("merged"), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith(starts)
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        assert "Changes" in load_workbook(target).sheetnames


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("text", "x.xlsx"),
        ("xlsx", "x.csv"),
        ("xlsx", "x.json"),
        ("xlsx", "x"),
        ("json", "x.md"),
        ("markdown", "x.json"),
        ("changes-csv", "x.xlsx"),
    ],
)
def test_format_contradicting_the_extension_is_refused(
    run_cli: RunCli, tmp_path: Path, fmt: str, name: str
) -> None:
    target = tmp_path / name
    result = run_cli("diff", *_case("merged"), "-f", fmt, "-o", str(target))
    assert result.exit_code == 2
    assert f"--format {fmt}" in result.stderr
    assert not target.exists()


def test_output_never_overwrites_an_input(run_cli: RunCli, tmp_path: Path) -> None:
    old, new = _case("scope")
    for side, folder in (("old", old), ("new", new)):
        (tmp_path / side).mkdir()
        shutil.copy(Path(folder) / "empowerment.yaml", tmp_path / side / "empowerment.yaml")
    target = tmp_path / "new" / "empowerment.yaml"
    before = target.read_bytes()
    result = run_cli(
        "diff",
        str(tmp_path / "old" / "empowerment.yaml"),
        str(target),
        "-f",
        "text",
        "-o",
        str(target),
    )
    assert result.exit_code == 2
    assert "input" in result.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("fmt", ["text", "markdown", "changes-csv"])
def test_english_output_shows_registry_names(run_cli: RunCli, fmt: str) -> None:
    """Department and unit names are data: English output shows them as Chinese does."""
    result = run_cli("diff", *_case("scope"), "-f", fmt, "--lang", "en")
    # terminal tables drop the jurisdiction's prefix (景洪市) before anything else
    assert ("交通运输局" if fmt == "text" else "景洪市交通运输局") in result.stdout
    assert "嘎洒街道" in result.stdout
    assert "transport" not in result.stdout
    assert "gasa" not in result.stdout


def test_english_counts_are_singular_for_one(run_cli: RunCli) -> None:
    result = run_cli("diff", *_case("posts-amended"), "--lang", "en")
    assert "(2023, 1 item)" in result.stdout
    assert "1 items" not in result.stdout


def _width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def test_piped_text_stays_readable(run_cli: RunCli, tmp_path: Path) -> None:
    """Long names and long scopes wrap at 120 columns in a pipe, none cut off with "…"."""
    shutil.copytree(CASES / "scope", tmp_path / "case")
    units = "".join(
        f"- id: u{i}\n  name: 示例自治州示例市第{i}号乡镇人民政府\n  type: town\n"
        for i in range(30)
    )
    for side in ("old", "new"):
        registry = tmp_path / "case" / side / "jurisdiction.yaml"
        text = registry.read_text(encoding="utf-8").replace("units:\n", "units:\n" + units)
        registry.write_text(text, encoding="utf-8")
    long_name = (
        "对在公路上摆摊设点的行政处罚以及"
        + "对在公路用地范围内堆放物品、倾倒垃圾、设置障碍的行政处罚" * 3
    )
    catalog = tmp_path / "case" / "new" / "empowerment.yaml"
    text = catalog.read_text(encoding="utf-8")
    text = text.replace("name: 对在公路上摆摊设点的行政处罚", f"name: {long_name}")
    text = text.replace(
        "  scope:\n  - menglong\n", "  scope:\n" + "".join(f"  - u{i}\n" for i in range(30))
    )
    catalog.write_text(text, encoding="utf-8")
    result = run_cli("diff", str(tmp_path / "case" / "old"), str(catalog.parent), "--lang", "en")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(map(_width, lines)) <= 120
    assert "…" not in result.stdout
    flat = "".join(line.strip() for line in lines)
    assert long_name in flat
    assert "示例自治州示例市第29号乡镇人民政府" in flat


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            "catalogs/jinghong/jurisdiction.yaml",
            "catalogs/jinghong/jurisdiction.yaml",
            "catalogs/jinghong/jurisdiction.yaml is the registry of its jurisdiction, not a catalog",
        ),
        (
            "catalogs/jinghong/assessments/2024-H1.csv",
            "catalogs/jinghong/assessments/2024-H2.csv",
            "catalogs/jinghong/assessments/2024-H1.csv is an assessment table, not a catalog",
        ),
        (
            "catalogs/jinghong/empowerment.yaml",
            "catalogs/laws.yaml",
            "catalogs/laws.yaml is a registry of laws (laws.yaml), not a catalog",
        ),
        (
            "HEAD:catalogs/jinghong/jurisdiction.yaml",
            "catalogs/jinghong/empowerment.yaml",
            "HEAD:catalogs/jinghong/jurisdiction.yaml is the registry of its jurisdiction",
        ),
    ],
)
def test_a_file_that_is_no_catalog_is_named_with_the_reason(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, old: str, new: str, says: str
) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    result = run_cli("diff", old, new)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"dutylist: error: {says}")
    assert result.stderr.rstrip().endswith("give a catalog file or a jurisdiction folder")
    assert result.stderr.count("\n") == 1


@pytest.fixture
def shapes(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """nj/x: two catalogs and no registry; wrap/: a folder of jurisdictions."""
    monkeypatch.chdir(shipped)
    (shipped / "nj" / "x").mkdir(parents=True)
    for name in ("empowerment.yaml", "territorial.yaml"):
        shutil.copy(shipped / "catalogs" / "jinghong" / name, shipped / "nj" / "x" / name)
    shutil.copytree(shipped / "catalogs", shipped / "wrap")
    return shipped


ONE_AND_MANY = (
    "dutylist: error: {one} is a jurisdiction folder, {many} a folder of jurisdictions: give "
    "two jurisdiction folders, or two folders of jurisdictions (paired by their paths)\n"
)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "nj/x",
            "catalogs/jinghong",
            "dutylist: error: nj/x has no jurisdiction.yaml: give a jurisdiction folder or a "
            "catalog file\n",
        ),
        (
            "catalogs/jinghong",
            "nj/x",
            "dutylist: error: nj/x has no jurisdiction.yaml: give a jurisdiction folder or a "
            "catalog file\n",
        ),
        (
            "wrap",
            "examples/jinghong-2024",
            ONE_AND_MANY.format(one="examples/jinghong-2024", many="wrap"),
        ),
        ("catalogs/jinghong", "wrap", ONE_AND_MANY.format(one="catalogs/jinghong", many="wrap")),
    ],
)
def test_a_side_that_is_no_jurisdiction_like_the_other_exits_2(
    shapes: Path, run_cli: RunCli, old: str, new: str, expected: str
) -> None:
    result = run_cli("diff", old, new)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", expected)


def test_two_folders_of_jurisdictions_pair_them_by_path(shapes: Path, run_cli: RunCli) -> None:
    result = run_cli("diff", "wrap", "catalogs", "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["changes"] == []
    assert report["old"]["items"] == report["new"]["items"] > 136


def test_a_whole_tree_from_git_against_one_jurisdiction_exits_2(
    shapes: Path, run_cli: RunCli, git_commit: Callable[[Path, str, str], None]
) -> None:
    subprocess.run(["git", "init", "-q"], cwd=shapes, check=True)
    git_commit(shapes, "2024-06-10T10:00:00+08:00", "catalogs")
    result = run_cli("diff", "HEAD:", "catalogs/jinghong")
    assert result.exit_code == 2
    assert result.stderr == ONE_AND_MANY.format(one="catalogs/jinghong", many="HEAD:")
