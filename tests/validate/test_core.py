"""`dutylist validate` end to end over the fixture catalogs.

Each folder of tests/fixtures/catalogs/invalid/ holds an expected.json: the exact set of
[file, code, line, column] that `--format json` must report. A folder without a
jurisdiction.yaml is validated file by file (the missing-registry case)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutylist.checks import all_checks
from dutylist.validate.core import validate_paths

RunCli = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[2]
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs"
VALID = sorted(p.name for p in (CASES / "valid").iterdir() if p.is_dir())
INVALID = sorted(p.name for p in (CASES / "invalid").iterdir() if p.is_dir())


def _args(case: Path) -> list[str]:
    if (case / "jurisdiction.yaml").exists():
        return ["."]
    return sorted(p.name for p in case.glob("*.yaml"))


def _expected(case: Path) -> set[tuple[str, str, int, int]]:
    rows = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    return {(f, c, line, col) for f, c, line, col in rows}


@pytest.mark.parametrize("name", INVALID)
def test_invalid_case_reports_exactly_the_expected_findings(
    name: str, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = CASES / "invalid" / name
    monkeypatch.chdir(case)
    result = run_cli("validate", *_args(case), "--format", "json")
    assert result.exit_code == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["ok"] is False
    assert report["files"] >= 1
    found = {(e["file"], e["code"], e["line"], e["column"]) for e in report["errors"]}
    assert found == _expected(case)
    assert len(report["errors"]) == len(found), "a finding is reported twice"
    severities = {c.code: c.severity.value for c in all_checks()}
    for error in report["errors"]:
        assert error["message"].strip()
        assert error["severity"] == severities[error["code"]]


def test_every_check_that_a_file_can_trigger_is_covered() -> None:
    covered = {code for name in INVALID for _, code, _, _ in _expected(CASES / "invalid" / name)}
    # DL011 needs a file the process cannot read: see test_unreadable_file below
    assert {c.code for c in all_checks()} - covered == {"DL011"}


@pytest.mark.parametrize("name", VALID)
def test_valid_case(name: str, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "valid" / name)
    result = run_cli("validate", ".", "--format", "json")
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    assert report == {"ok": True, "files": report["files"], "errors": []}
    assert report["files"] >= 2


def test_shipped_catalogs_are_valid(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli("validate")
    assert result.exit_code == 0, result.stdout


def test_text_format(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "invalid" / "duties")
    result = run_cli("validate", ".")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].startswith("duties/gasa.yaml:10:9: error DL107 duplicate-id [property] ")
    assert "duties/gasa.yaml:18:11: error DL112 unknown-post [GS-001] unknown post 'propery'" in (
        result.stdout
    )
    assert lines[-1] == "6 problems in 4 files (5 checked)"


def test_text_format_in_chinese(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "invalid" / "no-registry")
    result = run_cli("validate", "empowerment.yaml", "--lang", "zh")
    assert result.exit_code == 1
    assert "错误 DL012" in result.stdout
    assert result.stdout.splitlines()[-1] == "检查了 1 个文件，1 个文件中发现 1 个问题"


def test_text_format_when_all_is_well(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "valid" / "minimal")
    result = run_cli("validate", "empowerment.yaml")
    assert result.exit_code == 0
    assert result.stdout == "2 files checked, no problems\n"


def test_github_format(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES / "invalid" / "territorial-grid")
    result = run_cli("validate", ".", "--format", "github")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "::error file=grid.yaml,line=16,col=13,title=DL113 unknown-grid-source::"
        "source 'SD-009' is not an item of the territorial catalog"
    )
    assert all(line.startswith("::error file=") for line in lines[:-1])
    assert len(lines) == 5


def test_github_format_escapes_newlines_and_commas(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    case = tmp_path / "a,b"
    shutil.copytree(CASES / "invalid" / "no-registry", case)
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "a,b/empowerment.yaml", "--format", "github")
    assert result.stdout.startswith("::error file=a%2Cb/empowerment.yaml,line=1,col=1,")


@pytest.mark.parametrize(
    "args",
    [("validate", "no/such/path.yaml"), ("validate", "nowhere"), ("validate",)],
    ids=["missing-file", "missing-folder", "no-catalogs-folder"],
)
def test_unusable_arguments_exit_2_with_one_line(
    args: tuple[str, ...], run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("dutylist: error: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_folder_without_registry_exits_2(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    result = run_cli("validate", "empty")
    assert result.exit_code == 2
    assert "no jurisdiction.yaml" in result.stderr


def test_unknown_format_exits_2(run_cli: RunCli) -> None:
    result = run_cli("validate", str(CASES / "valid" / "minimal"), "--format", "xml")
    assert result.exit_code == 2


def test_unreadable_file(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    shutil.copytree(CASES / "valid" / "minimal", tmp_path / "j")
    monkeypatch.chdir(tmp_path / "j")
    from dutylist.catalog import load
    from dutylist.io.regular import read_regular as real

    def refuse(path: Path) -> bytes:
        if path.name == "empowerment.yaml":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(load, "read_regular", refuse)
    result = run_cli("validate", ".", "--format", "json")
    assert result.exit_code == 1
    errors = json.loads(result.stdout)["errors"]
    assert [(e["file"], e["code"], e["line"]) for e in errors] == [("empowerment.yaml", "DL011", 1)]
    assert "Permission denied" in errors[0]["message"]


def test_several_paths_share_one_report(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(CASES)
    result = run_cli(
        "validate", "valid/minimal", "invalid/no-registry/empowerment.yaml", "--format", "json"
    )
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert report["files"] == 3
    assert [e["code"] for e in report["errors"]] == ["DL012"]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    data=st.one_of(
        st.binary(max_size=200),
        st.text(max_size=200).map(str.encode),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=8),
            lambda inner: (
                st.lists(inner, max_size=3)
                | st.dictionaries(
                    st.sampled_from(["items", "catalog", "kind", "id", "dutylist"]),
                    inner,
                    max_size=3,
                )
            ),
            max_leaves=10,
        ).map(
            lambda v: json.dumps({"dutylist": 1, "catalog": {"kind": "grid"}, "items": v}).encode()
        ),
    )
)
def test_arbitrary_input_gives_exit_1_never_an_exception(
    data: bytes, run_cli: RunCli, tmp_path: Path
) -> None:
    root = tmp_path / "j"
    if not root.exists():
        shutil.copytree(CASES / "valid" / "minimal", root)
    (root / "grid.yaml").write_bytes(data)
    result = run_cli("validate", str(root), "--format", "json")
    assert result.exit_code in (0, 1)
    report = json.loads(result.stdout)
    assert report["ok"] is (result.exit_code == 0)
    assert all(e["line"] >= 1 and e["column"] >= 1 for e in report["errors"])


@pytest.mark.parametrize(
    ("case", "code", "words"),
    [
        ("headers", "DL010", "this file needs a newer dutylist"),
        ("headers", "DL103", "`empowerement` is not a catalog kind"),
        ("empowerment", "DL102", "did you mean `technical`?"),
        ("empowerment", "DL104", "unknown department 'transprt': did you mean 'transport'?"),
        ("empowerment", "DL108", "once normalised"),
        ("empowerment", "DL100", 'write it in quotes ("010")'),
        ("territorial-grid", "DL102", "`scope` is a field of empowerment catalogs"),
        ("registry", "DL110", "the 18th character should be '7'"),
        ("reading", "DL005", "GBK"),
    ],
)
def test_messages_say_what_to_fix(
    case: str, code: str, words: str, run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASES / "invalid" / case)
    report = json.loads(run_cli("validate", ".", "--format", "json").stdout)
    messages = [e["message"] for e in report["errors"] if e["code"] == code]
    assert any(words in m for m in messages), messages


def test_grid_source_naming_an_invalid_item_is_not_unknown(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASES / "invalid" / "territorial-grid")
    report = json.loads(run_cli("validate", ".", "--format", "json").stdout)
    assert [e["item"] for e in report["errors"] if e["code"] == "DL113"] == ["WG-002"]


def test_the_item_slot_holds_an_id_as_written(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unquoted id YAML misreads (010 as 8, yes as True) is named as the file spells it;
    an id that is null names no item. items.json: line -> the expected item."""
    case = CASES / "invalid" / "misread-ids"
    monkeypatch.chdir(case)
    expected = json.loads((case / "items.json").read_text(encoding="utf-8"))
    report = json.loads(run_cli("validate", ".", "--format", "json").stdout)
    assert {str(e["line"]): e.get("item") for e in report["errors"]} == expected
    text = run_cli("validate", ".").stdout.splitlines()
    assert text[0].startswith("empowerment.yaml:7:9: error DL100 invalid-value [010] ")
    assert text[1].startswith("empowerment.yaml:12:9: error DL100 invalid-value [yes] ")
    assert text[5].startswith("empowerment.yaml:32:9: error DL100 invalid-value `items[6].id`")


