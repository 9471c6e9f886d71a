"""Reporters of `dutylist conform`: text, json (spec section 13), markdown.

All are built from the same records: per guide the lists with what they adopted, did
not adopt and added beyond it; the findings; the variants across jurisdictions.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

from dutylist.conform.core import ConformResult, GuideReport, ListReport
from dutylist.conform.rules import LABEL_ZH
from dutylist.conform.variants import Variant
from dutylist.findings import Finding
from dutylist.i18n import CATEGORY, KIND, SEVERITY, Lang, _, counted, label
from dutylist.report.layout import PIPE_WIDTH, Painter, wrap
from dutylist.report.safe import md

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def clean(text: object) -> str:
    """Catalog text with control characters shown as escapes (spec section 10)."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group(0)):04x}", str(text))


def rule_label(name: str, lang: Lang) -> str:
    return LABEL_ZH.get(name, name) if lang == "zh" else name


def finding_record(f: Finding) -> dict[str, Any]:
    record: dict[str, Any] = {
        "rule": f.name,
        "code": f.code,
        "severity": f.level.value,
        "item": f.item,
        "message": f.message,
        "file": f.file,
        "line": f.line,
        "column": f.column,
    }
    if "jurisdiction" in f.extra:
        record["jurisdiction"] = f.extra["jurisdiction"]
    return record


def list_record(item: ListReport) -> dict[str, Any]:
    record: dict[str, Any] = {
        "jurisdiction": item.jurisdiction,
        "name": item.jurisdiction_name,
        "catalog": item.catalog,
        "kind": item.kind,
        "adopted": len(item.adopted),
        "adopted_items": item.adopted,
        "not_adopted": item.not_adopted,
        "beyond": item.beyond,
    }
    if item.unit is not None:
        record["unit"] = item.unit
    return record


def variant_record(v: Variant) -> dict[str, Any]:
    return {
        "name": v.name,
        "kind": v.kind,
        "category": v.category,
        "match": v.match,
        "members": [
            {
                "jurisdiction": m.jurisdiction,
                "jurisdiction_name": m.jurisdiction_name,
                "id": m.id,
                "name": m.name,
                "catalog": m.catalog,
            }
            for m in v.members
        ],
    }


def as_json(result: ConformResult) -> dict[str, Any]:
    return {
        "source": result.source,
        "guides": [
            {
                "guide": g.guide.display,
                "title": g.guide.title,
                "for": g.guide.for_kind,
                "issuer": g.guide.issuer,
                "items": len(g.guide.items),
                "lists": [list_record(x) for x in g.lists],
            }
            for g in result.guides
        ],
        "findings": [finding_record(f) for f in result.findings],
        "variants": [variant_record(v) for v in result.variants],
    }


def report_json(result: ConformResult, lang: Lang) -> str:
    return json.dumps(as_json(result), ensure_ascii=False, indent=2) + "\n"


def _ids(ids: list[str], limit: int = 8) -> str:
    shown = "、".join(clean(i) for i in ids[:limit])
    return shown + ("…" if len(ids) > limit else "")


def list_line(item: ListReport, guide: GuideReport) -> str:
    return _(
        "{list} ({catalog}): adopted {adopted} of {total}, not adopted {missing}, "
        "beyond the guide {beyond}",
        list=clean(item.column),
        catalog=clean(item.catalog),
        adopted=len(item.adopted),
        total=len(guide.guide.items),
        missing=len(item.not_adopted),
        beyond=len(item.beyond),
    )


def variant_title(v: Variant, lang: Lang) -> str:
    what = (
        _("same name, different codes")
        if v.match == "name" and len(v.names) == 1
        else _("same item, different names")
    )
    where = f"{label(KIND, v.kind, lang)}/{label(CATEGORY, v.category, lang)}"
    return f"「{clean(v.name)}」 {where} · {what}"


def guide_heading(g: GuideReport) -> str:
    return _(
        "Guide {title} ({file}), {count} items, issued by {issuer}",
        title=clean(g.guide.title),
        file=clean(g.guide.display),
        count=len(g.guide.items),
        issuer=clean(g.guide.issuer),
    )


def summary_line(result: ConformResult) -> str:
    counts = {s: sum(1 for f in result.findings if f.level.value == s) for s in SEVERITY}
    numbers = {
        "lists": sum(len(g.lists) for g in result.guides),
        "guides": len(result.guides),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "variants": len(result.variants),
    }
    nouns = {  # English counts agree in number; the Chinese sentence counts with 个, 份, 组
        "lists": "list",
        "guides": "guide",
        "errors": "error",
        "warnings": "warning",
        "infos": "note",
        "variants": "variant group",
    }
    english = {f"{k}_en": counted(numbers[k], noun) for k, noun in nouns.items()}
    return _(
        "{lists_en} checked against {guides_en}: {errors_en}, {warnings_en}, {infos_en}; "
        "{variants_en}",
        **numbers,
        **english,
    )


