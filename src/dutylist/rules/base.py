"""The record every audit rule module exports."""

from __future__ import annotations

from dataclasses import dataclass

from dutylist.findings import Severity


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Code, kebab-case name, default severity and one-line summary of an audit rule."""

    code: str
    name: str
    severity: Severity
    summary: str
