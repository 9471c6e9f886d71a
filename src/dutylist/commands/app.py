"""The typer app. Commands parse their options and hand over to the core; the
error boundary (commands.boundary) turns a UserError into one line on stderr and exit 2."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from dutylist import __version__
from dutylist.commands import audit as audit_commands
from dutylist.commands import conform as conform_commands
from dutylist.commands import core, onboarding, report, site
from dutylist.commands import diff as diff_commands
from dutylist.commands import history as history_commands
from dutylist.commands import laws as laws_commands
from dutylist.commands.boundary import HANDLED, handled
from dutylist.commands.lazy import lazy_group
from dutylist.commands.options import LangOption, lang_of, print_page
from dutylist.commands.translated import TranslatedCommand, TranslatedGroup, lang_option
from dutylist.i18n import resolve_lang, set_lang

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="dutylist",
    help="Validate, diff and audit county lists of powers and duties (权责清单) kept as YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    cls=TranslatedGroup,
)


def _version(value: bool) -> None:
    if value:
        print_page(f"dutylist {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks (or DUTYLIST_DEBUG=1).")
    ] = False,
    lang: LangOption = None,
) -> None:
    if debug:
        os.environ["DUTYLIST_DEBUG"] = "1"
    if lang is not None:
        # `dutylist --lang zh diff ...` as `dutylist diff ... --lang zh`: the command's
        # own --lang, when given too, wins over the environment
        lang_of(lang)
        os.environ["DUTYLIST_LANG"] = lang


def guarded(func: F) -> F:
    """The error boundary of every command."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # every command starts in its own language (tests run many in one process)
        set_lang(resolve_lang(lang_option(kwargs.get("lang"))))
        try:
            return func(*args, **kwargs)
        except HANDLED as exc:
            code = handled(exc)
            if code is None:
                raise  # a bug: a traceback
            raise typer.Exit(code) from None

    return wrapper  # type: ignore[return-value]


# Explicit registration: each command module lists its commands; nothing registers on import.
MODULES = (
    core,
    diff_commands,
    audit_commands,
    conform_commands,
    report,
    onboarding,
    laws_commands,
    history_commands,
    site,
)


def _register() -> None:
    for module in MODULES:
        for name, func in module.COMMANDS.items():
            app.command(name, cls=TranslatedCommand)(guarded(func))
        # commands for tools rather than people (git's diff driver): callable, not listed
        for name, func in getattr(module, "HIDDEN", {}).items():
            app.command(name, hidden=True, cls=TranslatedCommand)(guarded(func))


_register()


def run() -> None:
    """The app, its commands built as they are run (cli.main's path for all but the
    quick path's commands)."""
    # typer reads the signature and type hints of every command it builds; a run or the
    # help page need none but the one they show
    lazy_group(app)()
