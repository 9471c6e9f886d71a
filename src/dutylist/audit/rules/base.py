"""The record every audit rule module exports, and the finding every rule yields."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from dutylist.findings import Severity
from dutylist.i18n import Lang, translate

Suggestion = Literal["differentiate", "revoke", "merge", "fix"]
SUGGESTIONS: tuple[str, ...] = ("differentiate", "revoke", "merge", "fix")


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Code, kebab-case name, default severity and one-line summary of an audit rule. The
    summary is a msgid marked with `N_()`: `dutylist rules` shows it in the reader's
    language and its JSON carries both."""

    code: str
    name: str
    severity: Severity
    summary: str

    @property
    def summary_zh(self) -> str:
        return translate(self.summary, "zh")


class Message:
    """A finding's sentence kept as its msgid and fields, shown in either language: the
    audit's JSON carries the English and the Chinese form of every finding at once, whatever
    the reader's language. A field may be a number or text (the same in both languages) or
    a Message, Label or Joined (shown in the language of the sentence)."""

    __slots__ = ("_shown", "fields", "msgid")

    def __init__(self, msgid: str, /, **fields: Any) -> None:
        self.msgid = msgid
        self.fields = fields
        self._shown: dict[str, str] = {}

    def render(self, lang: Lang) -> str:
        # kept per language: a part shared by many findings (a unit's row, `3 cases`) is
        # formatted once, and the JSON asks for both languages of every finding
        done = self._shown.get(lang)
        if done is not None:
            return done
        text = translate(self.msgid, lang)
        if self.fields:
            text = text.format_map({k: shown(v, lang) for k, v in self.fields.items()})
        self._shown[lang] = text
        return text


@dataclass(frozen=True, slots=True)
class Label:
    """An enum value (`adequate`, `approved_by`) shown as itself in English and through its
    label table (i18n's CATEGORY, FIELD... or a rule's own) in Chinese."""

    value: str
    zh: Mapping[str, str]

    def render(self, lang: Lang) -> str:
        return self.zh.get(self.value, self.value) if lang == "zh" else self.value


@dataclass(frozen=True, slots=True)
class Joined:
    """Several values in a row, with the separator of each language."""

    values: tuple[object, ...]
    sep: str = ", "
    sep_zh: str = "、"

    def render(self, lang: Lang) -> str:
        sep = self.sep_zh if lang == "zh" else self.sep
        return sep.join([str(shown(value, lang)) for value in self.values])


_PARTS = (Message, Label, Joined)
"""What a field may hold that renders in the sentence's language (one tuple, not one a
field: a finding's sentence renders a dozen fields)."""


def joined(values: Iterable[object], sep: str = ", ", sep_zh: str = "、") -> Joined:
    return Joined(tuple(values), sep, sep_zh)


def shown(value: object, lang: Lang) -> object:
    """A field's value in `lang`: numbers stay numbers, for the `{score:.0f}` of a msgid."""
    # most parts are Messages shown already (a unit's row, `3 cases`, shared by many
    # findings): their text is read here, without a call to render for each
    if type(value) is Message:
        done = value._shown.get(lang)
        return done if done is not None else value.render(lang)
    return value.render(lang) if isinstance(value, _PARTS) else value


@lru_cache(maxsize=4096)
def plural(n: int, one: str, many: str) -> Message:
    """`1 case`, `2 cases`: two msgids marked with `N_()`, each with its `{n}` field. One
    Message for equal arguments (it is read, never changed): rendered once for all."""
    return Message(one if n == 1 else many, n=n)


@dataclass(slots=True)
class AuditFinding:
    """One audit hit: what to change (suggestion, units, keep), why (message, in English and
    Chinese), where (file, line, column of the item) and who acts (department, units).

    `fingerprint` identifies the finding across runs: it hashes the rule, the jurisdiction,
    the catalog, the item and the rule's stable subject, never lines or counts, so that a
    finding accepted this month is recognised next month."""

    rule: str
    code: str
    severity: Severity
    item: str | None
    message: Message
    suggestion: Suggestion
    file: str
    line: int = 0
    column: int = 0
    units: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)
    kind: str | None = None
    department: str | None = None
    name: str | None = None
    # what `fingerprint` hashes: rule, jurisdiction, kind, unit, item, subject
    identity: tuple[str, ...] = ()
    accepted: bool = False
    extra: dict[str, Any] = field(default_factory=dict)
    # the empowerment item's scope (`all` or unit ids): a revoke takes the power from all
    # of them, not only from the assessed `units`; for the text reporters, not in the JSON
    scope: str | list[str] | None = None
    # the assessment rows behind the finding, made into `extra` by `add_evidence` (the
    # text report shows none of them: making them is a tenth of a large audit)
    evidence: Callable[[], dict[str, Any]] | None = field(default=None, repr=False, compare=False)
    _fingerprint: str | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def fingerprint(self) -> str:
        """Made on first use: a text report of 14k findings shows none of them."""
        if self._fingerprint is None:
            self._fingerprint = fingerprint(*self.identity)
        return self._fingerprint

    def add_evidence(self) -> None:
        """Put the evidence first in `extra`, before the keys added since (also_revoke),
        as if `extra` had started as the evidence."""
        if self.evidence is not None:
            self.extra = {**self.evidence(), **self.extra}
            self.evidence = None

    def text(self, lang: str) -> str:
        return self.message.render("zh" if lang == "zh" else "en")

    def sort_key(self) -> tuple[int, str, int, str]:
        return (-self.severity.rank, self.file, self.line, self.code)

    def as_record(self) -> dict[str, Any]:
        """The JSON shape of spec section 6, plus the fingerprint and where/who keys."""
        record: dict[str, Any] = {
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity.value,
            "item": self.item,
            "units": list(self.units),
            "suggestion": self.suggestion,
            "keep": list(self.keep),
            "message": self.message.render("en"),
            "message_zh": self.message.render("zh"),
            "fingerprint": self.fingerprint,
            "accepted": self.accepted,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "kind": self.kind,
            "department": self.department,
            "name": self.name,
        }
        if self.extra:
            record["evidence"] = self.extra
        return record


def fingerprint(*parts: str) -> str:
    """A short stable hash of the identifying parts of a finding."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:16]
