"""The typer app. Commands parse their options and hand over to the core; the
error boundary turns a UserError into one line on stderr and exit 2."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from dutylist import __version__
from dutylist.commands import audit as audit_commands
from dutylist.commands import core, onboarding, report, site
from dutylist.commands import diff as diff_commands
from dutylist.errors import ExitCode, UserError
from dutylist.i18n import _, resolve_lang, set_lang

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="dutylist",
    help="Validate, diff and audit county lists of powers and duties (权责清单) kept as YAML.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dutylist {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks (or DUTYLIST_DEBUG=1).")
    ] = False,
) -> None:
    if debug:
        os.environ["DUTYLIST_DEBUG"] = "1"


def guarded(func: F) -> F:
    """The error boundary of every command."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # every command starts in its own language (tests run many in one process)
        option = kwargs.get("lang")
        set_lang(resolve_lang(option if isinstance(option, str) else None))
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            if os.environ.get("DUTYLIST_DEBUG"):
                raise
            typer.echo(_("dutylist: error: {message}", message=exc), err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(_("dutylist: interrupted"), err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # `dutylist diff ... | head` closes the pipe early; that is not an error
            sys.stderr.close()
            raise typer.Exit(ExitCode.OK) from None

    return wrapper  # type: ignore[return-value]


# Explicit registration: each command module lists its commands; nothing registers on import.
MODULES = (core, diff_commands, audit_commands, report, onboarding, site)


def _register() -> None:
    for module in MODULES:
        for name, func in module.COMMANDS.items():
            app.command(name)(guarded(func))
        # commands for tools rather than people (git's diff driver): callable, not listed
        for name, func in getattr(module, "HIDDEN", {}).items():
            app.command(name, hidden=True)(guarded(func))


_register()


def main() -> None:
    app()
