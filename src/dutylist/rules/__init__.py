"""Audit rules: one module per rule, registered explicitly here."""

from __future__ import annotations

from dutylist.rules.base import RuleInfo

RULES: tuple[RuleInfo, ...] = ()
