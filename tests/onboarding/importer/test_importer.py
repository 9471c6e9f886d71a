"""Reading county spreadsheets: header rows, merged cells, encodings, names to ids.
The spreadsheets are made by the tests: title rows, merged cells, header variants,
CSV in UTF-8, UTF-8 with a BOM and GBK."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from dutylist.errors import InputError
from dutylist.io.yamlwrite import format_text
from dutylist.onboarding.importer import import_table
from dutylist.onboarding.importer.headers import find_header, header_field
from dutylist.onboarding.importer.values import split_basis, split_scope
from dutylist.validate.core import validate_paths

ROOT = Path(__file__).resolve().parents[3]
JINGHONG = ROOT / "catalogs" / "jinghong"

Rows = list[list[Any]]

HEADER = [
    "序号",
    "事项名称",
    "事项编码",
    "事项类型",
    "实施依据",
    "实施部门",
    "赋权方式",
    "承接乡镇（街道）",
    "备注",
]
# fmt: off
DATA: Rows = [
    [1, "对在公路用地范围内设置公路标志以外的其他标志的行政处罚", "JH-JT-001", "行政处罚",
     "《中华人民共和国公路法》第七十九条", "景洪市交通运输局", "委托", "全部", None],
    [2, "农村公路建设项目的监督检查", "JH-JT-004", "行政检查",
     "《中华人民共和国公路法》第八条；《农村公路建设管理办法》第三十四条", "景洪市交通运输局", "下放",
     "勐龙镇、勐罕镇，普文镇", "差异化赋权"],
    [3, "对盗伐林木的行政处罚", "JH-LC-001", "penalty",
     "《中华人民共和国森林法》第七十六条\n《森林法实施条例》第三十八条", "景洪市林业和草原局", "委托",
     "gasa menghan", None],
    [4, "乡镇综合文化站免费开放服务", "JH-WL-003", "公共服务", None, "景洪市文化和旅游局", "下放",
     "各乡镇", None],
]
# fmt: on


def sheet_rows(title: str = "景洪市乡镇（街道）赋权事项清单") -> Rows:
    """A title row, a blank row, the header, the data rows."""
    return [[title, *[None] * 8], [None] * 9, HEADER, *[list(r) for r in DATA]]


def write_xlsx(path: Path, rows: Rows, merges: tuple[str, ...] = ()) -> Path:
    """An .xlsx whose merged ranges hold their value in the first cell only, as Excel does."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "清单"
    for row in rows:
        sheet.append(row)
    for ref in merges:
        sheet.merge_cells(ref)
    book.save(path)
    return path


def write_csv(path: Path, rows: Rows, encoding: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        [["" if c is None else c for c in row] for row in rows]
    )
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    """A jurisdiction folder holding a copy of Jinghong's jurisdiction.yaml only."""
    folder = tmp_path / "jinghong"
    folder.mkdir()
    shutil.copy(JINGHONG / "jurisdiction.yaml", folder / "jurisdiction.yaml")
    # the guide its `guides:` names, at the same relative path
    shutil.copytree(JINGHONG.parent / "xishuangbanna", tmp_path / "xishuangbanna")
    return folder


EXPECTED_SCOPES: list[Any] = ["all", ["menglong", "menghan", "puwen"], ["gasa", "menghan"], "all"]


def _items(text: str) -> list[dict[str, Any]]:
    data = yaml.safe_load(text)
    items: list[dict[str, Any]] = data["items"]
    return items


@pytest.mark.parametrize(
    ("cell", "field"),
    [
        ("事项名称", "name"),
        ("事 项 名 称", "name"),
        ("承接乡镇（街道）", "scope"),
        ("承接乡镇(街道)", "scope"),
        ("实施依据*", "basis"),
        ("ｉｄ", "id"),
        ("序号", "_ignored"),
        ("主管部门", "department"),
        ("履职方式", "role"),
        ("景洪市赋权事项清单", None),
    ],
)
def test_header_words(cell: str, field: str | None) -> None:
    assert header_field(cell) == field


def test_header_row_is_found_below_titles() -> None:
    rows: list[list[Any]] = [["清单", None], ["名称", None], [None, None], HEADER]
    assert find_header(rows) == 3
    assert find_header([["x"]] * 10 + [HEADER]) is None


