"""Hostile or unlucky catalogs: a second document, impossible dates, symbolic link loops,
values YAML could misread, and any text at all. Every command gives an answer (exit 0, 1
or 2 with one line), never a traceback; the validator and the JSON Schema agree."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dutylist.catalog.load import Document, parse_catalog, read_document
from dutylist.model.schema import json_schema
from dutylist.normalize import normalize_name

RunCli = Callable[..., Any]
CASES = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs"
MINIMAL = CASES / "valid" / "minimal"


def one_line_error(result: Any) -> None:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stderr.startswith("dutylist: error: ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stdout + result.stderr


@pytest.fixture
def dates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "old")
    shutil.copytree(CASES / "invalid" / "dates", tmp_path / "new")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_impossible_date_is_a_finding_at_its_place(run_cli: RunCli, dates: Path) -> None:
    result = run_cli("validate", "new", "--format", "json")
    assert result.exit_code == 1
    errors = json.loads(result.stdout)["errors"]
    assert [(e["file"], e["line"], e["column"]) for e in errors] == [
        ("new/empowerment.yaml", 6, 14),
        ("new/empowerment.yaml", 18, 17),
    ]
    assert "2024-13-45 is not a day of the calendar" in errors[0]["message"]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_date_with_a_time_is_shown_as_written(run_cli: RunCli, dates: Path, lang: str) -> None:
    path = dates / "new" / "empowerment.yaml"
    text = path.read_text(encoding="utf-8").replace("2024-13-45", "2024-01-01 10:00:00")
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", "new", "--format", "json", "--lang", lang)
    (first, *_rest) = json.loads(result.stdout)["errors"]
    assert (first["line"], first["column"]) == (6, 14)
    assert "2024-01-01 10:00:00" in first["message"]
    assert "datetime" not in first["message"]


@pytest.mark.parametrize("written", ["&n 010", "!!int 010", "&n !!int 010"])
def test_the_hint_quotes_the_value_past_an_anchor_or_a_tag(
    run_cli: RunCli, tmp_path: Path, written: str
) -> None:
    shutil.copytree(MINIMAL, tmp_path / "m")
    path = tmp_path / "m" / "empowerment.yaml"
    text = path.read_text(encoding="utf-8").replace('id: "JH-JT-001"', f"id: {written}", 1)
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", str(tmp_path / "m"), "--format", "json", "--lang", "en")
    messages = [e["message"] for e in json.loads(result.stdout)["errors"]]
    assert any('("010")' in m for m in messages), messages


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_number_as_a_key_is_named_as_such(run_cli: RunCli, tmp_path: Path, lang: str) -> None:
    shutil.copytree(MINIMAL, tmp_path / "m")
    path = tmp_path / "m" / "empowerment.yaml"
    text = path.read_text(encoding="utf-8").replace("    category:", "    3: x\n    category:", 1)
    path.write_text(text, encoding="utf-8")
    result = run_cli("validate", str(tmp_path / "m"), "--format", "json", "--lang", lang)
    (error,) = json.loads(result.stdout)["errors"]
    assert error["code"] == "DL100" and "`items[1]`" in error["message"]
    assert ("the key 3 is no field name" if lang == "en" else "键 3 不是字段名") in error["message"]


@pytest.mark.parametrize(
    "args",
    [
        ("diff", "old", "new"),
        ("diff", "old/empowerment.yaml", "new/empowerment.yaml"),
        ("audit", "new"),
        ("export", "new/empowerment.yaml", "-o", "out.xlsx"),
    ],
    ids=["diff-folders", "diff-files", "audit", "export"],
)
def test_impossible_date_stops_the_other_commands_with_one_line(
    args: tuple[str, ...], run_cli: RunCli, dates: Path
) -> None:
    result = run_cli(*args)
    one_line_error(result)
    assert "new/empowerment.yaml:6:14:" in result.stderr
    assert not (dates / "out.xlsx").exists()


def test_fmt_says_where_the_impossible_date_is(run_cli: RunCli, dates: Path) -> None:
    before = (dates / "new" / "empowerment.yaml").read_bytes()
    result = run_cli("fmt", "new/empowerment.yaml")
    assert result.exit_code in (1, 2)
    assert "new/empowerment.yaml:6:14: 2024-13-45 is not a day of the calendar" in (
        result.stdout + result.stderr
    )
    assert (dates / "new" / "empowerment.yaml").read_bytes() == before


def test_git_diff_driver_falls_back_to_lines_on_an_impossible_date(
    run_cli: RunCli, dates: Path
) -> None:
    old, new = "old/empowerment.yaml", "new/empowerment.yaml"
    result = run_cli(
        "git-diff-driver", "empowerment.yaml", old, "0" * 40, "100644", new, "0" * 40, "100644"
    )
    assert result.exit_code == 0
    assert "+  effective: 2024-13-45" in result.stdout


def test_second_document_is_an_error_and_diff_refuses_it(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(MINIMAL, tmp_path / "old")
    shutil.copytree(MINIMAL, tmp_path / "new")
    target = tmp_path / "new" / "empowerment.yaml"
    text = target.read_text(encoding="utf-8")
    lines = text.count("\n")
    target.write_text(text + "---\n" + text.replace("JH-LC-001", "JH-LC-002"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    report = json.loads(run_cli("validate", "new", "--format", "json").stdout)
    assert [(e["code"], e["line"], e["column"]) for e in report["errors"]] == [
        ("DL014", lines + 1, 1)
    ]
    for args in (("diff", "old", "new"), ("export", "new/empowerment.yaml", "-o", "x.xlsx")):
        result = run_cli(*args)
        one_line_error(result)
        assert "DL014" in result.stderr


def test_document_end_marker_alone_is_one_document(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("---\ndutylist: 1\n...\n", encoding="utf-8")
    assert not hasattr(read_document(path), "check")


@pytest.mark.parametrize("command", ["validate", "audit", "diff"])
def test_symlink_loop_as_argument_is_one_line(
    command: str, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "loop").symlink_to("loop")
    args = ("loop", "loop") if command == "diff" else ("loop",)
    one_line_error(run_cli(command, *args))


def test_symlink_loop_of_two_links_inside_a_path(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    result = run_cli("validate", "a/empowerment.yaml")
    one_line_error(result)
    assert "loop" in result.stderr


def test_summary_counts_the_files_that_hold_problems(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(CASES / "invalid" / "misread-scalars")
    result = run_cli("validate", ".")
    assert result.stdout.splitlines()[-1] == "9 problems in 1 file (2 checked)"
    zh = run_cli("validate", ".", "--lang", "zh")
    assert zh.stdout.splitlines()[-1] == "检查了 2 个文件，1 个文件中发现 9 个问题"


@pytest.mark.parametrize(
    "value", ["1e3", "0o17", "0x1A", "010", "yes", "NO", "~", "2024-01-01", "2024", "1.5", ".inf"]
)
@pytest.mark.parametrize("field", ["id", "name", "version"])
def test_every_misreadable_plain_scalar_is_refused_alike(
    field: str, value: str, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(MINIMAL, tmp_path / "j")
    target = tmp_path / "j" / "empowerment.yaml"
    text = target.read_text(encoding="utf-8")
    old = {
        "id": 'id: "JH-LC-001"',
        "name": "name: 林木采伐许可证核发",
        "version": 'version: "2024-08"',
    }[field]
    target.write_text(text.replace(old, f"{field}: {value}"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("validate", "j", "--format", "json")
    assert result.exit_code == 1
    [error] = json.loads(result.stdout)["errors"]
    assert error["code"] == "DL100"
    assert f'write it in quotes ("{value}")' in error["message"]
    # quoted, the same text is fine
    target.write_text(text.replace(old, f'{field}: "{value}"'), encoding="utf-8")
    assert run_cli("validate", "j").exit_code == 0


def test_invisible_and_look_alike_twins_are_the_same_name() -> None:
    plain = normalize_name("对公路标志的行政处罚")
    assert normalize_name("对公路\u200b标志的\u202e行政处罚\ufeff") == plain
    assert normalize_name("City 道路") == normalize_name("Сity道路")  # Cyrillic С
    assert normalize_name("γ射线") != normalize_name("y射线")  # a Greek letter meant as one


def test_diff_refuses_a_zero_width_twin(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(MINIMAL, tmp_path / "old")
    shutil.copytree(MINIMAL, tmp_path / "new")
    target = tmp_path / "new" / "empowerment.yaml"
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("林木采伐", "林木\u200b采伐"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run_cli("diff", "old", "new")
    one_line_error(result)
    assert "DL122" in result.stderr


# The schema and the validator judge the same JSON documents (JSON is YAML; its strings are
# always quoted, so what differs between them is only what each accepts).
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 3000),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.sampled_from(
        ["", " ", "2024", "2024-08", "2024-08-19", "2024-13-45", "2024-02-30", "1e3", "x", "林木"]
    ),
    st.lists(st.sampled_from(["a", "2024"]), max_size=2),
)


# what a JSON Schema can say: types, forms and choices; rules between fields
# (missing-basis for a power category) are the validator's alone
_SHAPE = {"DL010", "DL100", "DL101", "DL102", "DL103"}


def _schema_level(path: Path) -> bool:
    doc = read_document(path)
    assert isinstance(doc, Document)
    _, findings = parse_catalog(doc)
    return not any(f.code in _SHAPE for f in findings)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    field=st.sampled_from(
        [
            ("catalog", "version"),
            ("catalog", "effective"),
            ("catalog", "title"),
            ("item", "id"),
            ("item", "name"),
            ("item", "technical"),
            ("item", "basis"),
        ]
    ),
    value=_VALUES,
)
def test_schema_and_validator_agree(field: tuple[str, str], value: Any, tmp_path: Path) -> None:
    doc: dict[str, Any] = {
        "dutylist": 1,
        "catalog": {"kind": "empowerment", "title": "t", "version": "2024-08"},
        "items": [
            {
                "id": "A-1",
                "name": "某事项",
                "category": "penalty",
                "department": "transport",
                "basis": ["《某法》"],
                "scope": "all",
            }
        ],
    }
    holder = doc["catalog"] if field[0] == "catalog" else doc["items"][0]
    holder[field[1]] = value
    path = tmp_path / "empowerment.yaml"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    validator = jsonschema.Draft202012Validator(
        json_schema("empowerment"), format_checker=jsonschema.FormatChecker()
    )
    schema_ok = validator.is_valid(json.loads(path.read_text(encoding="utf-8")))
    assert _schema_level(path) == schema_ok, (field, value)


_YAMLISH = st.text(
    alphabet=st.sampled_from(list(" :-[]{}#&*!|>'\",\n\t0123456789aeyno~.%@`\u200b\u202e"))
)
_TEXT = st.one_of(
    st.text(max_size=300), _YAMLISH.map(lambda t: "dutylist: 1\ncatalog: {kind: empowerment}\n" + t)
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_TEXT)
@example(text="0:\ncatalog: {kind: empowerment}\n0[:")  # an unknown key holding `[`
def test_any_text_gives_validate_and_diff_an_exit_code(
    text: str, run_cli: RunCli, tmp_path: Path
) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    if not old.exists():
        shutil.copytree(MINIMAL, old)
        shutil.copytree(MINIMAL, new)
    (new / "empowerment.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    for args in (
        ("validate", str(new)),
        ("diff", str(old), str(new)),
        ("diff", str(old / "empowerment.yaml"), str(new / "empowerment.yaml")),
    ):
        result = run_cli(*args)
        assert result.exit_code in (0, 1, 2), args
        assert "Traceback" not in result.stdout + result.stderr
