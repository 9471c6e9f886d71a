"""The audit engine on its rule cases (tests/fixtures/audit/<rule>/), the thresholds of
spec section 7 at their boundaries, and the stability of fingerprints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutylist.audit.config import AuditSettings, settings_of
from dutylist.audit.context import AuditContext
from dutylist.audit.core import load_accept, run_audit
from dutylist.audit.rules import RULE_NAMES
from dutylist.audit.rules._assessed import (
    Evaluation,
    evaluate,
    flags,
    low_weak_high,
    one_size_flagged,
)
from dutylist.catalog.workspace import load_path
from dutylist.errors import InputError
from dutylist.model.assessment import CAPACITIES, WILLINGNESSES
from dutylist.model.catalog import EmpowermentItem

CASES = Path(__file__).resolve().parents[1] / "fixtures" / "audit"
RULE_CASES = sorted(p.name for p in CASES.iterdir() if (p / "expected.json").is_file())


def _shape(record: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    return {k: record.get(k) for k in keys}


def test_every_rule_has_a_case() -> None:
    assert set(RULE_CASES) == set(RULE_NAMES)


@pytest.mark.parametrize("rule", RULE_CASES)
def test_rule_case(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    case = CASES / rule
    monkeypatch.chdir(case)
    previous = "previous" if (case / "previous").is_dir() else None
    result = run_audit(Path("catalog"), previous=previous)
    expected = json.loads((case / "expected.json").read_text(encoding="utf-8"))
    records = [f.as_record() for f in result.findings if f.rule == rule]
    keys = sorted({k for e in expected for k in e})
    got = sorted((_shape(r, keys) for r in records), key=lambda r: (str(r["item"]), str(r)))
    want = sorted((_shape(e, keys) for e in expected), key=lambda r: (str(r["item"]), str(r)))
    assert got == want
    for record in records:
        assert record["message"] and record["message_zh"]
        assert record["line"] >= 1
        assert len(record["fingerprint"]) == 16


def _evaluate(specs: list[tuple[int, str, str]], settings: AuditSettings) -> Evaluation:
    """The evaluation of units u0, u1 ... with the given (cases, capacity, willingness)."""
    cases = [c for c, _, _ in specs]
    capacity = bytes(CAPACITIES.index(cap) for _, cap, _ in specs)
    willingness = bytes(WILLINGNESSES.index(will) for _, _, will in specs)
    columns = (
        cases,
        capacity,
        willingness,
        *flags(cases, capacity, settings.min_cases),
    )
    units = [f"u{i}" for i in range(len(specs))]
    return evaluate(units, list(range(len(specs))), columns)


def _item(technical: str | None = None) -> EmpowermentItem:
    return EmpowermentItem(
        id="X", name="x", category="other", department="d", scope="all", technical=technical
    )


FIT = (3, "adequate", "moderate")
IDLE = (0, "adequate", "moderate")
UNABLE = (5, "none", "moderate")


@pytest.mark.parametrize(
    ("specs", "flagged"),
    [
        ([FIT, FIT, FIT, IDLE], True),  # 1 of 4 = exactly 25%: ceil(1.0) = 1
        ([FIT] * 6 + [IDLE] * 2, True),  # 2 of 8 = exactly 25%
        ([FIT] * 7 + [IDLE], False),  # 1 of 8 < ceil(2.0)
        ([FIT] * 11 + [IDLE] * 3, False),  # 3 of 14 < ceil(3.5) = 4
        ([FIT] * 10 + [IDLE] * 3 + [UNABLE], True),  # 4 of 14: capacity none is unfit too
        ([FIT], False),
        ([IDLE], True),  # max(1, ...) : one assessed, unfit
    ],
)
def test_unfit_share_boundary(specs: list[tuple[int, str, str]], flagged: bool) -> None:
    ev = _evaluate(specs, AuditSettings())
    assert one_size_flagged(ev, AuditSettings()) is flagged


WEAK1 = (1, "adequate", "weak")
WEAK0 = (0, "adequate", "weak")
STRONG1 = (1, "adequate", "strong")
STRONG0 = (0, "adequate", "strong")


@pytest.mark.parametrize(
    ("specs", "technical", "revoke"),
    [
        ([WEAK1, WEAK0, STRONG1, STRONG0], "high", True),  # exactly half weak, 2 cases < 4
        ([WEAK1, STRONG0, STRONG1, STRONG0], "high", False),  # a quarter weak
        ([WEAK1, WEAK1, STRONG1, STRONG1], "high", False),  # cases equal to units: 4 = 4
        ([WEAK1, WEAK1, STRONG1, STRONG0], "high", True),  # 3 cases < 4 units
        ([WEAK1, WEAK0, STRONG1, STRONG0], "medium", False),  # not technical high
        ([WEAK1, WEAK0, STRONG1, STRONG0], None, False),
    ],
)
def test_low_weak_high_boundary(
    specs: list[tuple[int, str, str]], technical: str | None, revoke: bool
) -> None:
    ev = _evaluate(specs, AuditSettings())
    assert low_weak_high(_item(technical), ev, AuditSettings()) is revoke


def test_min_cases_setting_moves_the_fit_line() -> None:
    specs = [(2, "adequate", "moderate")] * 4
    assert not one_size_flagged(_evaluate(specs, AuditSettings()), AuditSettings())
    strict = AuditSettings(min_cases=3)
    assert one_size_flagged(_evaluate(specs, strict), strict)


unit_spec = st.tuples(
    st.integers(0, 4),
    st.sampled_from(["adequate", "limited", "none"]),
    st.sampled_from(["strong", "moderate", "weak"]),
)


@settings(max_examples=50, deadline=None)
@given(specs=st.lists(unit_spec, min_size=1, max_size=12), extra=st.integers(1, 3))
def test_a_zero_case_unit_never_removes_a_finding(
    specs: list[tuple[int, str, str]], extra: int
) -> None:
    """Property: adding units with zero cases to an assessment never removes a
    one-size-fits-all finding (an unfit unit can only add to the unfit count)."""
    base = specs
    grown = [*specs, *[(0, "adequate", "strong")] * extra]
    if one_size_flagged(_evaluate(base, AuditSettings()), AuditSettings()):
        assert one_size_flagged(_evaluate(grown, AuditSettings()), AuditSettings())


def _copy_case(tmp_path: Path, rule: str) -> Path:
    target = tmp_path / rule
    shutil.copytree(CASES / rule / "catalog", target)
    return target


def test_fingerprints_survive_moved_lines_and_new_counts(tmp_path: Path) -> None:
    root = _copy_case(tmp_path, "one-size-fits-all")
    before = {f.item: f.fingerprint for f in run_audit(root).findings}
    catalog = root / "empowerment.yaml"
    text = catalog.read_text(encoding="utf-8").replace("items:\n", "items:\n\n\n# moved\n")
    catalog.write_text(text, encoding="utf-8")
    table = root / "assessments" / "2024-H2.csv"
    table.write_text(
        table.read_text(encoding="utf-8").replace("X-1,ta,2024-H2,5", "X-1,ta,2024-H2,9"),
        encoding="utf-8",
    )
    after = run_audit(root).findings
    assert {f.item: f.fingerprint for f in after} == before
    assert all(f.line > 3 for f in after)


def test_no_assessment_skips_the_rules_that_need_it(tmp_path: Path) -> None:
    root = _copy_case(tmp_path, "one-size-fits-all")
    shutil.rmtree(root / "assessments")
    result = run_audit(root)
    skipped = {rule for rule, why in result.skipped if why == "assessment"}
    assert skipped == {"one-size-fits-all", "return-candidate", "zero-uptake"}
    assert result.period is None
    assert not [f for f in result.findings if f.rule in skipped]


def test_newest_period_of_the_newest_file_is_used(tmp_path: Path) -> None:
    root = _copy_case(tmp_path, "one-size-fits-all")
    old = root / "assessments" / "2024-H1.csv"
    old.write_text(
        "item,unit,period,cases,capacity,willingness\nX-2,ta,2024-H1,0,none,weak\n",
        encoding="utf-8",
    )
    result = run_audit(root)
    assert result.period == "2024-H2"
    assert "X-2" not in {f.item for f in result.findings if f.rule == "one-size-fits-all"}
    both = old.read_text(encoding="utf-8") + "X-2,tb,2024-H2,3,adequate,strong\n"
    old.write_text(both, encoding="utf-8")
    newest = run_audit(root, assessment=old)
    assert newest.period == "2024-H2"
    assert newest.assessment_file is not None
    assert newest.assessment_file.endswith("2024-H1.csv")


def test_invalid_assessment_rows_stop_the_audit(tmp_path: Path) -> None:
    root = _copy_case(tmp_path, "one-size-fits-all")
    table = root / "assessments" / "2024-H2.csv"
    table.write_text(
        table.read_text(encoding="utf-8") + "X-2,ta,2024-H2,many,足,强,\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as caught:
        run_audit(root)
    assert caught.value.line == 23
    assert "cases" in caught.value.message


def test_disabled_rules_and_severity_overrides(tmp_path: Path) -> None:
    root = _copy_case(tmp_path, "one-size-fits-all")
    chosen = settings_of(
        {"disable": ["zero-uptake", "missing-support"], "severity": {"one-size-fits-all": "error"}}
    )
    result = run_audit(root, settings=chosen)
    rules = {f.rule for f in result.findings}
    assert "zero-uptake" not in rules
    assert "missing-support" not in rules
    assert {f.severity.value for f in result.findings if f.rule == "one-size-fits-all"} == {"error"}


def test_single_file_does_not_guess_the_other_list(tmp_path: Path) -> None:
    root = _copy_case(tmp_path, "grid-link")
    result = run_audit(root / "territorial.yaml")
    assert [f.item for f in result.findings if f.rule == "grid-link"] == []
    (root / "grid.yaml").unlink()
    assert [f.item for f in run_audit(root).findings if f.rule == "grid-link"] == ["T-1", "T-2"]


def test_context_locates_items_without_rules_counting_lines() -> None:
    juris = load_path(CASES / "one-size-fits-all" / "catalog")
    ctx = AuditContext(juris)
    loaded = juris.catalog("empowerment")
    assert loaded is not None
    assert ctx.item_line(loaded, "X-1") == 7
    assert ctx.item_line(loaded, "X-6") == 12


def test_accept_file_forms(tmp_path: Path) -> None:
    path = tmp_path / "accepted.yaml"
    path.write_text(
        "# reviewed 2024-09 by 编办\n"
        "- 0123456789abcdef  # 勐旺乡 keeps it on purpose\n"
        "- fingerprint: fedcba9876543210\n"
        "aaaaaaaaaaaaaaaa\n\n",
        encoding="utf-8",
    )
    assert load_accept(path) == {
        "0123456789abcdef": "勐旺乡 keeps it on purpose",
        "fedcba9876543210": "",
        "aaaaaaaaaaaaaaaa": "",
    }
    path.write_text("- not-a-fingerprint\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_accept(path)
    assert caught.value.line == 1


def test_a_single_catalog_file_uses_its_jurisdictions_assessment() -> None:
    result = run_audit(CASES / "one-size-fits-all" / "catalog" / "empowerment.yaml")
    assert result.period == "2024-H2"
    assert {f.item for f in result.findings if f.rule == "one-size-fits-all"} == {
        "X-1",
        "X-3",
        "X-4",
        "X-6",
    }


# --- the revoke wording (tests/fixtures/audit/revoke-scope/) ------------------------------


@pytest.fixture
def revoke_case(monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.chdir(CASES / "revoke-scope")
    return run_audit(Path("catalog"))


def _one(result: Any, rule: str, item: str) -> Any:
    (found,) = [f for f in result.findings if f.rule == rule and f.item == item]
    return found


def test_revoke_json_keeps_spec_shape(revoke_case: Any) -> None:
    """Spec 6: for revoke `keep` is empty and `units` the assessed units (丁街道 and 丙乡,
    unassessed, are not listed), whatever the text reporters say about the scope."""
    all_scope = _one(revoke_case, "one-size-fits-all", "V-1").as_record()
    listed = _one(revoke_case, "return-candidate", "V-2").as_record()
    assert (all_scope["suggestion"], all_scope["keep"]) == ("revoke", [])
    assert all_scope["units"] == ["ta", "tb", "tc"]
    assert (listed["suggestion"], listed["keep"], listed["units"]) == ("revoke", [], ["ta", "tb"])
    assert "scope" not in all_scope


def test_findings_carry_the_items_scope(revoke_case: Any) -> None:
    assert _one(revoke_case, "one-size-fits-all", "V-1").scope == "all"
    assert _one(revoke_case, "return-candidate", "V-2").scope == ["ta", "tb", "tc"]


def test_reclaimed_on_an_item_suggested_for_revoke_is_marked(revoke_case: Any) -> None:
    revoked = _one(revoke_case, "reclaimed-still-devolved", "V-1")
    kept = _one(revoke_case, "reclaimed-still-devolved", "V-3")
    assert revoked.severity.value == "error"
    assert revoked.extra["also_revoke"] == "DL301"
    assert (revoked.suggestion, revoked.units) == ("differentiate", ["tb"])
    assert "also_revoke" not in kept.extra


def test_an_accepted_revoke_does_not_mark_the_reclaimed_finding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(CASES / "revoke-scope")
    first = run_audit(Path("catalog"))
    assert _one(first, "reclaimed-still-devolved", "V-1").extra["also_revoke"] == "DL301"
    revoke = _one(first, "one-size-fits-all", "V-1").fingerprint
    again = run_audit(Path("catalog"), accepted=[revoke])
    assert "also_revoke" not in _one(again, "reclaimed-still-devolved", "V-1").extra


def test_messages_name_units_not_ids(revoke_case: Any) -> None:
    found = _one(revoke_case, "reclaimed-still-devolved", "V-1")
    assert "remove 乙镇 from the scope" in found.text("en")
    assert " tb " not in found.text("en")
    assert "请从赋权范围中去除乙镇" in found.text("zh")


def test_english_counts_agree_in_number(revoke_case: Any) -> None:
    from dutylist.i18n import counted

    assert [counted(n, "case") for n in (0, 1, 2)] == ["0 cases", "1 case", "2 cases"]
    one_size = _one(revoke_case, "one-size-fits-all", "V-1").text("en")
    candidate = _one(revoke_case, "return-candidate", "V-2").text("en")
    assert "(1 case in 2024-H2)" in one_size
    assert "甲镇 (1 case, capacity limited, weak)" in candidate
    assert "1 cases" not in one_size + candidate


def test_every_audit_rule_has_a_chinese_summary() -> None:
    from dutylist.audit.rules import RULES

    for rule in RULES:
        assert any("\u4e00" <= c <= "\u9fff" for c in rule.summary_zh), rule.name


ROOT = Path(__file__).resolve().parents[2]
AUDITED = sorted(
    {
        *(p / "catalog" for p in CASES.iterdir() if (p / "catalog").is_dir()),
        *(ROOT / "tests" / "fixtures" / "catalogs" / "valid").iterdir(),
        ROOT / "catalogs" / "jinghong",
        ROOT / "examples" / "jinghong-2023",
        ROOT / "examples" / "jinghong-2024",
    }
)


@pytest.mark.parametrize("folder", AUDITED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_records_audit_as_models_do(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # run_audit loads records (validate's frozen validators); the site audits the models
    # it has loaded: every finding, message and evidence must be the same either way
    from dutylist.audit.core import audit_loaded
    from dutylist.catalog.load import as_records
    from dutylist.model.frozen import Record
    from dutylist.report.audit import as_json

    monkeypatch.chdir(folder.parent)
    path = Path(folder.name)
    with as_records():
        records = load_path(path)
    assert all(isinstance(c.model, Record) for c in records.catalogs)
    on_records = as_json(audit_loaded(records, path))
    on_models = as_json(audit_loaded(load_path(path), path))
    assert on_records == on_models
    assert on_records == as_json(run_audit(path))
    assert on_records["findings"] or folder.name in {"minimal", "duties-posts", "grid-territorial"}