def test_value_splitting() -> None:
    assert split_scope("全部") is None
    assert split_scope(" 所有乡镇 ") is None
    assert split_scope("勐龙镇、勐罕镇，普文镇;gasa  景讷乡") == [
        "勐龙镇",
        "勐罕镇",
        "普文镇",
        "gasa",
        "景讷乡",
    ]
    assert split_basis("《甲》第一条；《乙》第二条\n《丙》;") == [
        "《甲》第一条",
        "《乙》第二条",
        "《丙》",
    ]


def test_xlsx_with_title_rows_and_merged_cells(tmp_path: Path, workdir: Path) -> None:
    rows = sheet_rows()
    rows[4][5] = None  # the department of row 5 comes from the merged range F4:F5
    source = write_xlsx(tmp_path / "清单.xlsx", rows, merges=("A1:I1", "F4:F5"))
    result = import_table(source, "empowerment", jurisdiction=workdir)
    assert result.problems == []
    assert result.title == "景洪市乡镇（街道）赋权事项清单"
    items = _items(result.catalog_text)
    assert [i["id"] for i in items] == ["JH-JT-001", "JH-JT-004", "JH-LC-001", "JH-WL-003"]
    assert [i["department"] for i in items] == ["transport", "transport", "forestry", "culture"]
    assert [i["scope"] for i in items] == EXPECTED_SCOPES
    assert [i.get("method") for i in items] == ["entrust", "devolve", "entrust", "devolve"]
    assert items[1]["basis"] == [
        "《中华人民共和国公路法》第八条",
        "《农村公路建设管理办法》第三十四条",
    ]
    assert items[2]["category"] == "penalty"
    assert "basis" not in items[3]
    assert items[1]["notes"] == "差异化赋权"
    assert yaml.safe_load(result.catalog_text)["catalog"]["version"] == "清单"
    assert format_text(result.catalog_text) == result.catalog_text  # written in the fmt layout


def test_header_variants_and_a_merged_section_row(tmp_path: Path, workdir: Path) -> None:
    rows = sheet_rows()
    rows[2] = [
        "序 号",
        "权力名称",
        "基本编码",
        "权力类型",
        "设定依据",
        "主管部门",
        "赋权方式",
        "承接主体",
        "备注",
    ]
    rows.insert(3, ["一、交通运输局", *[None] * 8])
    source = write_xlsx(tmp_path / "变体.xlsx", rows, merges=("A1:I1", "A4:I4"))
    result = import_table(source, "empowerment", jurisdiction=workdir, version="2024-08")
    assert result.problems == []
    assert len(_items(result.catalog_text)) == 4
    assert yaml.safe_load(result.catalog_text)["catalog"]["version"] == "2024-08"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings(tmp_path: Path, workdir: Path, encoding: str) -> None:
    source = write_csv(tmp_path / "清单.csv", sheet_rows(), encoding)
    result = import_table(source, "empowerment", jurisdiction=workdir)
    assert result.problems == []
    items = _items(result.catalog_text)
    assert [i["scope"] for i in items] == EXPECTED_SCOPES
    assert items[0]["name"] == "对在公路用地范围内设置公路标志以外的其他标志的行政处罚"


def test_csv_blank_department_takes_the_value_above(tmp_path: Path, workdir: Path) -> None:
    rows = sheet_rows()
    rows[4][5] = None
    rows.insert(3, ["一、交通运输局", *[None] * 8])  # a heading, no longer merged
    rows.append(["注：承接乡镇（街道）为“全部”的，指全市各乡镇（街道）。", *[None] * 8])
    source = write_csv(tmp_path / "merged.csv", rows, "gbk")
    result = import_table(source, "empowerment", jurisdiction=workdir)
    assert result.problems == []
    items = _items(result.catalog_text)
    assert [i["department"] for i in items] == ["transport", "transport", "forestry", "culture"]


