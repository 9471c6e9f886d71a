"""`dutylist history` as text (a timeline), JSON (spec section 11) and Markdown."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from dutylist.history.model import Event, History, ItemHistory
from dutylist.history.query import UnitHistory, Window, unit_record
from dutylist.i18n import FIELD, KIND, N_, Lang, _, class_label, label
from dutylist.report.jsonout import dumps as json_dumps
from dutylist.report.layout import PIPE_WIDTH, wrap
from dutylist.report.safe import md

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def safe(text: str) -> str:
    """Catalog text with control, zero-width and bidi characters shown as escapes."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@dataclass
class View:
    """What the command asked for: some items, one or more units, or every item."""

    history: History
    items: list[ItemHistory]
    units: list[UnitHistory] | None
    window: Window
    lang: Lang
    overview: bool = False


def _span(view: View) -> tuple[str | None, str | None]:
    dates = [c.date for c in view.history.commits if c.changed]
    start = view.window.since or (dates[0] if dates else None)
    end = view.window.until or (dates[-1] if dates else None)
    return (start.date().isoformat() if start else None, end.date().isoformat() if end else None)


def as_json(view: View) -> dict[str, Any]:
    start, end = _span(view)
    record: dict[str, Any] = {"path": view.history.path, "from": start, "to": end}
    if view.units is not None:
        record["units"] = [unit_record(u) for u in view.units]
    else:
        record["items"] = [life.as_record() for life in view.items]
    record["skipped"] = [
        {
            "commit": s.commit[:7],
            "date": s.date.isoformat(),
            "jurisdiction": s.jurisdiction,
            "problems": s.problems,
        }
        for s in view.history.skipped
        if view.window.since is None or s.date >= view.window.since
    ]
    return record


class _Words:
    def __init__(self, view: View) -> None:
        self.view = view
        self.lang = view.lang
        self.units = {k: v for m in view.history.unit_names.values() for k, v in m.items()}
        self.departments = {
            k: v for m in view.history.department_names.values() for k, v in m.items()
        }

    def listed(self, parts: Iterable[str]) -> str:
        return ("、" if self.lang == "zh" else ", ").join(parts)

    def classes(self, event: Event) -> str:
        return self.listed(class_label(c, self.lang) for c in event.classes)

    def when(self, event: Event) -> str:
        return f"{event.date:%Y-%m-%d %H:%M}  {event.commit[:7]}  {event.version or '-'}"

    def ids(self, event: Event) -> str:
        return safe(self._ids(event))

    def _ids(self, event: Event) -> str:
        if event.grouped:
            return f"{self.listed(event.old_ids)} → {self.listed(event.new_ids)}"
        old = event.old_ids[0] if event.old_ids else None
        if event.id is None:
            return old or ""
        return f"{old} → {event.id}" if old and old != event.id else event.id

    def value(self, name: str, value: Any) -> str:
        if name == "scope" and value == "all":
            return _("all units")
        if isinstance(value, list):
            return self.listed(self.value(name, v) for v in value)
        if isinstance(value, str):
            names = (
                self.departments if name in ("department", "lead", "cooperating") else self.units
            )
            return safe(names.get(value, value) if name != "name" else value)
        if value is None:
            return "—"
        return safe(json.dumps(value, ensure_ascii=False))

    def fields(self, event: Event) -> list[str]:
        out = []
        for name, entry in event.fields.items():
            shown = label(FIELD, name, self.lang)
            old, new = self.value(name, entry.get("old")), self.value(name, entry.get("new"))
            out.append(f"{shown}: {old} → {new}")
        return out

    def kind(self, life: ItemHistory) -> str:
        text = label(KIND, life.kind, self.lang)
        return f"{text} ({self.units.get(life.unit, life.unit)})" if life.unit else text

    def department(self, dep: str) -> str:
        return safe(self.departments.get(dep, dep))

    def state(self, life: ItemHistory) -> str:
        if life.present:
            return _("in force")
        if life.went_into:
            return _("became {ids}", ids=self.listed(x.id for x in life.went_into))
        last = life.events[-1] if life.events else None
        return class_label(last.classes[0], self.lang) if last else ""


_HEAD = (N_("id"), N_("name"), N_("first event"), N_("last event"), N_("now"))


def _skipped_lines(view: View) -> list[str]:
    return [
        _(
            "{commit} ({date}): {jurisdiction} does not validate, its changes are left out: {problem}",
            commit=s.commit[:7],
            date=f"{s.date:%Y-%m-%d %H:%M}",
            jurisdiction=s.jurisdiction,
            problem=safe(s.problems[0]) if s.problems else "",
        )
        for s in view.history.skipped
    ]


