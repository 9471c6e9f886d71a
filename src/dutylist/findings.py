"""Problems found in a catalog, as data: returned in results, never raised."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]  # a member is its str: no enum `.value` lookup, no dict made


_RANK = {"error": 3, "warning": 2, "info": 1}


@dataclass(frozen=True, slots=True)
class Check:
    """A validation check: stable code, kebab-case name, default severity, one-line summary."""

    code: str
    name: str
    summary: str
    severity: Severity = Severity.ERROR


@dataclass(slots=True)
class Finding:
    """One problem at one place. `path` is the key path inside the YAML document
    (("items", 3, "scope")), resolved to line and column by a Locator only when reported."""

    check: Check
    message: str
    file: str
    line: int = 0
    column: int = 0
    item: str | None = None
    path: tuple[str | int, ...] | None = None
    severity: Severity | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def code(self) -> str:
        return self.check.code

    @property
    def name(self) -> str:
        return self.check.name

    @property
    def level(self) -> Severity:
        return self.severity or self.check.severity

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.line, self.column, self.code)

    def as_record(self) -> dict[str, Any]:
        """The JSON shape of spec section 6, plus name, severity and item."""
        record: dict[str, Any] = {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": self.message,
            "name": self.name,
            "severity": self.level.value,
        }
        if self.item is not None:
            record["item"] = self.item
        return record