def test_unmappable_rows_are_reported_with_their_row_numbers(tmp_path: Path, workdir: Path) -> None:
    rows = sheet_rows()
    rows[3][3] = "行政许可证"  # row 4: no such category
    rows[5][5] = "景洪市不存在局"  # row 6: unknown department
    rows[6][7] = "火星镇"  # row 7: unknown unit
    rows.append(
        [
            5,
            "新事项",
            "JH-JT-004",
            "行政处罚",
            "《公路法》",
            "景洪市交通运输局",
            "委托",
            "全部",
            None,
        ]
    )
    source = write_xlsx(tmp_path / "坏.xlsx", rows)
    result = import_table(source, "empowerment", jurisdiction=workdir)
    assert [p.row for p in result.problems] == [4, 6, 7, 8]
    assert "行政许可证" in result.problems[0].message
    assert "景洪市不存在局" in result.problems[1].message
    assert "火星镇" in result.problems[2].message
    assert "earlier row" in result.problems[3].message  # the id of row 5 again
    assert [i["id"] for i in _items(result.catalog_text)] == ["JH-JT-004"]


def test_without_a_jurisdiction_ids_are_made_from_names(tmp_path: Path) -> None:
    source = write_csv(tmp_path / "清单.csv", sheet_rows(), "gbk")
    result = import_table(source, "empowerment", beside=tmp_path)
    assert result.registry_new
    assert result.registry_path == tmp_path / "jurisdiction.yaml"
    assert result.registry_text is not None
    registry = yaml.safe_load(result.registry_text)
    assert registry["jurisdiction"] == {"code": "532801", "name": "景洪市", "level": "county"}
    assert [d["id"] for d in registry["departments"]] == ["dept-1", "dept-2", "dept-3"]
    units = {u["name"]: u for u in registry["units"]}
    assert units["勐龙镇"] == {
        "id": "unit-1",
        "name": "勐龙镇",
        "type": "town",
        "code": "532801103",
    }
    # without a registry, `gasa` cannot be told from a typo: a unit name says 镇, 乡 or 街道
    assert [(p.row, "'gasa' is not the name of a town" in p.message) for p in result.problems] == [
        (6, True)
    ]
    (tmp_path / "jurisdiction.yaml").write_text(result.registry_text, encoding="utf-8")
    (tmp_path / "empowerment.yaml").write_text(result.catalog_text, encoding="utf-8")
    assert validate_paths([tmp_path]).ok


def test_ascii_names_become_slugs(tmp_path: Path) -> None:
    rows: Rows = [
        ["序号", "name", "category", "department", "scope"],
        [1, "x", "other", "Transport Bureau", "all"],
    ]
    result = import_table(write_csv(tmp_path / "en.csv", rows, "utf-8"), "empowerment")
    assert result.registry_text is not None
    assert yaml.safe_load(result.registry_text)["departments"] == [
        {"id": "transport-bureau", "name": "Transport Bureau"}
    ]
    assert _items(result.catalog_text)[0]["department"] == "transport-bureau"


def test_missing_columns_and_headers_stop_the_import(tmp_path: Path, workdir: Path) -> None:
    no_header = write_csv(tmp_path / "a.csv", [["x", "y"]] * 12, "utf-8")
    with pytest.raises(InputError, match="no header row"):
        import_table(no_header, "empowerment", jurisdiction=workdir)
    no_scope = write_csv(
        tmp_path / "b.csv", [[c for c in HEADER if c != "承接乡镇（街道）"]], "utf-8"
    )
    with pytest.raises(InputError, match="scope: 承接乡镇"):
        import_table(no_scope, "empowerment", jurisdiction=workdir)
    with pytest.raises(InputError, match=r"no jurisdiction\.yaml"):
        import_table(
            write_csv(tmp_path / "c.csv", sheet_rows(), "utf-8"),
            "empowerment",
            jurisdiction=tmp_path,
        )
    with pytest.raises(InputError, match="no sheet named"):
        import_table(write_xlsx(tmp_path / "c.xlsx", sheet_rows()), "empowerment", sheet="x")


def _kind_sheet(tmp_path: Path, header: list[str], row: list[Any]) -> Path:
    return write_xlsx(tmp_path / "kind.xlsx", [["某清单"], header, row])


