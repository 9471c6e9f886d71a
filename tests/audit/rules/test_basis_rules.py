"""The review rules of the legal bases: revised since the catalog took effect, a title the
registry lacks (with a did-you-mean), a power's basis that cites no 《title》."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dutylist.audit.config import settings_of
from dutylist.audit.core import run_audit
from dutylist.findings import Severity

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "laws" / "registry"


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """The fixture with the repealed law in force again: validate passes, audit runs."""
    shutil.copytree(FIXTURE, tmp_path / "registry")
    local = tmp_path / "registry" / "county" / "laws.yaml"
    text = local.read_text(encoding="utf-8")
    text = text.replace("status: repealed\n    repealed_on: 2024-01-01\n", "status: in-force\n")
    local.write_text(text, encoding="utf-8")
    return tmp_path / "registry" / "county"


def _basis(path: Path, **settings: object) -> list[tuple[str, str | None, str, str]]:
    result = run_audit(path, settings=settings_of(settings))
    return sorted(
        (f.rule, f.item, f.severity.value, f.text("zh"))
        for f in result.findings
        if f.code in ("DL340", "DL341", "DL342")
    )


def test_basis_rules(county: Path) -> None:
    assert _basis(county) == [
        (
            "basis-revised-since",
            "A4",
            "warning",
            "《中华人民共和国行政处罚法》于2021-01-22修订，晚于本清单施行日期（2020-06-01）："
            "请对照现行文本复核该事项",
        ),
        (
            "basis-uncited",
            "A6",
            "info",
            "实施依据“公路法第七十六条”未以《法律法规名称》引用任何法律法规：请写明法律法规名称及条款",
        ),
        (
            "basis-unknown-law",
            "A5",
            "info",
            "《中华人民共和国公路发》不在 laws.yaml 登记表中：是否为《中华人民共和国公路法》？",
        ),
    ]


def test_revised_before_the_catalog_took_effect_is_no_finding(county: Path) -> None:
    path = county / "empowerment.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("2020-06-01", "2024-08-19"), encoding="utf-8"
    )
    assert "basis-revised-since" not in {r for r, *_ in _basis(county)}


def test_settings_override_and_disable(county: Path) -> None:
    found = _basis(
        county,
        severity={"basis-unknown-law": Severity.WARNING},
        disable=["basis-uncited", "basis-revised-since"],
    )
    assert [(r, s) for r, _, s, _ in found] == [("basis-unknown-law", "warning")]


def test_without_a_registry_the_rules_are_silent(county: Path) -> None:
    (county / "laws.yaml").unlink()
    (county.parent / "laws.yaml").unlink()
    assert _basis(county) == []


def test_the_audit_reports_validates_basis_checks_too() -> None:
    """A repealed basis does not stop the review (it is no broken data): audit reports it,
    under validate's code, as an error naming the replacement, and settings apply."""
    result = run_audit(FIXTURE / "county")
    found = sorted(
        (f.rule, f.code, f.item, f.severity.value)
        for f in result.findings
        if f.code in ("DL140", "DL141", "DL142")
    )
    assert found == [
        ("basis-article-out-of-range", "DL142", "A2", "warning"),
        ("basis-not-yet-in-force", "DL141", "A7", "warning"),
        ("basis-repealed", "DL140", "A3", "error"),
        ("basis-repealed", "DL140", "T1", "error"),
    ]
    repealed = next(f for f in result.findings if f.item == "A3")
    assert "《中华人民共和国森林法》" in repealed.text("zh")
    assert repealed.line == 24
    quiet = settings_of(
        {"severity": {"basis-repealed": "warning"}, "disable": ["basis-not-yet-in-force"]}
    )
    quieter = run_audit(FIXTURE / "county", settings=quiet).findings
    pairs = [(f.rule, f.severity.value) for f in quieter]
    assert ("basis-repealed", "warning") in pairs
    assert "basis-not-yet-in-force" not in {r for r, _ in pairs}


def test_diff_runs_on_a_catalog_citing_a_repealed_law() -> None:
    from dutylist.diff import diff_paths

    county = FIXTURE / "county"
    assert diff_paths(str(county), str(county)).summary == {"unchanged": 8}
