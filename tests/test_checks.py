"""The check registry: stable, unique codes, each with its Chinese name and summary."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dutylist.checks import CHECKS_ZH, all_checks

RunCli = Callable[..., Any]


def test_codes_and_names_are_unique_and_well_formed() -> None:
    checks = all_checks()
    assert len({c.code for c in checks}) == len(checks)
    assert len({c.name for c in checks}) == len(checks)
    for c in checks:
        assert re.fullmatch(r"DL\d{3}", c.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c.name)


def test_every_check_has_chinese_words() -> None:
    assert set(CHECKS_ZH) == {c.name for c in all_checks()}
    for name, summary in CHECKS_ZH.values():
        assert name and summary
        assert re.search(r"[\u4e00-\u9fff]", name + summary)


def test_chinese_text_output_names_the_check_in_chinese(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "jurisdiction.yaml").write_text(
        "dutylist: 1\njurisdiction: {code: '532801', name: 景洪市, level: county}\n"
        "units: []\ndepartments: [{id: transport, name: 景洪市交通运输局}]\n",
        encoding="utf-8",
    )
    (tmp_path / "empowerment.yaml").write_text(
        "dutylist: 1\ncatalog: {kind: empowerment, title: t, version: '1'}\nitems:\n"
        "  - {id: A, name: 某事项, category: penalty, department: transprt, basis: [x], scope: all}\n",
        encoding="utf-8",
    )
    result = run_cli("validate", str(tmp_path), "--lang", "zh")
    assert result.exit_code == 1
    assert "错误 DL104 未知部门 [A]" in result.stdout
    assert "检查了 2 个文件，1 个文件中发现 1 个问题" in result.stdout
    english = run_cli("validate", str(tmp_path), "--lang", "en")
    assert "error DL104 unknown-department [A]" in english.stdout