@pytest.mark.parametrize(
    ("kind", "header", "row", "expected"),
    [
        (
            "duties",
            ["事项名称", "事项类型", "实施依据", "实施部门", "履职方式", "岗位"],
            [
                "对盗伐林木的行政处罚",
                "行政处罚",
                "《森林法》",
                "景洪市林业和草原局",
                "配合履职",
                "综合执法岗",
            ],
            {"role": "cooperating", "post": "post-1"},
        ),
        (
            "territorial",
            ["事项名称", "事项类型", "实施依据", "牵头部门", "协同部门", "网格承担"],
            ["森林防火", "其他", None, "林业和草原局", "景洪市应急管理局、乡镇（街道）", "是"],
            {
                "lead": "forestry",
                "department": "forestry",
                "cooperating": ["emergency", "unit"],
                "grid": True,
            },
        ),
        (
            "village-affairs",
            ["事项名称", "事项类型", "实施部门", "办理方式"],
            ["协助开展人口普查", "其他", "景洪市民政局", "协助办理"],
            {"handling": "assist"},
        ),
        (
            "certificates",
            ["事项名称", "类别", "部门", "状态", "替代方式"],
            ["亲属关系证明", "其他", "景洪市公安局", "取消", "部门核查"],
            {"status": "abolished", "alternative": "部门核查"},
        ),
    ],
)
def test_other_kinds_map_their_own_fields(
    tmp_path: Path,
    workdir: Path,
    *,
    kind: str,
    header: list[str],
    row: list[Any],
    expected: dict[str, Any],
) -> None:
    source = _kind_sheet(tmp_path, header, row)
    result = import_table(source, kind, jurisdiction=workdir, unit="嘎洒街道")
    assert result.problems == []
    item = _items(result.catalog_text)[0]
    assert {k: item[k] for k in expected} == expected
    if kind == "duties":
        data = yaml.safe_load(result.catalog_text)
        assert data["catalog"]["unit"] == "gasa"
        assert data["posts"] == [{"id": "post-1", "name": "综合执法岗"}]
    target = workdir / f"{kind}.yaml"
    target.write_text(result.catalog_text, encoding="utf-8")
    assert validate_paths([target]).ok


def test_duties_needs_its_unit(tmp_path: Path) -> None:
    source = _kind_sheet(
        tmp_path, ["事项名称", "事项类型", "实施部门", "履职方式"], ["x", "其他", "a", "基本"]
    )
    with pytest.raises(InputError, match="--unit"):
        import_table(source, "duties", jurisdiction=JINGHONG)


def test_import_validate_export_import_gives_the_same_items(tmp_path: Path, workdir: Path) -> None:
    from dutylist.onboarding.export import export_catalog

    source = write_xlsx(tmp_path / "清单.xlsx", sheet_rows(), merges=("A1:I1",))
    first = workdir / "empowerment.yaml"
    first.write_text(
        import_table(source, "empowerment", jurisdiction=workdir).catalog_text, "utf-8"
    )
    assert validate_paths([workdir]).ok
    sheet = tmp_path / "清单-导出.xlsx"
    sheet.write_bytes(export_catalog(first))
    again = import_table(sheet, "empowerment", jurisdiction=workdir)
    assert again.problems == []
    assert again.title == "景洪市乡镇（街道）赋权事项清单"
    assert _items(again.catalog_text) == _items(first.read_text("utf-8"))
    # the 公开版 carries everything but the internal notes
    sheet.write_bytes(export_catalog(first, public=True))
    public = _items(import_table(sheet, "empowerment", jurisdiction=workdir).catalog_text)
    expected = [
        {k: v for k, v in i.items() if k != "notes"} for i in _items(first.read_text("utf-8"))
    ]
    assert public == expected


@pytest.mark.parametrize("add_names", [False, True])
def test_a_typo_of_a_registered_department_is_not_a_new_one(
    tmp_path: Path, workdir: Path, add_names: bool
) -> None:
    rows = sheet_rows()
    rows[3][5] = "景洪市交通运愉局"  # row 4: 输 mistyped as 愉
    rows[5][5] = "林业和草园局"  # row 6: without the county's name, 原 mistyped as 园
    rows[6][5] = "景洪市统计局"  # row 7: new, yet one character from no registered name
    source = write_xlsx(tmp_path / "清单.xlsx", rows)
    result = import_table(source, "empowerment", jurisdiction=workdir, add_names=add_names)
    problems = {p.row: p.message for p in result.problems}
    assert "unknown department '景洪市交通运愉局': did you mean '景洪市交通运输局'?" in problems[4]
    assert "did you mean '景洪市林业和草原局'?" in problems[6]
    assert sorted(problems) == ([4, 6] if add_names else [4, 6, 7])
    if add_names:  # only the real new department is added
        assert result.registry_text is not None
        added = yaml.safe_load(result.registry_text)["departments"][-1]
        assert added["name"] == "景洪市统计局"
        assert "交通运愉" not in result.registry_text
    else:
        assert "did you mean" not in problems[7]


