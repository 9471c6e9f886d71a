"""Tabular input: a workbook that would unpack to gigabytes is refused before any reading."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from dutylist.errors import InputError
from dutylist.io.tables import check_workbook_size

RunCli = Callable[..., Any]


def _bomb(path: Path, megabytes: int = 20) -> Path:
    """A real workbook whose shared strings are a long run of one string (ratio ~1000)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["事项名称", "实施部门"])
    sheet.append(["x", "y"])
    plain = path.with_suffix(".plain.xlsx")
    book.save(plain)
    entry = b"<si><t>" + b"A" * 1017 + b"</t></si>"
    body = entry * (megabytes * 1024)
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/sharedStrings.xml":
                dst.writestr(info, src.read(info))
        dst.writestr(
            "xl/sharedStrings.xml",
            b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main">' + body + b"</sst>",
        )
    return path


def test_a_decompression_bomb_is_refused_by_its_declared_sizes(tmp_path: Path) -> None:
    path = _bomb(tmp_path / "bomb.xlsx")
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(InputError, match="unpack to more than"):
        check_workbook_size(path.read_bytes(), "bomb.xlsx")


def test_an_ordinary_workbook_passes(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for i in range(2000):
        sheet.append([f"事项{i}", "交通运输局", i])
    book.save(tmp_path / "ok.xlsx")
    check_workbook_size((tmp_path / "ok.xlsx").read_bytes(), "ok.xlsx")


def test_import_refuses_the_bomb_with_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    path = _bomb(tmp_path / "清单.xlsx")
    result = run_cli("import", str(path), "--kind", "empowerment", "-o", str(tmp_path / "o.yaml"))
    assert result.exit_code == 2
    assert "unpack to more than" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o.yaml").exists()


def test_an_assessment_bomb_is_an_unreadable_table(run_cli: RunCli, tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs" / "invalid" / "assessment"
    juris = tmp_path / "jh"
    juris.mkdir()
    for name in ("jurisdiction.yaml", "empowerment.yaml"):
        (juris / name).write_bytes((root / name).read_bytes())
    (juris / "assessments").mkdir()
    _bomb(juris / "assessments" / "2024-H1.xlsx")
    result = run_cli("validate", str(juris))
    assert result.exit_code == 1
    assert "DL208" in result.stdout and "unpack to more than" in result.stdout


def test_a_utf16_csv_is_read_as_what_it_says() -> None:
    from dutylist.io.tables import decode_csv

    text = "事项编码,乡镇(街道)\nJH-1,嘎洒街道\n"
    assert decode_csv(text.encode("utf-16"), "x.csv") == text
    assert decode_csv(b"\xfe\xff" + text.encode("utf-16-be"), "x.csv") == text
    with pytest.raises(InputError, match="UTF-16"):
        decode_csv(b"\xff\xfe\x00\xd8", "x.csv")  # a lone surrogate
