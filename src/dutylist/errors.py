"""Errors that stop a run, and the exit codes every command shares.

A problem *in* a catalog is a Finding (see findings.py) and never raised. An
error here means the tool could not do its job: a missing file, a bad option,
an unreadable input. The CLI turns it into one line on stderr and exit 2.
"""

from __future__ import annotations

from enum import IntEnum


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
