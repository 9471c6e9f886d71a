"""`dutylist audit` end to end: exit codes, --fail-on, --accept, configuration errors,
the output formats and the per-unit problem lists."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]
CASES = Path(__file__).resolve().parent.parent / "fixtures" / "audit"


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Copy a rule case's catalog into a fresh folder and work from there."""
    monkeypatch.chdir(tmp_path)

    def copy(rule: str) -> Path:
        target = tmp_path / rule
        shutil.copytree(CASES / rule / "catalog", target)
        return target

    return copy


def test_error_findings_fail_by_default(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    root = case("reclaimed-still-devolved")
    result = run_cli("audit", str(root))
    assert result.exit_code == 1
    assert "reclaimed-still-devolved" in result.stdout


@pytest.mark.parametrize(("fail_on", "code"), [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on(run_cli: RunCli, case: Callable[[str], Path], fail_on: str, code: int) -> None:
    root = case("return-candidate")
    assert run_cli("audit", str(root), "--fail-on", fail_on).exit_code == code


def test_accepted_findings_do_not_fail(
    run_cli: RunCli, case: Callable[[str], Path], tmp_path: Path
) -> None:
    root = case("return-candidate")
    records = json.loads(run_cli("audit", str(root), "--format", "json").stdout)["findings"]
    warning = next(r for r in records if r["severity"] == "warning")
    accept = tmp_path / "accepted.yaml"
    accept.write_text(
        f"# 复核意见 2024-09\n- {warning['fingerprint']}  # 水务局: 汛期前保留\n", encoding="utf-8"
    )
    args = ("audit", str(root), "--fail-on", "warning", "--accept", str(accept))
    assert run_cli(*args).exit_code == 0
    again = json.loads(run_cli(*args, "--format", "json").stdout)["findings"]
    assert [r["accepted"] for r in again if r["fingerprint"] == warning["fingerprint"]] == [True]
    assert "1 accepted" in run_cli(*args).stdout
    assert "::warning" not in run_cli(*args, "--format", "github").stdout


def test_unknown_config_key_is_exit_2_at_its_line(
    run_cli: RunCli, case: Callable[[str], Path], tmp_path: Path
) -> None:
    root = case("return-candidate")
    (tmp_path / ".git").mkdir()
    (tmp_path / "dutylist.yaml").write_text("audit:\n  weak_share: 0.5\n  weakshare: 1\n")
    result = run_cli("audit", str(root))
    assert result.exit_code == 2
    assert "dutylist.yaml:3" in result.stderr
    assert "audit.weakshare" in result.stderr
    other = tmp_path / "other.yaml"
    other.write_text("audit:\n  severity: {return-candidate: error}\n")
    assert run_cli("audit", str(root), "--config", str(other)).exit_code == 1


def test_json_has_the_spec_keys(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    root = case("one-size-fits-all")
    data = json.loads(run_cli("audit", str(root), "--format", "json").stdout)
    first = next(f for f in data["findings"] if f["item"] == "X-1")
    for key in ("rule", "severity", "item", "units", "suggestion", "keep", "message"):
        assert key in first
    assert first["units"] == ["tb", "tc"] and first["keep"] == ["ta", "td"]
    assert "丙乡" in first["message"] and "capacity none" in first["message"]
    assert data["period"] == "2024-H2"


def test_github_annotations_point_at_the_item(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    root = case("one-size-fits-all")
    lines = run_cli("audit", str(root), "--format", "github").stdout.splitlines()
    x1 = next(line for line in lines if "X-1" in line)
    assert x1.startswith("::warning file=one-size-fits-all/empowerment.yaml,line=7,")
    assert "title=DL301 one-size-fits-all::" in x1


def test_text_reads_as_a_review(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    root = case("one-size-fits-all")
    zh = run_cli("audit", str(root), "--lang", "zh").stdout
    assert "调整建议" in zh and "一刀切" in zh
    assert "建议收回" in zh and "保留：甲镇、丁街道" in zh
    en = run_cli("audit", str(root), "--by", "unit").stdout
    assert "Decisions" in en and "乙镇" in en
    md = run_cli("audit", str(root), "--format", "markdown").stdout
    assert md.startswith("# Audit of 测试市")
    assert "## 交通运输局" in md and "| X-1 事项一 |" in md


def test_no_assessment_is_said(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    root = case("grid-link")
    result = run_cli("audit", str(root))
    assert "skipped one-size-fits-all: no assessment data" in result.stdout


def test_by_unit_writes_one_list_per_unit(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    root = case("one-size-fits-all")
    result = run_cli("audit", str(root), "--by", "unit", "-o", "lists", "--lang", "zh")
    assert result.exit_code == 0
    names = {p.name for p in Path("lists").iterdir()}
    assert names == {"丁街道-td.md", "丙乡-tc.md", "乙镇-tb.md", "甲镇-ta.md", "市级部门.md"}
    tc = Path("lists/丙乡-tc.md").read_text(encoding="utf-8")
    assert tc.startswith("# 丙乡问题清单")
    assert "办理3件，承接能力无" in tc  # its own evidence for X-1
    assert "| 不再赋予本单位（差异化赋权） |" in tc  # the column is headed 建议: no label again
    assert "X-2" not in tc.split("|")  # not its problem


def test_by_unit_xlsx_holds_values_not_formulas(
    run_cli: RunCli, case: Callable[[str], Path]
) -> None:
    from openpyxl import load_workbook

    root = case("missing-support")
    catalog = root / "empowerment.yaml"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace("name: 事项二", 'name: "=1+1"'),
        encoding="utf-8",
    )
    assert run_cli("audit", str(root), "--format", "xlsx", "-o", "audit.xlsx").exit_code == 0
    sheet = load_workbook("audit.xlsx").active
    assert sheet is not None
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert "=1+1" in values
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "=1+1")
    assert cell.data_type == "s"
    run_cli("audit", str(root), "--by", "unit", "--format", "xlsx", "-o", "out")
    assert sorted(p.suffix for p in Path("out").iterdir()) == [".xlsx"] * 5


def test_previous_finds_items_without_admission(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASES / "missing-admission")
    result = run_cli("audit", "catalog", "--previous", "previous", "--format", "json")
    assert result.exit_code == 1
    items = [
        f["item"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "missing-admission"
    ]
    assert sorted(items) == ["A-2", "A-4"]


def test_default_path_is_the_only_jurisdiction(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(CASES / "grid-link" / "catalog", tmp_path / "catalogs" / "a")
    assert "T-2" in run_cli("audit").stdout
    shutil.copytree(CASES / "grid-link" / "catalog", tmp_path / "catalogs" / "b")
    result = run_cli("audit")
    assert result.exit_code == 2
    assert "several jurisdictions" in result.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--format", "xlsx"), "needs -o"),
        (("--assessment", "missing.csv"), "no such assessment file"),
        (("--accept", "missing.txt"), "cannot read the accept file"),
    ],
)
def test_bad_invocations_exit_2(
    run_cli: RunCli, case: Callable[[str], Path], args: tuple[str, ...], words: str
) -> None:
    root = case("one-size-fits-all")
    result = run_cli("audit", str(root), *args)
    assert result.exit_code == 2
    assert words in result.stderr


def test_bad_assessment_rows_exit_2(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    root = case("one-size-fits-all")
    table = root / "assessments" / "2024-H2.csv"
    table.write_text(table.read_text(encoding="utf-8") + "X-2,ta,2024-H2,3,plenty,强,\n")
    result = run_cli("audit", str(root))
    assert result.exit_code == 2
    assert "2024-H2.csv:23" in result.stderr


# --- what a new user reads (review of 2026-11) ---------------------------------------------

ROOT = Path(__file__).resolve().parents[2]


def _lines_of(text: str, item: str, code: str) -> list[str]:
    """The finding line of `code` for `item` and the lines under it, up to the next finding."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if f"{code} " in line and f" {item} " in line)
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    return lines[start:end]


def test_revoke_names_every_unit_of_the_scope(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    """A revoke takes the power from every unit it is devolved to, not only the assessed ones."""
    root = case("revoke-scope")
    en = run_cli("audit", str(root), "--lang", "en").stdout
    zh = run_cli("audit", str(root), "--lang", "zh").stdout
    assert "→ suggestion: revoke from all 4 units" in en
    assert "→ suggestion: revoke from 甲镇, 乙镇, 丙乡" in en  # 丙乡 is listed, not assessed
    assert "(from:" not in en
    assert "→ 建议收回（全部4个乡镇（街道））" in zh
    assert "→ 建议收回（甲镇、乙镇、丙乡）" in zh
    assert "涉及：" not in zh


def test_revoke_json_is_unchanged(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    root = case("revoke-scope")
    found = json.loads(run_cli("audit", str(root), "--format", "json").stdout)["findings"]
    (revoke,) = [f for f in found if f["rule"] == "one-size-fits-all"]
    assert (revoke["suggestion"], revoke["keep"], revoke["units"]) == (
        "revoke",
        [],
        ["ta", "tb", "tc"],
    )


def test_reclaimed_does_not_contradict_a_revoke(
    run_cli: RunCli, case: Callable[[str], Path]
) -> None:
    root = case("revoke-scope")
    en = run_cli("audit", str(root), "--lang", "en").stdout
    zh = run_cli("audit", str(root), "--lang", "zh").stdout
    revoked = "\n".join(_lines_of(en, "V-1", "DL307"))
    assert revoked.lstrip().startswith("error DL307")
    assert "remove 乙镇 from the scope" in revoked
    assert "the item is also suggested for revoke, see DL301" in revoked
    assert "keep" not in revoked
    assert "该事项另被建议收回（见DL301）" in "\n".join(_lines_of(zh, "V-1", "DL307"))
    # the same rule on an item nobody suggests revoking: the others do keep it
    assert "the other 3 units keep it" in "\n".join(_lines_of(en, "V-3", "DL307"))


def test_english_summary_counts_agree(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    root = case("revoke-scope")
    records = json.loads(run_cli("audit", str(root), "--format", "json").stdout)["findings"]
    kept = next(
        f for f in records if f["rule"] == "reclaimed-still-devolved" and f["item"] == "V-3"
    )
    Path("accepted.txt").write_text(kept["fingerprint"] + "\n", encoding="utf-8")
    plain = run_cli("audit", str(root), "--lang", "en").stdout
    accepted = run_cli("audit", str(root), "--lang", "en", "--accept", "accepted.txt").stdout
    assert "4 findings: 2 errors, 2 warnings, 0 info" in plain
    assert "3 findings: 1 error, 2 warnings, 0 info" in accepted
    assert "1 errors" not in accepted


def test_markdown_shows_the_suggestion_label_once(
    run_cli: RunCli, case: Callable[[str], Path]
) -> None:
    root = case("revoke-scope")
    en = run_cli("audit", str(root), "--format", "markdown", "--lang", "en").stdout
    zh = run_cli("audit", str(root), "--format", "markdown", "--lang", "zh").stdout
    rows = [line for line in en.splitlines() if line.startswith("| ") and "DL3" in line]
    assert rows
    assert not any("suggestion:" in row for row in rows)
    assert any("| revoke from all 4 units |" in row for row in rows)
    zh_rows = [line for line in zh.splitlines() if line.startswith("| ") and "DL3" in line]
    assert any("| 收回（全部4个乡镇（街道）） |" in row for row in zh_rows)
    assert not any("| 建议" in row for row in zh_rows)


def test_fail_on_none_reports_but_never_fails(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    root = case("reclaimed-still-devolved")
    result = run_cli("audit", str(root), "--fail-on", "none")
    assert result.exit_code == 0
    assert "reclaimed-still-devolved" in result.stdout  # the findings are still reported


def test_make_demo_audit_lines_succeed(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`make demo` must print no make error line: its audit commands exit 0 on the shipped
    catalog (which has an error finding on purpose), without make's `-` ignore prefix."""
    recipe = (ROOT / "Makefile").read_text(encoding="utf-8").split("\ndemo:", 1)[1]
    recipe = recipe.split("\n\n", 1)[0]
    lines = [line.strip() for line in recipe.splitlines() if "dutylist audit" in line]
    assert lines
    monkeypatch.chdir(ROOT)
    for line in lines:
        assert not line.startswith("-"), line
        args = line.split("dutylist ", 1)[1].split()
        if "-o" in args:  # write the problem lists into the test's folder, not the repo's out/
            args[args.index("-o") + 1] = str(tmp_path / "lists")
        assert run_cli(*args).exit_code == 0, line


def test_rules_lists_chinese_summaries(run_cli: RunCli) -> None:
    zh = run_cli("rules", "--lang", "zh").stdout
    en = run_cli("rules", "--lang", "en").stdout
    line = next(line for line in zh.splitlines() if line.startswith("DL301"))
    assert "一刀切" in line and "devolved to every unit" not in line
    assert "devolved to every unit" in next(x for x in en.splitlines() if x.startswith("DL301"))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("columns", ["80", "100"])
def test_rules_fit_the_terminal(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, lang: str, columns: str
) -> None:
    from dutylist.report.layout import cell_len
    from dutylist.report.rules import rule_records

    monkeypatch.setenv("COLUMNS", columns)
    lines = run_cli("rules", "--lang", lang).stdout.splitlines()
    assert max(cell_len(line) for line in lines) <= int(columns)
    at = cell_len(lines[0]) - cell_len(lines[0].split()[-1])  # where the summary column starts

    def summary_part(line: str) -> str:
        cells = 0
        for i, char in enumerate(line):
            if cells >= at:
                return line[i:]
            cells += cell_len(char)
        return ""

    text = "".join(summary_part(line) for line in lines)
    starts = [line.split()[0] for line in lines[1:] if not line.startswith(" ")]
    records = rule_records()
    assert starts == [r["code"] for r in records]  # one record per code, wrapped under it
    for r in records:  # every summary is there whole, wrapped at the width
        summary = r["summary_zh"] if lang == "zh" else r["summary"]
        assert summary.replace(" ", "") in text.replace(" ", ""), r["code"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "audit:\n  severity:\n    zero-uptake: critical\n",
            "dutylist.yaml:3: `audit.severity.zero-uptake` must be one of error, warning, info, "
            "not 'critical'",
        ),
        (
            "audit:\n  unfit_share: lots\n",
            "dutylist.yaml:2: `audit.unfit_share` must be a number, not 'lots'",
        ),
        (
            "audit:\n  min_cases: -1\n",
            "dutylist.yaml:2: `audit.min_cases` must be at least 0, not -1",
        ),
        (
            "audit:\n  disable:\n    - zero-uptake\n    - 3\n",
            "dutylist.yaml:4: entry 2 of `audit.disable` must be text, not 3",
        ),
    ],
)
def test_config_errors_are_one_clear_sentence(
    run_cli: RunCli, case: Callable[[str], Path], text: str, expected: str
) -> None:
    root = case("return-candidate")
    Path("dutylist.yaml").write_text(text, encoding="utf-8")
    result = run_cli("audit", str(root), "--config", "dutylist.yaml")
    assert result.exit_code == 2
    assert expected in result.stderr
    for raw in ("Input should", "Value error", "audit.disable.1"):
        assert raw not in result.stderr


def test_per_unit_lists_show_a_revoke_to_every_unit_of_the_scope(
    run_cli: RunCli, case: Callable[[str], Path]
) -> None:
    """丁街道 has no assessment row for V-1 (`scope: all`), yet a revoke takes it away: its
    problem list must say so; V-2 (listed, 丁街道 not in it) stays out of its list."""
    root = case("revoke-scope")
    assert run_cli("audit", str(root), "--by", "unit", "-o", "lists", "--lang", "zh").exit_code == 1
    td = Path("lists/丁街道-td.md").read_text(encoding="utf-8")
    tc = Path("lists/丙乡-tc.md").read_text(encoding="utf-8")
    v1 = next(line for line in td.splitlines() if "V-1" in line)
    assert "| 未评估 |" in v1 and "| 收回，由市级部门实施 |" in v1
    assert "V-2" not in td
    assert any("V-2" in line and "| 未评估 |" in line for line in tc.splitlines())


@pytest.mark.parametrize(("fmt", "suffix"), [("json", "json"), ("text", "txt"), ("xlsx", "xlsx")])
def test_by_unit_writes_the_format_asked_for(
    run_cli: RunCli, case: Callable[[str], Path], fmt: str, suffix: str
) -> None:
    """Each per-unit file is in --format's own format and suffix (json was written as Markdown)."""
    root = case("one-size-fits-all")
    result = run_cli("audit", str(root), "--by", "unit", "--format", fmt, "-o", "lists")
    assert result.exit_code == 0
    files = sorted(Path("lists").iterdir())
    assert files and all(p.suffix == f".{suffix}" for p in files)
    if fmt == "json":
        record = json.loads(files[0].read_text(encoding="utf-8"))
        assert {"findings", "unit", "title"} <= set(record)
        assert not files[0].read_text(encoding="utf-8").startswith("#")


def test_by_unit_refuses_a_format_that_cannot_be_split(
    run_cli: RunCli, case: Callable[[str], Path]
) -> None:
    root = case("one-size-fits-all")
    result = run_cli("audit", str(root), "--by", "unit", "--format", "github", "-o", "lists")
    assert result.exit_code == 2
    assert "cannot write one file per unit" in result.stderr
    assert not Path("lists").exists()


def test_audit_format_must_fit_the_output_suffix(
    run_cli: RunCli, case: Callable[[str], Path]
) -> None:
    root = case("one-size-fits-all")
    result = run_cli("audit", str(root), "--format", "text", "-o", "audit.json")
    assert result.exit_code == 2
    assert "does not write a .json file" in result.stderr
    implied = run_cli("audit", str(root), "-o", "audit.json", "--fail-on", "none")
    assert implied.exit_code == 0
    assert "findings" in json.loads(Path("audit.json").read_text(encoding="utf-8"))


def test_a_county_names_its_own_departments(run_cli: RunCli, case: Callable[[str], Path]) -> None:
    """凤冈县 has 县级部门, not 市级部门: the per-unit lists, their revoke suggestion and the
    file of findings that concern no unit are named after the jurisdiction's kind."""
    root = case("revoke-scope")
    juris = root / "jurisdiction.yaml"
    juris.write_text(juris.read_text(encoding="utf-8").replace("测试市", "测试县"), "utf-8")
    assert run_cli("audit", str(root), "--by", "unit", "-o", "lists", "--lang", "zh").exit_code == 1
    names = {p.name for p in Path("lists").iterdir()}
    assert "县级部门.md" in names and "市级部门.md" not in names
    td = Path("lists/丁街道-td.md").read_text(encoding="utf-8")
    assert "| 收回，由县级部门实施 |" in td and "市级部门" not in td


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("catalogs/jinghong/assessments/2024-H2.csv", "is an assessment table, not a catalog"),
        (
            "catalogs/jinghong/jurisdiction.yaml",
            "is the registry of its jurisdiction, not a catalog",
        ),
        ("README.md", "is not a catalog (a catalog is a .yaml or .yml file)"),
    ],
)
def test_audit_of_a_file_that_is_no_catalog_exits_2(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, path: str, says: str
) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    result = run_cli("audit", path)
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr == (
        f"dutylist: error: {path} {says}; audit takes a jurisdiction folder or a catalog file "
        "(an assessment table goes with --assessment FILE)\n"
    )


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (",gasa,", ",gasaa,", "unit 'gasaa' is neither an id nor a name"),
        ("JH-WJ-001,", "JH-WJ-0001,", "'JH-WJ-0001' is not an item of the empowerment catalog"),
    ],
)
def test_rows_naming_what_the_lists_lack_stop_the_audit(
    run_cli: RunCli, shipped: Path, old: str, new: str, said: str
) -> None:
    folder = shipped / "catalogs" / "jinghong"
    table = folder / "assessments" / "2024-H2.csv"
    text = table.read_text(encoding="utf-8")
    assert old in text
    table.write_text(text.replace(old, new), encoding="utf-8")
    result = run_cli("audit", str(folder), "--fail-on", "none")
    assert result.exit_code == 2
    assert said in result.stderr and "2024-H2.csv:" in result.stderr
    assert "fix the assessment table before the audit" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("where", [".", "lists", "duties/lists"])
def test_problem_lists_are_never_written_among_the_catalogs(
    run_cli: RunCli, shipped: Path, where: str
) -> None:
    folder = shipped / "catalogs" / "jinghong"
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    result = run_cli("audit", str(folder), "--by", "unit", "-o", str(folder / where))
    assert result.exit_code == 2
    assert "outside the catalogs" in result.stderr
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
