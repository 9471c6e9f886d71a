"""With Chinese output no English sentence is left: every command on good and broken input.

What stays as it is (spec section 10) is stripped first: ids, codes, file names and paths,
field names, enum values, option names, quoted values and `code spans`, ALL-CAPS metavars.
What is left must hold no run of two English words: `unknown field` is caught, `scope`
or `DL102 unknown-field` is not.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import FIXTURES, ROOT, RunCli

from dutylist.audit.rules import RULES
from dutylist.checks import all_checks
from dutylist.i18n import CATEGORY, ENUM_LABELS, FIELD, KIND
from dutylist.model.catalog import ITEM_MODELS
from dutylist.model.registry import JurisdictionFile

INVALID = FIXTURES / "catalogs" / "invalid"

_STRIP = (
    re.compile(r"`[^`\n]*`"),  # code spans: field names, YAML to write
    re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”|‘[^’\n]*’"),  # quoted values and ids
    re.compile(r"\S*[/\\]\S*"),  # paths, REV:PATH, a/b choices
    re.compile(r"\S+\.(?:ya?ml|json|csv|xlsx|md|txt|po)\b"),  # file names
    re.compile(r"(?<![\w-])--?[A-Za-z][\w-]*"),  # option names
    re.compile(r"\b[\w.]*[\d_-][\w.-]*\b"),  # ids, codes, dates, kebab-case names
    re.compile(r"\b[A-Z][A-Z0-9]+\b"),  # metavars, YAML, UTF, GBK
    re.compile(r"\b(?:https?|file)://\S+"),
)
_ENGLISH_RUN = re.compile(r"\b[A-Za-z]{2,}(?:[ \t]+[A-Za-z]{2,})+\b")


def _format_words() -> set[str]:
    """Words of the format that stay as they are: field names, enum values, kinds, names."""
    words = {"dutylist", "git", "all", "yaml", "xlsx", "csv", "json", "markdown", "github"}
    words |= {"text", "zh", "en", "jurisdiction", "catalog", "items", "posts", "units"}
    words |= {"departments", "admission", "support", "kind", "title", "version", "none"}
    words |= set(FIELD) | set(KIND) | set(CATEGORY)
    for table in ENUM_LABELS.values():
        words |= set(table)
    for model in ITEM_MODELS.values():
        words |= set(model.model_fields)
    words |= set(JurisdictionFile.model_fields)
    words |= {"adequate", "limited", "strong", "moderate", "weak", "cases", "capacity"}
    words |= {"willingness", "period", "item", "unit", "note", "town", "township", "street"}
    words |= {"village", "community", "province", "city", "county", "error", "warning", "info"}
    words |= {"differentiate", "revoke", "merge", "fix", "devolve", "entrust"}
    # single-word check and rule names (kebab-case ones are stripped as ids)
    words |= {c.name for c in all_checks()} | {r.name for r in RULES}
    return {w.lower() for w in words}


FORMAT_WORDS = _format_words()


def english_runs(text: str, own_words: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Runs of English words left once what stays as it is has been taken out."""
    for pattern in _STRIP:
        text = pattern.sub(" ", text)
    allowed = FORMAT_WORDS | own_words
    kept = re.sub(
        r"[A-Za-z]+", lambda m: " " if m.group(0).lower() in allowed else m.group(0), text
    )
    return [m.group(0) for m in _ENGLISH_RUN.finditer(kept)]


def test_the_detector_finds_sentences_and_passes_ids() -> None:
    assert english_runs("错误 DL102 未知字段 unknown field 'catagory': did you mean") == [
        "unknown field",
        "did you mean",
    ]
    assert english_runs("empowerment.yaml:12:5 错误 DL102 unknown-field 未知字段 `catagory`") == []
    assert english_runs("JH-JT-001 景洪市交通运输局 scope all 差异化 gasa, menghan") == []
    assert english_runs("用法：dutylist validate [OPTIONS] [PATHS]...") == []
    assert english_runs("dutylist: 错误：no such file or folder: nowhere") == [
        "no such file or folder"
    ]
    assert english_runs("Invalid value for '--format'") == ["Invalid value for"]


