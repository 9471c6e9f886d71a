"""Reading an input file that may not be a file: a FIFO, a device, a folder or a link to
nothing found under a catalog's name is a problem to report, never a read that waits for
ever (a FIFO without a writer) or never ends (a device)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

# a FIFO opened without O_NONBLOCK waits for a writer: the open itself must not block
_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_BINARY", 0)
)


class NotAFile(OSError):
    """The path names something that is not a regular file; `what` says what it is:
    folder, link (to nothing) or special (a FIFO, a device or a socket)."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file at `path` (through symlinks); NotAFile or another
    OSError when it cannot be read."""
    try:
        fd = os.open(path, _FLAGS)
    except FileNotFoundError:
        if path.is_symlink():
            raise NotAFile("link") from None
        raise
    except IsADirectoryError:  # Windows, and O_RDONLY on some systems
        raise NotAFile("folder") from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotAFile("folder" if stat.S_ISDIR(mode) else "special")
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
