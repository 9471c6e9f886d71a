"""The rule registry: unique codes and names, documented rules, `dutylist rules` lists them."""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest

from dutylist.audit.rules import RULE_MODULES, RULES
from dutylist.checks import all_checks

RunCli = Callable[..., Any]


def test_codes_and_names_are_unique_and_apart_from_validate() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)
    assert not set(codes) & {c.code for c in all_checks()}
    assert all(code.startswith("DL3") for code in codes)


@pytest.mark.parametrize("module", RULE_MODULES, ids=lambda m: m.RULE.name)
def test_every_rule_documents_a_passing_and_a_failing_example(module: ModuleType) -> None:
    doc = module.__doc__ or ""
    rule = module.RULE
    assert doc.startswith(rule.name)
    assert "Passes" in doc and "Fails" in doc
    assert doc.count("```yaml") >= 2
    assert "Why:" in doc
    assert callable(module.check)


def test_rules_command_lists_the_audit_rules(run_cli: RunCli) -> None:
    result = run_cli("rules", "--format", "json")
    assert result.exit_code == 0
    audit = [r for r in json.loads(result.stdout)["rules"] if r["command"] == "audit"]
    assert [r["name"] for r in audit] == [r.name for r in RULES]
    assert {r["severity"] for r in audit} == {"error", "warning", "info"}