def test_similar_real_departments_are_not_taken_for_typos(tmp_path: Path, workdir: Path) -> None:
    """民政局 is registered; 财政局 differs by one character but is another bureau."""
    rows = sheet_rows()
    rows[3][5] = "景洪市财政局"
    source = write_xlsx(tmp_path / "清单.xlsx", rows)
    result = import_table(source, "empowerment", jurisdiction=workdir, add_names=True)
    assert result.problems == []
    assert result.registry_text is not None
    assert "name: 景洪市财政局" in result.registry_text


def test_the_version_row_of_an_exported_sheet_is_read_back(tmp_path: Path, workdir: Path) -> None:
    from dutylist.onboarding.export import export_catalog

    sheet = tmp_path / "清单-导出.xlsx"
    sheet.write_bytes(export_catalog(JINGHONG / "empowerment.yaml"))
    header = yaml.safe_load(import_table(sheet, "empowerment", jurisdiction=workdir).catalog_text)
    original = yaml.safe_load((JINGHONG / "empowerment.yaml").read_text("utf-8"))["catalog"]
    assert header["catalog"]["version"] == original["version"] == "2024-08"
    assert header["catalog"]["effective"] == original["effective"]
    assert header["catalog"]["title"] == original["title"]
    chosen = import_table(sheet, "empowerment", jurisdiction=workdir, version="v9")
    assert yaml.safe_load(chosen.catalog_text)["catalog"]["version"] == "v9"
    # a sheet without such a row still takes the file's name
    plain = write_xlsx(tmp_path / "2025-03.xlsx", sheet_rows())
    header = yaml.safe_load(import_table(plain, "empowerment", jurisdiction=workdir).catalog_text)
    assert header["catalog"]["version"] == "2025-03"
    assert "effective" not in header["catalog"]


def _fresh_rows(*cells: tuple[str, str]) -> Rows:
    """Rows of (department, scope) over the first data row's other cells."""
    rows = sheet_rows()[:3]
    for n, (department, scope) in enumerate(cells, start=1):
        row = list(DATA[0])
        row[0], row[1], row[2], row[5], row[7] = (
            n,
            f"事项{n}的行政处罚",
            f"JH-X-{n:03}",
            department,
            scope,
        )
        rows.append(row)
    return rows


def test_a_fresh_registry_takes_no_scope_word_and_no_twin_of_a_name_of_this_run(
    tmp_path: Path,
) -> None:
    rows = _fresh_rows(
        ("景洪市交通运输局", "永和镇"),
        ("景洪市交通运输局", "全部乡镇、永和乡"),
        ("景洪市交通运愉局", "勐龙镇"),
        ("景洪市林业和草原局", "永和乡"),
    )
    result = import_table(write_xlsx(tmp_path / "清单.xlsx", rows), "empowerment")
    problems = {p.row: p.message for p in result.problems}
    assert sorted(problems) == [5, 6, 7]
    assert "'全部乡镇'" in problems[5] and "every unit" in problems[5]
    assert "did you mean '景洪市交通运输局'?" in problems[6]
    assert "did you mean '永和镇'?" in problems[7]
    assert result.registry_text is not None
    registry = yaml.safe_load(result.registry_text)
    units = [u["name"] for u in registry["units"]]
    assert units == ["永和镇", "勐龙镇"]
    assert [d["name"] for d in registry["departments"]] == [
        "景洪市交通运输局",
        "景洪市林业和草原局",
    ]


def test_add_names_adds_no_twin_of_a_registered_unit(tmp_path: Path, workdir: Path) -> None:
    rows = _fresh_rows(("景洪市交通运输局", "勐龙乡"), ("景洪市交通运输局", "新城街道"))
    source = write_xlsx(tmp_path / "清单.xlsx", rows)
    result = import_table(source, "empowerment", jurisdiction=workdir, add_names=True)
    problems = {p.row: p.message for p in result.problems}
    assert sorted(problems) == [4]
    assert "did you mean '勐龙镇'?" in problems[4]
    assert result.registry_text is not None
    assert "勐龙乡" not in result.registry_text and "新城街道" in result.registry_text