def test_duplicates_count_entries_in_the_file_past_invalid_items(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Entries 1-8 lack a category (left out of the model): the first A-2 is entry 9 of
    the file and the first B-11 entry 11, not the 1st and 3rd valid items."""
    monkeypatch.chdir(CASES / "invalid" / "duplicates-after-invalid")
    errors = json.loads(run_cli("validate", ".", "--format", "json").stdout)["errors"]
    messages = {e["code"]: e["message"] for e in errors if e["code"] in ("DL107", "DL108")}
    assert messages["DL107"] == "id 'B-11' is used twice (first at entry 11): ids must be unique"
    assert messages["DL108"].endswith("(entry 9) once normalised")


def test_an_unquoted_id_is_referred_to_as_written(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(CASES / "valid" / "grid-territorial", case)
    territorial = case / "territorial.yaml"
    text = territorial.read_text(encoding="utf-8")
    territorial.write_text(text.replace('id: "SD-001"', "id: 010"), encoding="utf-8")
    grid = case / "grid.yaml"
    grid.write_text(
        grid.read_text(encoding="utf-8").replace('source: "SD-001"', 'source: "010"'),
        encoding="utf-8",
    )
    found = validate_paths([case]).findings
    # the unquoted id is reported where it is; the grid item naming it is not told it is unknown
    assert [(f.file.rsplit("/", 1)[-1], f.code, f.item) for f in found] == [
        ("territorial.yaml", "DL100", "010")
    ]


def test_a_duplicate_key_hides_no_other_problem(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(CASES / "valid" / "minimal", case)
    catalog = case / "empowerment.yaml"
    text = catalog.read_text(encoding="utf-8")
    first = text.index("    name: ")
    line = text[first : text.index("\n", first) + 1]
    broken = text.replace(line, line + "    name: 又一个名称\n    colour: red\n", 1)
    catalog.write_text(broken, encoding="utf-8")
    codes = [f.code for f in validate_paths([case]).findings]
    assert codes == ["DL002", "DL102"]  # the duplicate, and the unknown key after it


def test_an_entry_cleared_of_its_unknown_key_still_meets_its_rules(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(CASES / "valid" / "grid-territorial", case)
    certificates = case / "certificates.yaml"
    data = yaml.safe_load(certificates.read_text(encoding="utf-8"))
    first, second = data["items"][:2]
    first.pop("alternative", None)
    first |= {"status": "abolished", "colour": "red"}
    second["department"] = "nosuchdept"
    certificates.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    registry = case / "jurisdiction.yaml"
    reg = yaml.safe_load(registry.read_text(encoding="utf-8"))
    reg["units"] += [
        {"id": "xx", "name": "某市", "type": "city"},  # invalid: left out
        {"id": "vv", "name": "某村", "type": "village", "parent": "xx"},
    ]
    registry.write_text(yaml.safe_dump(reg, allow_unicode=True), encoding="utf-8")
    found = sorted(
        (f.file.rsplit("/", 1)[-1], f.code, f.item) for f in validate_paths([case]).findings
    )
    assert found == [
        ("certificates.yaml", "DL102", first["id"]),  # the unknown key
        ("certificates.yaml", "DL104", second["id"]),  # the other item still checked
        ("certificates.yaml", "DL118", first["id"]),  # its rule, once its fields are valid
        ("jurisdiction.yaml", "DL103", "xx"),  # and no unknown parent for vv: xx is reported
    ]


def test_a_folder_named_twice_is_checked_once(tmp_path: Path) -> None:
    shutil.copytree(CASES / "invalid" / "registry", tmp_path / "v")
    (tmp_path / "link").symlink_to("v")
    once = validate_paths([tmp_path / "v"])
    for paths in (
        [tmp_path / "v", tmp_path / "link"],
        [tmp_path / "v" / "jurisdiction.yaml", tmp_path / "link" / "jurisdiction.yaml"],
        [tmp_path / "v", tmp_path / "v" / ".." / "v"],
    ):
        twice = validate_paths(paths)
        assert len(twice.findings) == len(once.findings)
        assert len(twice.files) == len(once.files)


def test_a_bad_post_hides_no_item_check(tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(CASES / "valid" / "duties-posts", case)
    duties = case / "duties" / "gasa.yaml"
    data = yaml.safe_load(duties.read_text(encoding="utf-8"))
    data["posts"][0]["colour"] = "red"
    data["posts"][1]["name"] = ""
    data["items"][0]["department"] = "nosuchdept"
    duties.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    found = sorted((f.code, f.item) for f in validate_paths([case]).findings)
    # the post left out is not unknown to the item naming it
    assert found == [
        ("DL100", data["posts"][1]["id"]),
        ("DL102", data["posts"][0]["id"]),
        ("DL104", data["items"][0]["id"]),
    ]
