"""The typer app. Commands parse their options and hand over to the core; the
error boundary turns a UserError into one line on stderr and exit 2."""

from __future__ import annotations

import errno
import functools
import os
import sys
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
from dutylist.commands.lazy import lazy_group
from dutylist.commands.translated import TranslatedCommand, TranslatedGroup, lang_option
from dutylist.errors import ExitCode, UserError
from dutylist.i18n import _, resolve_lang, set_lang
from dutylist.io.files import STDOUT_ERRNOS, stdout_failed
from dutylist.report.safe import safe

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


def _symlink_loop(exc: BaseException) -> str | None:
    """The message for a path whose symbolic links loop (Path.resolve raises RuntimeError
    before Python 3.13, OSError ELOOP after), else None."""
    if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
        path = exc.filename
    elif isinstance(exc, RuntimeError) and str(exc).startswith("Symlink loop from "):
        path = str(exc).removeprefix("Symlink loop from ").strip("'\"")
    else:
        return None
    return _("{path}: its symbolic links loop back on themselves", path=path)


def guarded(func: F) -> F:
    """The error boundary of every command."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # every command starts in its own language (tests run many in one process)
        set_lang(resolve_lang(lang_option(kwargs.get("lang"))))
        try:
            return func(*args, **kwargs)
        except UserError as exc:
            if os.environ.get("DUTYLIST_DEBUG"):
                raise
            message = safe(str(exc), lines=True)  # a file name may hold control characters
            typer.echo(_("dutylist: error: {message}", message=message), err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(_("dutylist: interrupted"), err=True)
            raise typer.Exit(130) from None
        except BrokenPipeError:
            # `dutylist diff ... | head` closes the pipe early; that is not an error
            sys.stderr.close()
            raise typer.Exit(ExitCode.OK) from None
        except (RuntimeError, OSError) as exc:
            said = _symlink_loop(exc)
            if said is None and isinstance(exc, OSError) and exc.errno in STDOUT_ERRNOS:
                # a line echoed to a full or closed standard output (files raise OutputError)
                said = str(stdout_failed(exc))
            if said is None or os.environ.get("DUTYLIST_DEBUG"):
                raise  # any other failure is a bug: a traceback
            typer.echo(_("dutylist: error: {message}", message=safe(said)), err=True)
            raise typer.Exit(ExitCode.ERROR) from None

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


def main() -> None:
    # the models are the CLI's own: looking up pydantic plugins would scan the entry points
    # of every installed distribution (importlib.metadata, ~40 ms) on every run
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # typer reads the signature and type hints of every command it builds; a pre-commit
    # `validate` or the help page need none but the one they run
    lazy_group(app)()
