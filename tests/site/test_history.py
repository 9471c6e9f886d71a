"""Item pages carry the item's life from git when the catalogs are in a repository."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dutylist.cli import app
from dutylist.site.records import slug

ROOT = Path(__file__).resolve().parents[2]


def test_item_pages_show_the_items_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, git_commit: Callable[[Path, str, str], None]
) -> None:
    repo = tmp_path / "repo"
    (repo / "catalogs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    shutil.copytree(ROOT / "catalogs" / "jinghong", repo / "catalogs" / "jinghong")
    shutil.copy(ROOT / "catalogs" / "laws.yaml", repo / "catalogs" / "laws.yaml")
    shutil.copytree(ROOT / "catalogs" / "xishuangbanna", repo / "catalogs" / "xishuangbanna")
    git_commit(repo, "2024-08-19T09:30:00+08:00", "2024年8月动态调整")
    catalog = repo / "catalogs" / "jinghong" / "empowerment.yaml"
    old = "对在公路用地范围内设置公路标志以外的其他标志的行政处罚"
    catalog.write_text(
        catalog.read_text(encoding="utf-8").replace(old, "对擅自设置非公路标志的行政处罚", 1),
        encoding="utf-8",
    )
    git_commit(repo, "2024-09-02T10:00:00+08:00", "更正事项名称")
    monkeypatch.chdir(repo)
    out = tmp_path / "site"
    result = CliRunner().invoke(app, ["site", "catalogs", "-o", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    page = (out / "items" / f"532801-empowerment-{slug('JH-JT-001')}.html").read_text(
        encoding="utf-8"
    )
    assert "2024-08-19 09:30" in page and "2024-09-02 10:00" in page
    assert "更名" in page and old in page and "2024年8月动态调整" in page
    untouched = (out / "items" / f"532801-empowerment-{slug('JH-JT-002')}.html").read_text(
        encoding="utf-8"
    )
    assert "2024-09-02" not in untouched and "新增" in untouched
