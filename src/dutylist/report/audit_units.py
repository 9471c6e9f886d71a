"""一乡镇一问题清单: one problem list per unit, as Markdown or a workbook."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from dutylist.audit.core import AuditResult
from dutylist.audit.rules.base import AuditFinding
from dutylist.i18n import Lang, departments_heading
from dutylist.io.files import NAME_MAX
from dutylist.report.audit import as_json, markdown, text_lines
from dutylist.report.audit_labels import affected_units
from dutylist.report.formats import Format
from dutylist.report.jsonout import dumps
from dutylist.report.layout import PIPE_WIDTH, Painter


def unit_lists(
    result: AuditResult, lang: Lang, fmt: Format, name_max: int = NAME_MAX
) -> dict[str, bytes]:
    """一乡镇一问题清单: one file per unit of the registry (an empty list says so), plus
    one for findings that concern no unit, named `<unit name>-<unit id>.<suffix>` with
    the format's own suffix (.md, .json, .txt, .xlsx), the name cut to fit `name_max` bytes."""
    out: dict[str, bytes] = {}
    suffix = fmt.suffixes[0].lstrip(".")
    zh = lang == "zh"
    for unit, name in result.units.items():
        findings = [f for f in result.findings if unit in affected_units(result, f)]
        if not findings and unit not in result.townships:
            continue  # a village without findings has no list to receive
        title = f"{name}问题清单" if zh else f"Problem list of {name}"
        out[unit_file_name(name, unit, suffix, name_max)] = _render(
            result, findings, lang=lang, title=title, unit=unit, fmt=fmt
        )
    rest = [f for f in result.findings if not affected_units(result, f)]
    heading = departments_heading(result.jurisdiction, lang)
    title = f"{heading}问题清单" if zh else "Problem list of the county departments"
    out[f"{heading if zh else 'departments'}.{suffix}"] = _render(
        result, rest, lang=lang, title=title, unit=None, fmt=fmt
    )
    return out


def _render(
    result: AuditResult,
    findings: list[AuditFinding],
    *,
    lang: Lang,
    title: str,
    unit: str | None,
    fmt: Format,
) -> bytes:
    """One unit's share in a per-unit format of `formats.AUDIT`."""
    if fmt.name == "xlsx":
        from dutylist.report.audit_xlsx import workbook

        return workbook(result, findings, lang, title, unit)
    if fmt.name == "json":
        record = {"title": title, "unit": unit, **as_json(replace(result, findings=findings))}
        return dumps(record).encode("utf-8")
    if fmt.name == "text":
        lines = [
            title,
            "",
            *text_lines(
                replace(result, findings=findings), lang, "department", PIPE_WIDTH, Painter(None)
            ),
        ]
        return ("\n".join(line.rstrip() for line in lines) + "\n").encode("utf-8")
    return markdown(result, findings, lang, title, unit).encode("utf-8")


WINDOWS_RESERVED = frozenset(
    {
        "CON",
        "PRN",
        "AUX",
        "NUL",
        *(f"COM{i}" for i in range(1, 10)),
        *(f"LPT{i}" for i in range(1, 10)),
    }
)


def safe_name(text: str) -> str:
    """A file name from catalog text: no path separators, no characters Windows refuses,
    no `.` or `..`, no device name such as CON or NUL."""
    name = "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 or ord(c) == 127 else c for c in text)
    name = name.strip(". ") or "_"
    return f"_{name}" if name.split(".")[0].upper() in WINDOWS_RESERVED else name


def unit_file_name(name: str, unit: str, suffix: str, name_max: int = NAME_MAX) -> str:
    """`<name>-<id>.<suffix>` within `name_max` bytes of UTF-8: the name is cut (never
    inside a character), the `-<id>.<suffix>` kept; `<id>.<suffix>` alone when even
    that leaves no room, and a digest of the id when the id itself is too long."""
    tail = f"-{safe_name(unit)}.{suffix}"
    room = name_max - len(tail.encode("utf-8"))
    head = safe_name(name).encode("utf-8")[: max(room, 0)].decode("utf-8", "ignore").rstrip(". ")
    if head:
        return head + tail
    alone = tail[1:]
    if len(alone.encode("utf-8")) <= name_max:
        return alone
    return f"unit-{hashlib.sha256(unit.encode('utf-8')).hexdigest()[:16]}.{suffix}"