def report_text(
    result: ConformResult, lang: Lang, width: int = PIPE_WIDTH, out: TextIO | None = None
) -> str:
    """The text report, wrapped at `width` columns and coloured when `out` is a terminal."""
    paint = Painter(out)
    lines: list[str] = []

    def say(text: str, indent: str = "", style: str = "") -> None:
        for line in wrap(text, width, indent + "  ", indent):
            lines.append(paint(line, style) if style else line)

    if not result.guides:
        say(_("No list here follows a guide (`guides:` in jurisdiction.yaml)."))
    for g in result.guides:
        say(guide_heading(g), style="bold")
        for item in g.lists:
            say(list_line(item, g), "  ")
            if item.not_adopted:
                say(_("not adopted: {ids}", ids=_ids(item.not_adopted)), "    ")
            if item.beyond:
                say(_("beyond the guide: {ids}", ids=_ids(item.beyond)), "    ")
        lines.append("")
    shown = [f for f in result.findings if f.name != "guide-not-adopted"]
    if shown:
        say(_("Findings"), style="bold")
        for f in shown:
            level = f.level.value
            head = (
                f"{label(SEVERITY, level, lang)} {f.code} {rule_label(f.name, lang)} "
                f"{clean(f.item or '')}  {clean(f.file)}:{f.line}"
            )
            say(head, "  ", _STYLES[level])
            say(clean(f.message), "    ")
        lines.append("")
    if result.variants:
        say(_("Variants across jurisdictions"), style="bold")
        for v in result.variants:
            say(variant_title(v, lang), "  ")
            for m in v.members:
                say(clean(f"{m.jurisdiction_name} {m.id} 「{m.name}」"), "    ")
        lines.append("")
    if result.problems:
        message = _(
            "{count_en} skipped in the files: run `dutylist validate`",
            count=result.problems,
            count_en=counted(result.problems, "problem"),
        )
        say(message, style="yellow")
    say(summary_line(result))
    return "\n".join(line.rstrip() for line in lines) + "\n"


_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def matrix_rows(g: GuideReport) -> list[list[str]]:
    """Guide item x list: the adopting item ids, or empty."""
    rows = []
    for ident, item in g.guide.items.items():
        row = [ident, item.name, item.__dict__.get("group") or ""]
        row += ["、".join(x.adopted.get(ident, [])) for x in g.lists]
        rows.append(row)
    return rows


def report_markdown(result: ConformResult, lang: Lang) -> str:
    out = [f"# {md(_('Conformity to the guides'))}", ""]
    for g in result.guides:
        out += [f"## {md(guide_heading(g))}", ""]
        head = [_("List"), _("Adopted"), _("Not adopted"), _("Beyond the guide")]
        out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        for x in g.lists:
            cells = [x.column, str(len(x.adopted)), _ids(x.not_adopted), _ids(x.beyond)]
            out.append("| " + " | ".join(md(c) for c in cells) + " |")
        out.append("")
        if result.folder or len(g.lists) > 1:
            out += [f"### {md(_('Guide items by list'))}", ""]
            head = [_("Code"), _("Guide item"), _("Group"), *[x.column for x in g.lists]]
            out += ["| " + " | ".join(md(h) for h in head) + " |", "|" + "---|" * len(head)]
            for row in matrix_rows(g):
                cells = row[:3] + [c or "—" for c in row[3:]]
                out.append("| " + " | ".join(md(c) for c in cells) + " |")
            out.append("")
    shown = [f for f in result.findings if f.name != "guide-not-adopted"]
    if shown:
        out += [f"## {md(_('Findings'))}", ""]
        for f in shown:
            out.append(
                f"- **{label(SEVERITY, f.level.value, lang)}** `{f.code}` {rule_label(f.name, lang)} "
                f"`{md(f.item or '')}` ({md(f.file)}:{f.line}): {md(f.message)}"
            )
        out.append("")
    if result.variants:
        out += [f"## {md(_('Variants across jurisdictions'))}", ""]
        for v in result.variants:
            members = "; ".join(f"{m.jurisdiction_name} `{m.id}` {m.name}" for m in v.members)
            out.append(f"- {md(variant_title(v, lang))}: {md(members)}")
        out.append("")
    out.append(md(summary_line(result)))
    return "\n".join(out) + "\n"


def render(
    result: ConformResult, fmt: str, lang: Lang, width: int = PIPE_WIDTH, out: TextIO | None = None
) -> str:
    if fmt == "json":
        return report_json(result, lang)
    if fmt == "markdown":
        return report_markdown(result, lang)
    return report_text(result, lang, width, out)
