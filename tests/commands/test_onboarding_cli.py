"""import, export, fmt and init end to end: exit codes, files never overwritten,
and the round trip catalog -> spreadsheet -> catalog."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.conftest import run_dutylist

from dutylist.validate.core import validate_paths

ROOT = Path(__file__).resolve().parents[2]
JINGHONG = ROOT / "catalogs" / "jinghong"
EXAMPLE_CSV = ROOT / "examples" / "import" / "赋权事项清单.csv"
RunCli = Callable[..., Any]
# what a spreadsheet does not carry back (support and admission are summarised in one cell)
NOT_IN_SHEET = ("support", "admission")


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "jinghong"
    folder.mkdir()
    shutil.copy(JINGHONG / "jurisdiction.yaml", folder)
    return folder


def _items(path: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    for item in items:
        for key in NOT_IN_SHEET:
            item.pop(key, None)
        for key in ("cooperating", "replaces", "tags"):
            if item.get(key) == []:
                del item[key]
        if item.get("grid") is False:
            del item["grid"]
    return items


@pytest.mark.skipif(not EXAMPLE_CSV.exists(), reason="the example GBK CSV is not there yet")
def test_the_example_gbk_csv_imports_and_validates(run_cli: RunCli, tmp_path: Path) -> None:
    out = _folder(tmp_path) / "empowerment.yaml"
    result = run_cli(
        "import", str(EXAMPLE_CSV), "--kind", "empowerment", "--jurisdiction", str(JINGHONG),
        "-o", str(out),
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "14 items" in result.stdout
    assert run_cli("validate", str(out)).exit_code == 0
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["catalog"]["title"].startswith("景洪市")


def test_the_written_file_is_named_safely_on_a_terminal(run_cli: RunCli, tmp_path: Path) -> None:
    out = _folder(tmp_path) / "e\x1b[2J.yaml"
    result = run_cli(
        "import", str(EXAMPLE_CSV), "--kind", "empowerment", "--jurisdiction", str(JINGHONG),
        "-o", str(out), color=True,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout and "e\\x1b[2J.yaml" in result.stdout


def test_an_existing_output_is_never_overwritten(run_cli: RunCli, tmp_path: Path) -> None:
    out = _folder(tmp_path) / "empowerment.yaml"
    out.write_text("precious\n", encoding="utf-8")
    args = ["import", str(EXAMPLE_CSV), "--kind", "empowerment", "-o", str(out)]
    result = run_cli(*args)
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert run_cli(*args, "--force").exit_code == 0
    assert "JH-JT-001" in out.read_text(encoding="utf-8")
    # nor is the input, even with --force
    same = run_cli("import", str(out), "--kind", "empowerment", "-o", str(out), "--force")
    assert same.exit_code == 2
    assert "JH-JT-001" in out.read_text(encoding="utf-8")


# (the catalog -o names, the kind imported, the exit code of `import --force`)
OVER_A_CATALOG = [
    ("territorial.yaml", "empowerment", 2),
    ("grid.yaml", "territorial", 2),
    ("duties/gasa.yaml", "empowerment", 2),
    ("empowerment.yaml", "empowerment", 0),  # a new version of the same list: what --force is for
]


@pytest.mark.parametrize(("name", "kind", "code"), OVER_A_CATALOG)
def test_import_force_never_replaces_a_catalog_of_another_kind(
    run_cli: RunCli, tmp_path: Path, name: str, kind: str, code: int
) -> None:
    county = tmp_path / "jinghong"
    shutil.copytree(JINGHONG, county)
    out = county / name
    before = out.read_bytes()
    held = yaml.safe_load(before)["catalog"]["kind"]
    args = ["import", str(EXAMPLE_CSV), "--kind", kind, "--jurisdiction", str(county)]
    result = run_cli(*args, "-o", str(out), "--force")
    assert result.exit_code == code, result.stderr
    if code == 2:
        assert result.stderr.count("\n") == 1, result.stderr
        assert f"{out} is a {held} catalog: an import of kind {kind} does not replace it" in (
            result.stderr
        )
        assert out.read_bytes() == before
    else:
        assert yaml.safe_load(out.read_bytes())["catalog"]["kind"] == kind


def _beside_dev() -> bytes | None:
    """/dev/jurisdiction.yaml, which a run writing a registry beside its -o would make (a
    run of an older dutylist on this machine may have left one)."""
    path = Path(os.devnull).parent / "jurisdiction.yaml"
    return path.read_bytes() if path.exists() else None


def test_import_to_a_device_writes_no_registry(run_cli: RunCli, tmp_path: Path) -> None:
    source = tmp_path / "清单.csv"
    shutil.copy(EXAMPLE_CSV, source)
    before = _beside_dev()
    result = run_cli("import", str(source), "--kind", "empowerment", "-o", os.devnull)
    assert result.exit_code == 0, result.stderr  # a device needs no --force
    assert "/dev/null is not a file, so no jurisdiction.yaml was written" in result.stderr
    assert _beside_dev() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["清单.csv"]  # nor beside the source


def test_import_to_standard_output_writes_the_catalog_alone(tmp_path: Path) -> None:
    before = _beside_dev()
    args = ["import", str(EXAMPLE_CSV), "--kind", "empowerment", "-o", "/dev/stdout"]
    done = run_dutylist(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    catalog = yaml.safe_load(done.stdout)  # nothing but the catalog: it parses as one
    assert len(catalog["items"]) == 14
    assert "wrote /dev/stdout: 14 items" in done.stderr
    assert list(tmp_path.iterdir()) == []
    assert _beside_dev() == before


def test_unmappable_rows_give_exit_1_and_their_rows(run_cli: RunCli, tmp_path: Path) -> None:
    source = tmp_path / "清单.csv"
    lines = [
        "某县赋权事项清单,,,,",
        "事项名称,事项类型,实施部门,实施依据,承接乡镇",
        "对盗伐林木的行政处罚,行政处罚,景洪市林业和草原局,《森林法》,全部",
        "某事项,不知道,景洪市林业和草原局,《森林法》,全部",
    ]
    source.write_bytes("\n".join(lines).encode("gbk"))
    out = _folder(tmp_path) / "e.yaml"
    result = run_cli(
        "import", str(source), "--kind", "empowerment", "-o", str(out), "--catalog-version", "v1"
    )
    assert result.exit_code == 1
    assert f"{source}:4: category '不知道'" in result.stderr
    assert "1 item, 1 row left out" in result.stdout
    assert validate_paths([out]).ok
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["catalog"]["version"] == "v1"
    zh = run_cli(
        "import",
        str(source),
        "--kind",
        "empowerment",
        "-o",
        str(tmp_path / "zh.yaml"),
        "--catalog-version",
        "v1",
        "--lang",
        "zh",
    )
    line = next(x for x in zh.stderr.splitlines() if "不知道" in x)
    assert "事项类型 '不知道'" in line and "行政许可、行政处罚" in line
    assert "licensing" not in line and "penalty" not in line


def test_without_jurisdiction_a_registry_is_written_beside(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "new" / "empowerment.yaml"
    out.parent.mkdir()
    result = run_cli("import", str(EXAMPLE_CSV), "--kind", "empowerment", "-o", str(out))
    assert result.exit_code == 0
    assert "warning" in result.stderr
    registry = out.parent / "jurisdiction.yaml"
    assert "dept-1" in registry.read_text(encoding="utf-8")
    assert run_cli("validate", str(out.parent)).exit_code == 0
    # a second import maps to the registry now beside it, and leaves it alone
    before = registry.read_bytes()
    again = run_cli("import", str(EXAMPLE_CSV), "--kind", "empowerment", "-o", str(out), "--force")
    assert again.exit_code == 0
    assert "warning" not in again.stderr
    assert registry.read_bytes() == before


@pytest.mark.parametrize(
    "name",
    [
        "empowerment.yaml",
        "territorial.yaml",
        "grid.yaml",
        "village-affairs.yaml",
        "certificates.yaml",
        "duties/gasa.yaml",
    ],
)
def test_export_then_import_gives_the_same_items(
    run_cli: RunCli, tmp_path: Path, name: str
) -> None:
    catalog = JINGHONG / name
    sheet = tmp_path / "清单.xlsx"
    assert run_cli("export", str(catalog), "-o", str(sheet)).exit_code == 0
    out = _folder(tmp_path) / Path(name).name
    unit = ["--unit", "gasa"] if name.startswith("duties") else []
    kind = yaml.safe_load(catalog.read_text(encoding="utf-8"))["catalog"]["kind"]
    result = run_cli(
        "import", str(sheet), "--kind", kind, "--jurisdiction", str(JINGHONG), "-o", str(out), *unit
    )
    assert result.exit_code == 0, result.stderr
    assert _items(out) == _items(catalog)
    if kind != "grid":  # grid items are checked against the territorial catalog beside them
        assert validate_paths([out]).ok


def test_a_duties_list_is_exported_with_post_names_and_its_post_directory(
    run_cli: RunCli, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    catalog = JINGHONG / "duties" / "menghan.yaml"
    posts = yaml.safe_load(catalog.read_text(encoding="utf-8"))["posts"]
    assert any(p.get("new") for p in posts)
    sheet = tmp_path / "勐罕镇.xlsx"
    assert run_cli("export", str(catalog), "-o", str(sheet)).exit_code == 0
    book = load_workbook(sheet, read_only=True)
    items, directory = (list(ws.iter_rows(values_only=True)) for ws in book.worksheets)
    post_column = items[2].index("岗位")
    names = {p["name"] for p in posts}
    shown = {row[post_column] for row in items[3:] if row[post_column]}
    assert shown and shown <= names  # names, as a county publishes them, not ids
    assert directory[0][0] == "勐罕镇岗位目录"
    assert [(r[1], r[2], r[3] or None) for r in directory[3:]] == [
        (p["name"], p["id"], "是" if p.get("new") else None) for p in posts
    ]
    out = _folder(tmp_path) / "menghan.yaml"
    result = run_cli(
        "import",
        str(sheet),
        "--kind",
        "duties",
        "--jurisdiction",
        str(JINGHONG),
        "-o",
        str(out),
        "--unit",
        "menghan",
    )
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(out.read_text(encoding="utf-8"))["posts"] == posts
    assert _items(out) == _items(catalog)


def test_export_public_leaves_out_internal_fields(run_cli: RunCli, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    catalog = _folder(tmp_path) / "empowerment.yaml"
    text = (JINGHONG / "empowerment.yaml").read_text(encoding="utf-8")
    catalog.write_text(text.replace("办事指南及流程图已印发", "=HYPERLINK(1)"), encoding="utf-8")
    full, public = tmp_path / "full.xlsx", tmp_path / "public.xlsx"
    assert run_cli("export", str(catalog), "-o", str(full)).exit_code == 0
    assert run_cli("export", str(catalog), "-o", str(public), "--public").exit_code == 0
    sheet = load_workbook(full).active
    assert sheet is not None
    headers = [c.value for c in sheet[3]]
    assert headers[:6] == ["序号", "事项编码", "事项名称", "事项类型", "实施依据", "实施部门"]
    assert {"备注", "办事指南", "准入", "业务培训"} <= set(headers)
    assert sheet["A1"].value == "景洪市乡镇(街道)赋权事项清单"
    assert sheet.freeze_panes == "A4"
    guidance = [c for c in sheet.iter_rows(min_row=4, values_only=True) if "=HYPERLINK(1)" in c]
    assert guidance  # the text, as a string, not a formula
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["B"].width
    open_sheet = load_workbook(public).active
    assert open_sheet is not None
    public_headers = {c.value for c in open_sheet[3]}
    assert not {"备注", "办事指南", "准入", "业务培训", "经费保障"} & public_headers
    assert "承接乡镇（街道）" in public_headers
    values = {c for row in open_sheet.iter_rows(values_only=True) for c in row}
    assert "景洪市交通运输局" in values
    assert "=HYPERLINK(1)" not in values


def test_export_refuses_bad_input(run_cli: RunCli, tmp_path: Path) -> None:
    assert (
        run_cli("export", str(tmp_path / "no.yaml"), "-o", str(tmp_path / "x.xlsx")).exit_code == 2
    )
    broken = _folder(tmp_path) / "e.yaml"
    broken.write_text("dutylist: 1\ncatalog: {kind: empowerment}\n", encoding="utf-8")
    result = run_cli("export", str(broken), "-o", str(tmp_path / "x.xlsx"))
    assert result.exit_code == 2
    assert not (tmp_path / "x.xlsx").exists()


def test_fmt_check_then_fmt(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(JINGHONG.parent, tmp_path / "catalogs")
    monkeypatch.chdir(tmp_path)
    target = Path("catalogs/jinghong/empowerment.yaml")
    target.write_text(
        "# keep me\n" + re.sub(r'id: "(JH[^"]*)"', r"id: \1", target.read_text(encoding="utf-8")),
        encoding="utf-8",
    )
    before = {
        p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in Path("catalogs").rglob("*.yaml")
    }
    checked = run_cli("fmt", "--check")
    assert checked.exit_code == 1
    assert "would reformat catalogs/jinghong/empowerment.yaml" in checked.stdout
    assert target.read_text(encoding="utf-8").count('id: "JH') == 0  # --check changes nothing
    assert run_cli("fmt").exit_code == 0
    assert run_cli("fmt", "--check").exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# keep me\n")
    assert 'id: "JH-JT-001"' in text
    after = {
        p: yaml.safe_load(p.read_text(encoding="utf-8")) for p in Path("catalogs").rglob("*.yaml")
    }
    assert after == before
    assert run_cli("validate").exit_code == 0


def test_fmt_reports_unreadable_files_and_formats_the_rest(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("dutylist: 1\ncatalog: [\n", encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(
        "catalog: {kind: grid, title: t, version: '1'}\ndutylist: 1\n", encoding="utf-8"
    )
    other = tmp_path / "other.yaml"
    other.write_text("a:   1\n", encoding="utf-8")
    assert run_cli("fmt", "--check", str(tmp_path)).exit_code == 1
    result = run_cli("fmt", str(tmp_path))
    assert result.exit_code == 2  # it could not format bad.yaml
    assert "bad.yaml:3:1: " in result.stderr
    assert bad.read_text(encoding="utf-8") == "dutylist: 1\ncatalog: [\n"
    assert good.read_text(encoding="utf-8").startswith("dutylist: 1\n")
    assert other.read_text(encoding="utf-8") == "a:   1\n"  # not a dutylist file: not touched
    assert run_cli("fmt", str(tmp_path / "missing")).exit_code == 2
    table = tmp_path / "a.csv"
    table.write_text("x,y\n", encoding="utf-8")
    beside = run_cli("fmt", "--check", str(table), str(good))
    assert beside.exit_code == 0
    assert f"skipped {table}: not a YAML file" in beside.stderr


FMT_INPUTS = {
    "broken": "dutylist: 1\ncatalog: [\n",
    "comment in a flow sequence": "dutylist: 1\ncatalog:\n  kind: grid\n  tags: [a, # c\n    b]\n",
    "not canonical": "catalog: {kind: grid, title: t, version: '1'}\ndutylist: 1\n",
    "canonical": "",  # filled from the shipped registry below
}
# (the file, the exit code of fmt --check, of fmt): spec section 6 and 10
FMT_EXITS = [
    ("broken", 1, 2),
    ("comment in a flow sequence", 1, 2),
    ("not canonical", 1, 0),
    ("canonical", 0, 0),
]


@pytest.mark.parametrize(("case", "check", "fmt"), FMT_EXITS)
def test_fmt_exit_codes(run_cli: RunCli, tmp_path: Path, case: str, check: int, fmt: int) -> None:
    path = tmp_path / "catalog.yaml"
    text = FMT_INPUTS[case] or (JINGHONG / "jurisdiction.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    assert run_cli("fmt", "--check", str(path)).exit_code == check
    assert run_cli("fmt", str(path)).exit_code == fmt
    if fmt == 2:
        assert path.read_text(encoding="utf-8") == text  # left as it was


def test_fmt_counts_a_symlinked_catalog_once(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "jinghong"
    folder.mkdir()
    for name in ("empowerment.yaml", "grid.yaml"):
        (folder / name).write_text(FMT_INPUTS["not canonical"], encoding="utf-8")
    (folder / "current.yaml").symlink_to("empowerment.yaml")
    checked = run_cli("fmt", "--check", str(folder), str(folder / "grid.yaml"))
    assert checked.exit_code == 1
    assert "2 files would be reformatted, 0 unchanged" in checked.stderr
    assert checked.stdout.count("would reformat") == 2
    done = run_cli("fmt", str(folder))
    assert done.exit_code == 0
    assert "2 files reformatted, 0 unchanged" in done.stderr
    assert (folder / "current.yaml").is_symlink()
    assert run_cli("fmt", "--check", str(folder)).exit_code == 0
    (folder / "grid.yaml").write_text(FMT_INPUTS["not canonical"], encoding="utf-8")
    one = run_cli("fmt", "--check", "--lang", "en", str(folder / "grid.yaml")).stderr
    assert "1 file would be reformatted, 0 unchanged" in one


# (the files named, the exit code, what fmt says)
SKIPPED = [
    (["a.csv"], 2, "a.csv: not a YAML file; fmt formats catalogs and jurisdiction.yaml"),
    (["a.csv", "notes.yaml"], 0, "skipped notes.yaml: not a dutylist file"),
    (["notes.yaml"], 0, "0 files reformatted, 0 unchanged, 1 skipped"),
]


@pytest.mark.parametrize("case", SKIPPED, ids=lambda case: " ".join(case[0]))
def test_fmt_says_what_it_skipped(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    case: tuple[list[str], int, str],
) -> None:  # fmt: skip
    names, code, said = case
    monkeypatch.chdir(tmp_path)
    Path("a.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    Path("notes.yaml").write_text("a:   1\n", encoding="utf-8")
    result = run_cli("fmt", *names)
    assert result.exit_code == code
    assert said in result.stderr
    assert Path("notes.yaml").read_text(encoding="utf-8") == "a:   1\n"


def test_init_then_validate(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "office"
    result = run_cli("init", str(repo), "--code", "532801", "--slug", "jinghong")
    assert result.exit_code == 0, result.stderr
    registry = yaml.safe_load((repo / "catalogs/jinghong/jurisdiction.yaml").read_text("utf-8"))
    assert registry["jurisdiction"]["name"] == "景洪市"
    assert len(registry["units"]) == 14  # the state farms (4xx) are not units
    for name in (
        ".pre-commit-config.yaml",
        ".gitattributes",
        ".github/workflows/dutylist-report.yml",
        "README.md",
    ):
        assert (repo / name).is_file()
    assert "diff=dutylist" in (repo / ".gitattributes").read_text("utf-8")
    monkeypatch.chdir(repo)
    assert run_cli("validate").exit_code == 0
    assert run_cli("fmt", "--check").exit_code == 0
    hooks = yaml.safe_load(Path(".pre-commit-config.yaml").read_text("utf-8"))
    ids = [h["id"] for h in hooks["repos"][0]["hooks"]]
    assert ids == ["dutylist-validate", "dutylist-fmt"]


def test_init_never_overwrites(run_cli: RunCli, tmp_path: Path) -> None:
    repo = tmp_path / "office"
    repo.mkdir()
    (repo / "README.md").write_text("ours\n", encoding="utf-8")
    result = run_cli("init", str(repo), "--name", "测试县")
    assert result.exit_code == 2
    assert "README.md" in result.stderr
    assert not (repo / "catalogs").exists()  # nothing written at all
    assert (repo / "README.md").read_text(encoding="utf-8") == "ours\n"
    assert run_cli("init", str(repo), "--name", "测试县", "--force").exit_code == 0
    assert (repo / "catalogs" / "main" / "jurisdiction.yaml").is_file()
    assert validate_paths([repo / "catalogs"]).ok


@pytest.mark.parametrize(
    "args",
    [["--code", "999999"], ["--name", "x", "--code", "12"], ["--name", "x", "--level", "town"]],
)
def test_init_refuses_bad_options(run_cli: RunCli, tmp_path: Path, args: list[str]) -> None:
    assert run_cli("init", str(tmp_path / "r"), *args).exit_code == 2
    assert not (tmp_path / "r").exists()


def test_the_init_workflow_installs_and_reports_like_the_example(
    run_cli: RunCli, tmp_path: Path
) -> None:
    """The workflow `init` writes and examples/ci/ install dutylist from the same place
    and run the same monthly report."""
    assert run_cli("init", str(tmp_path / "r"), "--code", "532801").exit_code == 0
    written = next((tmp_path / "r" / ".github" / "workflows").glob("*.yml")).read_text("utf-8")
    example = (ROOT / "examples" / "ci" / "dutylist-monthly-report.yml").read_text("utf-8")
    source = "git+https://example.org/your-org/dutylist@v0.1.0"
    assert source in written and source in example
    for needed in ("dutylist report --month", "fetch-depth: 0", "upload-artifact"):
        assert needed in written and needed in example


def test_from_init_to_a_first_import(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's path: init, import into the empty catalog, validate, fmt --check."""
    monkeypatch.chdir(tmp_path)
    assert run_cli("init", "office", "--code", "532801", "--slug", "jinghong").exit_code == 0
    monkeypatch.chdir(tmp_path / "office")
    target = "catalogs/jinghong/empowerment.yaml"
    args = ["import", str(EXAMPLE_CSV), "--kind", "empowerment", "-o", target, "--force"]
    refused = run_cli(*args)  # the departments are not registered yet
    assert refused.exit_code == 1
    assert "景洪市交通运输局" in refused.stderr
    added = run_cli(*args, "--add-names")
    assert added.exit_code == 0, added.stderr
    registry = Path("catalogs/jinghong/jurisdiction.yaml").read_text("utf-8")
    assert registry.startswith("# 景洪市")  # comments kept
    assert "name: 景洪市交通运输局" in registry
    assert run_cli("validate").exit_code == 0
    assert run_cli("fmt", "--check").exit_code == 0


