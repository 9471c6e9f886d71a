"""The error boundary of every command, without typer: the quick path of cli.main runs
through it as the typer app's commands do (commands.app.guarded)."""

from __future__ import annotations

import errno
import os
import sys

from dutylist.errors import ExitCode, UserError
from dutylist.i18n import _
from dutylist.io.files import STDOUT_ERRNOS, stdout_failed
from dutylist.report.safe import safe


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


HANDLED = (UserError, KeyboardInterrupt, RuntimeError, OSError)
"""What `handled` may turn into a message and an exit code (the rest is a bug)."""


def _error(message: str) -> None:
    sys.stderr.write(_("dutylist: error: {message}", message=message) + "\n")
    sys.stderr.flush()


def handled(exc: BaseException) -> int | None:
    """The exit code of a command that raised `exc`, its message written to standard
    error; None when `exc` is a bug, to be shown as a traceback."""
    debug = bool(os.environ.get("DUTYLIST_DEBUG"))
    if isinstance(exc, UserError):
        if debug:
            return None
        _error(safe(str(exc), lines=True))  # a file name may hold control characters
        return int(exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        sys.stderr.write(_("dutylist: interrupted") + "\n")
        return 130
    if isinstance(exc, BrokenPipeError):
        # `dutylist diff ... | head` closes the pipe early; that is not an error
        sys.stderr.close()
        return int(ExitCode.OK)
    said = _symlink_loop(exc)
    if said is None and isinstance(exc, OSError) and exc.errno in STDOUT_ERRNOS:
        # a line written to a full or closed standard output (files raise OutputError)
        said = str(stdout_failed(exc))
    if said is None or debug:
        return None
    _error(safe(said))
    return int(ExitCode.ERROR)
