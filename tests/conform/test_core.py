"""conform over the fixture folders: adoption per list (per unit for duties), the rules
of section 13 and the variants, against tests/fixtures/conform/*.expected.json."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from dutylist.conform.core import run_conform
from dutylist.conform.settings import ConformSettings
from dutylist.findings import Severity

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "conform"
EXPECTED = json.loads((CASES / "province.expected.json").read_text(encoding="utf-8"))


def test_adoption_per_list() -> None:
    result = run_conform(CASES / "province")
    assert len(result.guides) == 1
    (report,) = result.guides
    assert report.guide.title == "运城市村级组织履行职责事项指导目录"
    assert len(report.guide.items) == 6
    found = {
        x.jurisdiction: {
            "adopted": len(x.adopted),
            "not_adopted": x.not_adopted,
            "beyond": x.beyond,
        }
        for x in report.lists
    }
    assert found == EXPECTED["lists"]


def test_a_merged_item_adopts_every_guide_item_it_names() -> None:
    (report,) = run_conform(CASES / "province").guides
    yanhu = next(x for x in report.lists if x.jurisdiction == "140802")
    assert yanhu.adopted["YC-CJ-03-01"] == ["YH-CJ-003"]
    assert yanhu.adopted["YC-CJ-03-02"] == ["YH-CJ-003"]
    assert yanhu.adopted["YC-CJ-01-01"] == ["YH-CJ-001", "YH-CJ-004"]


def test_rules_of_section_13() -> None:
    result = run_conform(CASES / "province")
    found = Counter((f.name, f.level.value, f.item) for f in result.findings)
    assert found == Counter(tuple(row) for row in EXPECTED["findings"])
    # an item with admission, or one that takes nothing on (不可办理), is not outside-guide
    flagged = {f.item for f in result.findings if f.name == "outside-guide"}
    assert not flagged & {"YH-CJ-091", "YH-CJ-092"}


def test_name_drift_message_gives_both_names() -> None:
    result = run_conform(CASES / "province")
    drift = next(
        f for f in result.findings if f.name == "guide-name-drift" and f.item == "YH-CJ-002"
    )
    assert "制定和修订村规民约（居民公约）" in drift.message
    assert "「制定和修订村规民约」" in drift.message
    assert drift.file.endswith("yanhu/village-affairs.yaml")
    assert drift.line == 14


def _variants(similarity: float | None) -> list[dict[str, object]]:
    result = run_conform(CASES / "province", similarity=similarity)
    return [{"match": v.match, "ids": sorted(v.ids)} for v in result.variants]


def test_variants_by_normalised_name() -> None:
    assert _variants(None) == EXPECTED["variants"]


def test_variants_by_similarity() -> None:
    got = sorted(_variants(0.9), key=lambda v: str(v["ids"]))
    assert got == sorted(EXPECTED["similar_variants"], key=lambda v: str(v["ids"]))


def test_duties_are_checked_per_unit_and_a_guide_not_against_itself() -> None:
    result = run_conform(CASES / "district")
    (report,) = result.guides
    assert [x.column for x in report.lists] == ["盐湖区/北城街道", "盐湖区/西城街道"]
    xicheng = report.lists[1]
    assert xicheng.not_adopted == ["YH-02"]
    assert xicheng.beyond == ["XC-09"]
    assert not any(f.file.endswith("base-guide.yaml") for f in result.findings)
    assert result.variants == []  # one jurisdiction: nothing to compare across


def test_settings_override_severity_and_disable_rules() -> None:
    settings = ConformSettings(
        severity={"outside-guide": Severity.ERROR}, disable=["guide-not-adopted"]
    )
    result = run_conform(CASES / "province", settings=settings)
    names = {f.name for f in result.findings}
    assert "guide-not-adopted" not in names
    outside = [f for f in result.findings if f.name == "outside-guide"]
    assert outside and all(f.level is Severity.ERROR for f in outside)
    assert result.failing()
    assert not run_conform(CASES / "province").failing()


def test_a_single_file_is_checked_with_its_folder_guides() -> None:
    result = run_conform(CASES / "province" / "linyi" / "village-affairs.yaml")
    (report,) = result.guides
    assert [x.jurisdiction for x in report.lists] == ["140821"]
