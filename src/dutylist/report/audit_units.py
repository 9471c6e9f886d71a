"""一乡镇一问题清单: one problem list per unit, as Markdown or a workbook."""

from __future__ import annotations

from dutylist.audit.core import AuditResult
from dutylist.audit.rules.base import AuditFinding
from dutylist.i18n import Lang
from dutylist.report.audit import markdown
from dutylist.report.audit_labels import affected_units


def unit_lists(result: AuditResult, lang: Lang, fmt: str) -> dict[str, bytes]:
    """一乡镇一问题清单: one file per unit of the registry (an empty list says so), plus
    one for findings that concern no unit, named `<unit name>-<unit id>.md|.xlsx`."""
    out: dict[str, bytes] = {}
    suffix = "xlsx" if fmt == "xlsx" else "md"
    zh = lang == "zh"
    for unit, name in result.units.items():
        findings = [f for f in result.findings if unit in affected_units(result, f)]
        if not findings and unit not in result.townships:
            continue  # a village without findings has no list to receive
        title = f"{name}问题清单" if zh else f"Problem list of {name}"
        out[f"{safe_name(name)}-{unit}.{suffix}"] = _render(
            result, findings, lang=lang, title=title, unit=unit, fmt=fmt
        )
    rest = [f for f in result.findings if not affected_units(result, f)]
    title = "市级部门问题清单" if zh else "Problem list of the county departments"
    out[f"{'市级部门' if zh else 'departments'}.{suffix}"] = _render(
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
    fmt: str,
) -> bytes:
    if fmt == "xlsx":
        from dutylist.report.audit_xlsx import workbook

        return workbook(result, findings, lang, title, unit)
    return markdown(result, findings, lang, title, unit).encode("utf-8")


def safe_name(text: str) -> str:
    """A file name from a unit name: no path separators or characters Windows refuses."""
    return "".join("_" if c in '/\\:*?"<>|' or ord(c) < 32 else c for c in text).strip(". ") or "_"