def _xlsx_text(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if isinstance(value, str)
    ]
    book.close()
    return "\n".join(cells)


def _outputs(out: Path) -> Iterator[tuple[str, str]]:
    for path in sorted(out.rglob("*")) if out.exists() else ():
        if path.suffix == ".xlsx":
            yield path.name, _xlsx_text(path)
        elif path.is_file() and path.suffix in (".md", ".csv", ".txt"):
            yield path.name, path.read_text(encoding="utf-8-sig")


def _invalid_inputs() -> list[str]:
    found = [str(p.relative_to(ROOT)) for p in sorted(INVALID.iterdir()) if p.is_dir()]
    found += [
        str(p.relative_to(ROOT))
        for p in sorted(INVALID.rglob("*.yaml"))
        if p.name != "jurisdiction.yaml"
    ]
    return found


GOOD = ["catalogs", "catalogs/jinghong", "examples/jinghong-2023", "examples/jinghong-2024"]

CASES: list[tuple[str, ...]] = [
    *(("validate", path) for path in GOOD),
    *(("validate", path) for path in _invalid_inputs()),
    ("validate", "catalogs/jinghong", "--format", "github"),
    ("validate", "nowhere"),
    ("validate", "--format", "bogus"),
    ("validate", "--bogus"),
    ("validate", "--lang", "xx"),
    ("rules",),
    ("diff", "examples/jinghong-2023", "examples/jinghong-2024"),
    ("diff", "examples/jinghong-2023", "examples/jinghong-2024", "--format", "markdown"),
    ("diff", "examples/jinghong-2023", "examples/jinghong-2024", "--format", "csv"),
    (
        "diff",
        "examples/jinghong-2023",
        "examples/jinghong-2024",
        "--format",
        "xlsx",
        "-o",
        "{out}/d.xlsx",
    ),
    ("diff", "examples/jinghong-2023", "examples/jinghong-2024", "--format", "xlsx"),
    ("diff", "examples/jinghong-2023/empowerment.yaml", "examples/jinghong-2024/empowerment.yaml"),
    ("diff", "examples/jinghong-2023", "nowhere"),
    ("diff", "examples/jinghong-2023"),
    ("diff", "examples/jinghong-2023", "examples/jinghong-2024", "--similarity", "abc"),
    ("diff", "examples/jinghong-2023", "examples/jinghong-2024", "--only", "bogus"),
    ("diff", "NOSUCHREV:catalogs/jinghong", "catalogs/jinghong"),
    ("diff", "tests/fixtures/catalogs/invalid/empowerment", "catalogs/jinghong"),
    ("audit", "catalogs/jinghong", "--fail-on", "none"),
    ("audit", "catalogs/jinghong", "--fail-on", "none", "--format", "markdown"),
    ("audit", "catalogs/jinghong", "--fail-on", "none", "--format", "github"),
    ("audit", "catalogs/jinghong", "--fail-on", "none", "--format", "xlsx", "-o", "{out}/a.xlsx"),
    ("audit", "catalogs/jinghong", "--fail-on", "none", "--by", "unit", "-o", "{out}/units"),
    ("audit", "catalogs/jinghong", "--previous", "examples/jinghong-2023", "--fail-on", "none"),
    ("audit", "examples/jinghong-2024", "--fail-on", "none"),
    ("audit", "catalogs/jinghong", "--fail-on", "bogus"),
    ("audit", "catalogs/jinghong", "--assessment", "nowhere.csv"),
    ("audit", "tests/fixtures/catalogs/invalid/assessment"),
    ("audit", "tests/fixtures/catalogs/invalid/empowerment"),
    ("audit", "nowhere"),
    ("report", "--month", "2024-13", "-o", "{out}/r.xlsx"),
    ("report", "--month", "2024-08", "nowhere", "-o", "{out}/r.xlsx"),
    ("report", "--month", "2024-08"),
    ("fmt", "--check", "catalogs"),
    ("fmt", "--check", "tests/fixtures/catalogs/invalid/reading"),
    ("fmt", "nowhere"),
    ("import", "examples/import/赋权事项清单.csv", "--kind", "empowerment", "-o", "{out}/e.yaml"),
    ("import", "examples/import/赋权事项清单.csv", "--kind", "bogus", "-o", "{out}/e.yaml"),
    ("import", "nowhere.csv", "--kind", "empowerment", "-o", "{out}/e.yaml"),
    (
        "import",
        "catalogs/jinghong/jurisdiction.yaml",
        "--kind",
        "empowerment",
        "-o",
        "{out}/e.yaml",
    ),
    ("export", "catalogs/jinghong/empowerment.yaml", "-o", "{out}/x.xlsx"),
    ("export", "catalogs/jinghong/empowerment.yaml", "--public", "-o", "{out}/x.xlsx"),
    ("export", "nowhere.yaml", "-o", "{out}/x.xlsx"),
    ("export", "catalogs/jinghong/empowerment.yaml", "-o", "{out}/x.txt"),
    ("init", "{out}/repo", "--name", "勐海县", "--code", "532822"),
    ("init", "{out}/repo", "--code", "12"),
    ("diff", "HEAD:catalogs/jinghong", "catalogs/jinghong"),
    ("report", "--from", "HEAD", "catalogs/jinghong", "-o", "{out}/r.xlsx", "--markdown", "-"),
    ("audit", "catalogs/jinghong", "--config", "nowhere.yaml"),
    ("audit", "catalogs/jinghong", "--accept", "catalogs/jinghong/jurisdiction.yaml"),
    ("import", "examples/import/赋权事项清单.csv", "--kind", "duties", "-o", "{out}/d.yaml"),
    ("import", "examples/import/赋权事项清单.csv", "--kind", "territorial", "-o", "{out}/t.yaml"),
    ("rules", "--format", "text"),
    ("schema", "bogus"),
    ("nosuchcommand",),
]


