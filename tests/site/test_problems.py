"""The units' problem lists: each unit's evidence as the audit reporters tell it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from dutylist.audit.core import audit_loaded
from dutylist.catalog.workspace import load_jurisdiction
from dutylist.report.audit_labels import affected_units, unit_evidence
from dutylist.site.build import _evidence

ROOT = Path(__file__).resolve().parents[2]


def _generated(tmp_path: Path) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from generate import generate_jurisdiction
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    root: Path = generate_jurisdiction(tmp_path / "j", 400, n_units=14, seed=5)
    return root


@pytest.mark.parametrize("source", ["jinghong", "generated"])
def test_evidence_made_once_per_record_is_each_units_own(tmp_path: Path, source: str) -> None:
    """The site tells a unit's evidence once per shared record of measures: for every
    finding and unit it is what `unit_evidence` says for them."""
    root = ROOT / "catalogs" / "jinghong" if source == "jinghong" else _generated(tmp_path)
    assert (root / "assessments").is_dir()
    result = audit_loaded(load_jurisdiction(root), root)
    evidence = _evidence(unit_evidence)
    assert sum(len(affected_units(result, f)) for f in result.findings) > 20
    for _ in range(2):  # the second time from what was made the first
        for finding in result.findings:
            units = affected_units(result, finding)
            assert evidence(finding, units) == [unit_evidence(finding, u, "zh") for u in units]