def test_import_of_a_typo_suggests_the_registered_department(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    text = EXAMPLE_CSV.read_bytes().decode("gbk").replace("景洪市交通运输局", "景洪市交通运愉局", 1)
    source = tmp_path / "清单.csv"
    source.write_bytes(text.encode("gbk"))
    registry = (folder / "jurisdiction.yaml").read_bytes()
    for extra in ([], ["--add-names"]):
        out = folder / "empowerment.yaml"
        result = run_cli(
            "import", str(source), "--kind", "empowerment", "-o", str(out), "--force", *extra
        )
        assert result.exit_code == 1
        assert (
            "unknown department '景洪市交通运愉局': did you mean '景洪市交通运输局'?"
            in result.stderr
        )
        assert "13 items" in result.stdout
        assert (folder / "jurisdiction.yaml").read_bytes() == registry  # nothing added


def test_init_refuses_a_name_that_is_not_the_codes(run_cli: RunCli, tmp_path: Path) -> None:
    repo = tmp_path / "office"
    result = run_cli("init", str(repo), "--name", "景洪市", "--code", "520327")
    assert result.exit_code == 2
    assert "code 520327 is 凤冈县, not 景洪市: fix --name or --code" in result.stderr
    assert not repo.exists()
    same = run_cli("init", str(repo), "--name", " 景洪市", "--code", "532801", "--slug", "jh")
    assert same.exit_code == 0, same.stderr
    registry = yaml.safe_load((repo / "catalogs/jh/jurisdiction.yaml").read_text("utf-8"))
    assert registry["jurisdiction"]["code"] == "532801"
    assert (repo / ".gitignore").is_file()
    readme = (repo / "README.md").read_text("utf-8")
    assert "pypi.org" not in readme  # dutylist is not published there
    assert "pip install dutylist" not in readme
    assert "pip install <dutylist" in readme
    assert readme.startswith("# 景洪市 ")  # the shipped spelling, not the one typed


def test_fmt_of_a_folder_without_catalogs_is_an_error(run_cli: RunCli, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    for args in (["fmt", "--check", str(empty)], ["fmt", str(empty)]):
        result = run_cli(*args)
        assert result.exit_code == 2
        assert f"no catalog files under {empty}" in result.stderr
    (empty / "notes.yaml").write_text("a: 1\n", encoding="utf-8")  # YAML, but not a catalog
    assert run_cli("fmt", str(empty)).exit_code == 2


def test_fmt_reports_a_broken_file_at_its_line_and_column(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("dutylist: 1\ncatalog: [\n", encoding="utf-8")
    result = run_cli("fmt", "--check", str(tmp_path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert re.fullmatch(rf"{re.escape(str(bad))}:3:1: \S.*", lines[0]), lines
    assert "cannot format" not in result.stderr
    assert "1 not formatted" in lines[-1]


def test_import_into_a_folder_says_so(run_cli: RunCli, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    for extra in ([], ["--force"]):
        result = run_cli(
            "import", str(EXAMPLE_CSV), "--kind", "empowerment", "-o", str(folder), *extra
        )
        assert result.exit_code == 2
        assert f"{folder} is a folder" in result.stderr
        assert "--force" not in result.stderr


def test_export_never_overwrites_without_force(run_cli: RunCli, tmp_path: Path) -> None:
    missing = run_cli("export", "missing.yaml", "-o", str(tmp_path / "x.xlsx"))
    assert missing.exit_code == 2
    assert "no such file: missing.yaml" in missing.stderr
    sheet = tmp_path / "清单.xlsx"
    sheet.write_bytes(b"precious")
    catalog = str(JINGHONG / "empowerment.yaml")
    refused = run_cli("export", catalog, "-o", str(sheet))
    assert refused.exit_code == 2
    assert "use --force" in refused.stderr
    assert sheet.read_bytes() == b"precious"
    assert run_cli("export", catalog, "-o", str(sheet), "--force").exit_code == 0
    assert sheet.read_bytes().startswith(b"PK")  # an .xlsx now
    into = run_cli("export", catalog, "-o", str(tmp_path / "d.xlsx"))
    assert into.exit_code == 0


@pytest.mark.parametrize(
    ("path", "says"),
    [
        ("catalogs/jinghong/assessments/2024-H2.csv", "is an assessment table, not a catalog"),
        (
            "catalogs/jinghong/jurisdiction.yaml",
            "is the registry of its jurisdiction, not a catalog",
        ),
        ("catalogs/laws.yaml", "is a registry of laws (laws.yaml), not a catalog"),
    ],
)
def test_export_of_a_file_that_is_no_catalog_names_it_and_why(
    run_cli: RunCli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, path: str, says: str
) -> None:
    monkeypatch.chdir(ROOT)
    result = run_cli("export", path, "-o", str(tmp_path / "out.xlsx"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"dutylist: error: {path} {says}; export takes one catalog file (.yaml)\n"
    )
    assert not (tmp_path / "out.xlsx").exists()


@pytest.mark.timeout(60)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fmt_of_a_folder_reports_entries_that_are_no_files(
    run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A FIFO is reported, never waited on; a link to nothing is not skipped in silence."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(JINGHONG, tmp_path / "j")
    os.mkfifo(tmp_path / "j" / "fifo.yaml")
    (tmp_path / "j" / "x.yaml").symlink_to("nowhere.yaml")
    result = run_cli("fmt", "--check", "j")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "j/fifo.yaml:1:1: cannot read the file: it is not a regular file (a FIFO, a device or "
        "a socket): it is not read",
        "j/x.yaml:1:1: cannot read the file: it is a symbolic link to nothing",
    ]


def test_import_refuses_a_registry_with_an_invalid_entry_and_leaves_it(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = _folder(tmp_path)
    registry = folder / "jurisdiction.yaml"
    text = registry.read_text(encoding="utf-8").replace("id: gasa\n", "id: Gasa_X\n", 1)
    registry.write_text(text, encoding="utf-8")
    rows = ["新事项,行政处罚,新设局,《森林法》,全部"]
    _source, result = _import(run_cli, tmp_path, rows, folder / "empowerment.yaml", "--add-names")
    assert result.exit_code == 2
    assert "Gasa_X" in result.stderr and "dutylist validate" in result.stderr
    assert re.search(r"jurisdiction\.yaml:\d+:\d+: DL\d{3}: ", result.stderr), result.stderr
    assert registry.read_text(encoding="utf-8") == text  # never written back without gasa
    assert not (folder / "empowerment.yaml").exists()


@pytest.mark.parametrize("hidden", ["\x1b]0;X\x07", "\u202e", "\u200b"])
def test_a_row_whose_name_hides_a_character_is_left_out(
    run_cli: RunCli, tmp_path: Path, hidden: str
) -> None:
    rows = [
        "对盗伐林木的行政处罚,行政处罚,景洪市林业和草原局,《森林法》,全部",
        f"某{hidden}事项,行政处罚,景洪市林业和草原局,《森林法》,全部",
    ]
    out = _folder(tmp_path) / "e.yaml"
    source, result = _import(run_cli, tmp_path, rows, out)
    assert result.exit_code == 1
    assert f"{source}:3: name" in result.stderr and "not shown as itself" in result.stderr
    assert hidden not in result.stderr
    assert [i["name"] for i in _items(out)] == ["对盗伐林木的行政处罚"]
    assert validate_paths([out]).ok


def _import(
    run_cli: RunCli, tmp_path: Path, rows: list[str], out: Path, *options: str
) -> tuple[Path, Any]:
    """An empowerment CSV of `rows` under the usual header, imported against the folder of
    `out` into `out`."""
    source = tmp_path / "清单.csv"
    header = "事项名称,事项类型,实施部门,实施依据,承接乡镇"
    source.write_text("\n".join([header, *rows]), encoding="utf-8")
    args = ["--kind", "empowerment", "--jurisdiction", str(out.parent), "-o", str(out)]
    return source, run_cli("import", str(source), *args, *options)