@pytest.mark.parametrize("args", CASES, ids=[" ".join(c) for c in CASES])
def test_chinese_output_has_no_english_sentence(
    args: tuple[str, ...], run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out"
    out.mkdir()
    argv = [a.replace("{out}", str(out)) for a in args]
    if "--lang" in argv:  # a bad --lang falls back to the environment
        monkeypatch.setenv("DUTYLIST_LANG", "zh")
    else:
        argv += ["--lang", "zh"]
    result = run_cli(*argv)
    assert result.exit_code in (0, 1, 2), result.exit_code
    texts = [("stdout", result.stdout), ("stderr", result.stderr), *_outputs(out)]
    leaks = {name: english_runs(text) for name, text in texts}
    leaks = {name: runs for name, runs in leaks.items() if runs}
    assert not leaks, f"English left in Chinese output of {' '.join(args)}: {leaks}"
    assert result.stdout or result.stderr or any(out.iterdir())


def test_nosuchcommand_without_lang_follows_the_environment(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUTYLIST_LANG", "zh")
    result = run_cli("nosuchcommand")
    assert result.exit_code == 2
    assert "错误" in result.stderr and not english_runs(result.stderr)


def test_a_chinese_locale_chooses_chinese(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DUTYLIST_LANG")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    for var in ("LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(var, raising=False)
    result = run_cli("validate", "nowhere")
    assert result.exit_code == 2
    assert result.stderr.startswith("dutylist: 错误：")
    assert not english_runs(result.stderr)


def test_git_is_needed_for_the_cases_that_read_history() -> None:
    assert shutil.which("git"), "git is needed by the report and REV:PATH cases"