def report_text(view: View, width: int = PIPE_WIDTH) -> str:
    w = _Words(view)
    lines: list[str] = []
    if view.units is not None:
        for unit in view.units:
            lines += _unit_text(unit, w)
    elif view.overview:
        for life in view.items:
            first, last = life.events[0], life.events[-1]
            lived = f"{first.date:%Y-%m-%d} {w.classes(first)}"
            if last is not first:  # an item never changed since it came has one event
                lived += f" → {last.date:%Y-%m-%d} {w.classes(last)}"
            lines.append(f"{safe(life.id)}  {safe(life.name)}")
            lines.append(
                f"    {w.kind(life)} · {w.department(life.department)} · {lived} · {w.state(life)}"
            )
        lines.append(_("{n} items", n=len(view.items)))
    else:
        for life in view.items:
            lines += _life_text(life, w)
    if not view.items and not view.units:
        lines.append(_("no event in this period"))
    lines += _skipped_lines(view)
    # each line wrapped under its own indentation; the text is made safe where it is built
    return "\n".join(part for line in lines for part in _wrapped(line, width)) + "\n"


def _wrapped(line: str, width: int) -> list[str]:
    lead = line[: len(line) - len(line.lstrip(" "))]
    return wrap(line[len(lead) :], width, lead + "  ", lead)


def _life_text(life: ItemHistory, w: _Words) -> list[str]:
    lines = [f"{safe(life.id)}  {safe(life.name)}"]
    info = [w.kind(life), w.department(life.department), w.state(life)]
    if len(life.ids) > 1:
        info.append(_("ids: {ids}", ids=" → ".join(life.ids)))
    if life.came_from:
        info.append(_("from: {ids}", ids=w.listed(x.id for x in life.came_from)))
    lines.append("  " + " · ".join(info))
    for event in life.events:
        lines.append(f"  {w.when(event)}  {w.classes(event)}  {w.ids(event)}")
        if event.message:
            lines.append(f"      « {safe(event.message)} »")
        lines += [f"      {line}" for line in w.fields(event)]
    lines.append("")
    return lines


def _unit_text(unit: UnitHistory, w: _Words) -> list[str]:
    lines = [
        _(
            "{name} ({unit}): empowerment items gained and lost",
            name=safe(unit.name),
            unit=unit.unit,
        )
    ]
    for point in unit.points:
        held = _(
            "holds {count} (+{gained} −{lost})",
            count=point.count,
            gained=len(point.gained),
            lost=len(point.lost),
        )
        lines.append(
            f"  {point.date:%Y-%m-%d %H:%M}  {point.commit[:7]}  {point.version or '-'}  {held}"
        )
        first = (point.gained or point.lost)[0][1]
        if first.message:
            lines.append(f"      « {safe(first.message)} »")
        for sign, pairs in (("+", point.gained), ("−", point.lost)):
            for life, event in pairs:
                lines.append(
                    f"      {sign} {safe(event.id or life.id)}  {safe(life.name)}  ({w.classes(event)})"
                )
    if not unit.points:
        lines.append("  " + _("no event in this period"))
    lines.append("")
    return lines


def report_markdown(view: View) -> str:
    w = _Words(view)
    start, end = _span(view)
    lines = [f"# {_('History of {path}', path=view.history.path)}", "", f"{start} — {end}", ""]
    if view.units is not None:
        for unit in view.units:
            lines += [f"## {md(unit.name)} ({unit.unit})", ""]
            lines += [
                f"| {_('date')} | commit | {_('version')} | {_('gained')} | {_('lost')} | {_('holds')} |",
                "|---|---|---|---|---|---|",
            ]
            for p in unit.points:
                gained = "<br>".join(md(f"{e.id or x.id} {x.name}") for x, e in p.gained)
                lost = "<br>".join(md(f"{e.id or x.id} {x.name}") for x, e in p.lost)
                lines.append(
                    f"| {p.date:%Y-%m-%d %H:%M} | {p.commit[:7]} | {p.version or ''} | {gained} | {lost} | {p.count} |"
                )
            lines.append("")
    elif view.overview:
        lines += ["| " + " | ".join(_(h) for h in _HEAD) + " |", "|---|---|---|---|---|"]
        for life in view.items:
            first, last = life.events[0], life.events[-1]
            lines.append(
                f"| {md(life.id)} | {md(life.name)} | {first.date:%Y-%m-%d} {w.classes(first)} "
                f"| {last.date:%Y-%m-%d} {w.classes(last)} | {md(w.state(life))} |"
            )
    else:
        for life in view.items:
            lines += [f"## {md(life.id)} {md(life.name)}", ""]
            lines += [
                f"| {_('date')} | commit | {_('version')} | {_('change')} | {_('ids')} | {_('fields')} |",
                "|---|---|---|---|---|---|",
            ]
            for e in life.events:
                fields = "<br>".join(md(f) for f in w.fields(e))
                lines.append(
                    f"| {e.date:%Y-%m-%d %H:%M} | {e.commit[:7]} | {e.version or ''} | {w.classes(e)} | {md(w.ids(e))} | {fields} |"
                )
            lines.append("")
    lines += [f"> {line}" for line in _skipped_lines(view)]
    return "\n".join(lines).rstrip("\n") + "\n"


def render(view: View, fmt: str, width: int = PIPE_WIDTH) -> str:
    if fmt == "json":
        return json_dumps(as_json(view))
    if fmt == "markdown":
        return report_markdown(view)
    return report_text(view, width)
