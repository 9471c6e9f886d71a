"""history: every item's life across the catalogs' git history (spec section 11)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dutylist.commands.options import LangOption, OutputOption, lang_of, say
from dutylist.commands.outputs import guard
from dutylist.commands.writing import emit
from dutylist.errors import UserError
from dutylist.i18n import Lang, _
from dutylist.io.files import write_atomic

if TYPE_CHECKING:
    from pathlib import Path

    from dutylist.report.history import View

_FORMATS = ("text", "json", "markdown")


def history(
    items: Annotated[
        list[str] | None, typer.Argument(help="Item ids or names (default: every item).")
    ] = None,
    *,
    path: Annotated[
        str | None,
        typer.Option(
            "--path", help="A jurisdiction folder or a folder of them [default: catalogs/]."
        ),
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="First day, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day, YYYY-MM-DD.")] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="A unit's powers gained and lost (id or name).")
    ] = None,
    department: Annotated[
        str | None, typer.Option("--department", help="Only items of this department.")
    ] = None,
    kind: Annotated[str | None, typer.Option("--kind", help="Only items of this kind.")] = None,
    tz: Annotated[str, typer.Option("--tz", help="UTC offset of the dates shown.")] = "+08:00",
    fmt: Annotated[str, typer.Option("--format", help="text, json or markdown.")] = "text",
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """The life of every item across the git history: added, changed, re-coded, merged, split, revoked."""
    language = lang_of(lang)
    if fmt not in _FORMATS:
        raise UserError(_("--format {fmt}: use text, json or markdown", fmt=fmt))
    options: dict[str, Any] = {"since": since, "until": until, "unit": unit, "kind": kind}
    guard([("-o", output)], path or "catalogs")
    view = _view(items or [], path, tz, language, department=department, **options)
    if output is not None and output.suffix.lower() == ".db":
        from dutylist.history.sqlite import database_bytes

        write_atomic(output, database_bytes(view.history))
        say(_("wrote {path}", path=output))
        return
    emit(_render(view, fmt, output), output)


def _view(
    items: list[str],
    path: str | None,
    tz: str,
    lang: Lang,
    *,
    since: str | None,
    until: str | None,
    unit: str | None,
    department: str | None,
    kind: str | None,
) -> View:
    from dutylist.history import query
    from dutylist.history.core import build_history, parse_date
    from dutylist.model.catalog import KINDS
    from dutylist.report.history import View
    from dutylist.stats.monthly import parse_tz

    if kind is not None and kind not in KINDS:
        raise UserError(_("--kind {kind}: use one of {kinds}", kind=kind, kinds=", ".join(KINDS)))
    if unit is not None and items:
        raise UserError(_("give either ITEM or --unit, not both"))
    zone = parse_tz(tz)
    window = query.Window(
        parse_date(since, zone, end=False, option="--since") if since else None,
        parse_date(until, zone, end=True, option="--until") if until else None,
    )
    from dutylist.stats.monthly import default_path

    history = build_history(path or default_path(), tz=tz)
    if unit is not None:
        units = query.unit_history(history, unit, window)
        return View(history, [], units, window, lang)
    lives = query.find_items(history, items) if items else history.items
    if department is not None:
        department = query.department_id(history, department)
    lives = query.windowed(query.filtered(lives, department, kind), window)
    return View(history, lives, None, window, lang, overview=not items)


def _render(view: View, fmt: str, output: Path | None) -> str:
    from dutylist.report.history import render
    from dutylist.report.layout import PIPE_WIDTH, text_width

    return render(view, fmt, text_width(sys.stdout) if output is None else PIPE_WIDTH)


COMMANDS: dict[str, Callable[..., Any]] = {"history": history}
