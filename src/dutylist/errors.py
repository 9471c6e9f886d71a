"""Errors that stop a run, and the exit codes every command shares.

A problem *in* a catalog is a Finding (see findings.py) and never raised. An
error here means the tool could not do its job: a missing file, a bad option,
an unreadable input. The CLI turns it into one line on stderr and exit 2.
"""

from __future__ import annotations

import errno
from enum import IntEnum
from pathlib import Path

from dutylist.i18n import N_, _, current_lang


class ExitCode(IntEnum):
    OK = 0
    PROBLEMS = 1  # the check found problems, or `diff --exit-code` saw differences
    ERROR = 2  # the command could not run


class UserError(Exception):
    """The command cannot run; the message says what to do instead."""

    exit_code = ExitCode.ERROR

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.line = line

    def __str__(self) -> str:
        where = self.file or ""
        if where and self.line:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(UserError):
    """An input file is missing, unreadable or malformed."""


class GitError(UserError):
    """A git revision or path could not be read."""


class OutputError(UserError):
    """An output file could not be written."""


def not_found(path: Path, shown: object, *, file_only: bool = False) -> InputError:
    """The error for a path given as an input that is neither a file nor a folder: missing,
    a link to nothing, or a device, a pipe or a socket (which are never read: a pipe would
    wait for ever, a device never ends). `file_only`: the command reads files only."""
    if path.is_dir():
        return InputError(_("{path} is a folder: give a file", path=shown))
    if path.exists():
        return InputError(
            _("{path} is not a file or a folder (a device, a pipe or a socket)", path=shown)
        )
    if path.is_symlink():
        try:
            path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return InputError(
                    _("{path}: its symbolic links loop back on themselves", path=shown)
                )
        return InputError(_("{path} is a symbolic link to nothing", path=shown))
    if file_only:
        return InputError(_("no such file: {path}", path=shown))
    return InputError(_("no such file or folder: {path}", path=shown))


# The reasons an operating system gives most, in the output language (strerror is English).
_OS_REASONS = {
    errno.ENOENT: N_("no such file or folder"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("operation not permitted"),
    errno.EISDIR: N_("it is a folder"),
    errno.ENOTDIR: N_("not a folder"),
    errno.ENOSPC: N_("no space left on the device"),
    errno.EROFS: N_("read-only file system"),
    errno.EEXIST: N_("it exists already"),
    errno.ENAMETOOLONG: N_("the file name is too long"),
    errno.ELOOP: N_("too many levels of symbolic links"),
    errno.EIO: N_("input/output error"),
    errno.EPIPE: N_("the pipe was closed"),
    errno.EBUSY: N_("the device is busy"),
    errno.EXDEV: N_("the rename crosses file systems"),
    errno.EINVAL: N_("invalid argument"),
}


# what `dutylist.io.regular.NotAFile` found in place of a file
_NOT_A_FILE = {
    "folder": N_("it is a folder"),
    "link": N_("it is a symbolic link to nothing"),
    "special": N_("it is not a regular file (a FIFO, a device or a socket): it is not read"),
}


def os_reason(exc: OSError) -> str:
    """Why an operation on a file failed, in the output language (the system's own words
    in English)."""
    what = getattr(exc, "what", None)
    if what in _NOT_A_FILE:
        return _(_NOT_A_FILE[what])
    msgid = _OS_REASONS.get(exc.errno or 0)
    if msgid is not None and current_lang() != "en":
        return _(msgid)
    return exc.strerror or str(exc)
