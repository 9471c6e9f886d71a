"""site: a static website of the lists (spec section 14)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from dutylist.commands.options import LangOption, lang_of, say
from dutylist.i18n import _, set_lang


def site(
    *,
    output: Annotated[
        Path, typer.Option("-o", "--output", help="The folder to write the site into.")
    ],
    path: Annotated[
        Path | None,
        typer.Argument(help="A jurisdiction folder or a folder of them [default: catalogs/]."),
    ] = None,
    public: Annotated[
        bool,
        typer.Option(
            "--public", help="Leave out what export --public leaves out, and the problem lists."
        ),
    ] = False,
    title: Annotated[str | None, typer.Option("--title", help="The site's title.")] = None,
    lang: LangOption = None,
) -> None:
    """Write a static website of the lists: index, lists, units, departments, items."""
    from dutylist.report.site import render_site
    from dutylist.site.build import build_site
    from dutylist.site.history import history_lookup
    from dutylist.site.write import write_site

    language = lang_of(lang)
    source = path or Path("catalogs")
    model = build_site(source, public=public, history=history_lookup(source), title=title)
    set_lang("zh")  # the pages are published in Chinese (lang="zh-CN"), whatever the terminal's
    try:
        files = render_site(model)
    finally:
        set_lang(language)
    target = write_site(files, output, model.inputs)
    pages = sum(name.endswith(".html") for name in files)
    say(_("wrote {pages} pages to {path}", pages=pages, path=target / "index.html"))


COMMANDS: dict[str, Callable[..., Any]] = {"site": site}
