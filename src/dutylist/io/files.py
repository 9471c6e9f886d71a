"""Writing output files (spec section 10): atomically, with the mode an ordinary write
would give, through symlinks to their targets, straight into devices and FIFOs, and
never over a file the command reads.

A regular file is written to a temporary file beside it and renamed over it, so that a
failed or interrupted write (disk full, Ctrl-C, SIGTERM) leaves the old file as it was
and no temporary file behind. Every failure is an OutputError: one message, exit 2.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from dutylist.errors import OutputError, os_reason
from dutylist.i18n import _

NAME_MAX = 255
"""Bytes in a file name on the file systems counties use (ext4, NTFS, APFS, tmpfs)."""
INPUT_SUFFIXES = (".yaml", ".yml")
"""Files below an input folder that a later run reads: never written by an output."""
TABLE_FOLDER, TABLE_SUFFIXES = "assessments", (".csv", ".xlsx")
"""Where a jurisdiction's assessment tables are, and what they are: an output there is
read by the next validate or audit as a table."""


def write_atomic(path: Path, data: bytes | str, *, overwrite: bool = True) -> None:
    """Write `data` to `path`: see the module docstring for what that means."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if is_stream(path):
        _write_stream(path, payload, binary=not isinstance(data, str))
        return
    target = Path(os.path.realpath(path))  # a symlink is written through, the link kept
    if target.is_symlink():  # realpath stops at a loop: writing would replace a link
        try:
            target.stat()
        except OSError as exc:
            raise OutputError(_("cannot write {path}: {why}", path=path, why=_why(exc))) from None
    if target.is_dir():
        raise OutputError(_("cannot write {path}: it is a folder", path=path))
    if not overwrite and target.exists():
        raise OutputError(_("{path} exists: not overwritten (use --force)", path=path))
    folder = target.parent
    make_folder(folder)
    mode, owner = _mode_of(target)
    with _removed_on_signal() as temporaries:
        try:
            fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(target.name), suffix=".tmp", dir=folder)
        except OSError as exc:
            raise OutputError(
                _("cannot write in {folder}: {why}", folder=folder, why=_why(exc))
            ) from None
        temporaries.append(tmp)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fchmod(handle.fileno(), mode)
                if owner is not None:
                    _chown(handle.fileno(), owner)
                os.fsync(handle.fileno())
            Path(tmp).replace(target)
            temporaries.remove(tmp)
        except OSError as exc:
            raise OutputError(_("cannot write {path}: {why}", path=path, why=_why(exc))) from None


def make_folder(folder: Path) -> None:
    """A folder and its missing parents, or an OutputError saying why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            _("cannot make the folder {folder}: {why}", folder=folder, why=_why(exc))
        ) from None


def name_max(folder: Path) -> int:
    """Bytes a file name may have in `folder` (NAME_MAX where the system does not say)."""
    try:
        return min(NAME_MAX, os.pathconf(folder, "PC_NAME_MAX"))
    except (OSError, ValueError):
        return NAME_MAX


def write_stdout(text: str) -> None:
    """Text to standard output. A closed or full one (`>&-`, `> /dev/full`) is an
    OutputError; a pipe closed by its reader (`| head`) stays the BrokenPipeError that
    the CLI ends quietly on."""
    stream = sys.stdout
    if stream is None:  # Python's stdout when the process started with it closed
        raise OutputError(_("standard output is closed: nothing was written"))
    try:
        stream.write(text)
        stream.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise stdout_failed(exc) from None


STDOUT_ERRNOS = frozenset({errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT})
"""Errors of a write to a full, closed or broken standard output."""


def stdout_failed(exc: OSError) -> OutputError:
    """The error to report for a failed write to standard output. What is left in its
    buffer goes to /dev/null, or Python would fail again flushing it at exit."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass  # not a real file descriptor (a test runner's buffer)
    return OutputError(_("cannot write to standard output: {why}", why=_why(exc)))


def is_stream(path: Path) -> bool:
    """A device, FIFO or socket (`/dev/null`, `/dev/stdout`, a named pipe): written to as
    it is. /dev/stdout may lead to a regular file the shell opened; it is still a stream."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return False
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        return True
    parts = Path(path).absolute().parts
    return len(parts) > 1 and parts[1] in ("dev", "proc") and not stat.S_ISDIR(mode)


def _write_stream(path: Path, payload: bytes, *, binary: bool) -> None:
    """Bytes into a device as it is; a workbook or a database is refused by a terminal
    (its bytes would be run as control sequences), text is not."""
    try:
        with Path(path).open("wb") as handle:
            if binary and handle.isatty():
                raise OutputError(
                    _(
                        "{path} is a terminal: a workbook or a database is not shown there; "
                        "redirect it to a file",
                        path=path,
                    )
                )
            handle.write(payload)
    except OSError as exc:
        raise OutputError(_("cannot write {path}: {why}", path=path, why=_why(exc))) from None


def _mode_of(target: Path) -> tuple[int, tuple[int, int] | None]:
    """The replaced file's mode and owner, else what open() would give: 0666 less the umask."""
    try:
        info = target.stat()
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask, None
    return stat.S_IMODE(info.st_mode), (info.st_uid, info.st_gid)


def _chown(fd: int, owner: tuple[int, int]) -> None:
    """Keep the replaced file's owner where we may (root rewriting a user's catalog)."""
    try:
        if os.fstat(fd)[stat.ST_UID : stat.ST_GID + 1] != owner:
            os.fchown(fd, *owner)
    except OSError:
        pass  # not permitted: the file is then ours, as with any editor's save


def _temp_prefix(name: str) -> str:
    """`.<name>.`, cut so that the temporary name (prefix, 8 random, `.tmp`) fits NAME_MAX."""
    room = NAME_MAX - 2 - 8 - len(".tmp")
    cut = name.encode("utf-8")[:room].decode("utf-8", "ignore")
    return f".{cut}."


def _why(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return _("no space left on the device")
    if exc.errno == errno.EROFS:
        return _("the file system is read-only")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _("permission denied")
    return os_reason(exc)


class _Terminated(BaseException):
    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _removed_on_signal() -> Iterator[list[str]]:
    """Temporary files listed in the yielded list are removed if the write is interrupted:
    by an error, Ctrl-C (KeyboardInterrupt) or SIGTERM/SIGHUP, which then still end the
    process as they would have."""
    temporaries: list[str] = []
    previous: dict[int, object] = {}

    def handler(signum: int, _frame: FrameType | None) -> None:
        raise _Terminated(signum)

    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is None:
            continue
        try:
            previous[signum] = signal.signal(signum, handler)
        except ValueError:  # not the main thread: signals cannot be caught here
            break
    try:
        yield temporaries
    except _Terminated as stop:
        _remove(temporaries)
        _restore(previous)
        signal.raise_signal(stop.signum)
        raise
    finally:
        _remove(temporaries)
        _restore(previous)


def _remove(paths: list[str]) -> None:
    for tmp in paths:
        Path(tmp).unlink(missing_ok=True)
    paths.clear()


def _restore(previous: dict[int, object]) -> None:
    for signum, old in previous.items():
        signal.signal(signum, old)  # type: ignore[arg-type]
    previous.clear()


def refuse_inputs(
    output: Path | None,
    files: Iterable[Path],
    folders: Iterable[Path] = (),
    *,
    option: str = "-o",
) -> None:
    """Refuse an output that would replace an input of the command: one of `files` (the
    same path, through symlinks, or the same file, through hard links), or a YAML file
    below one of `folders` (a jurisdiction folder's catalogs and registry)."""
    if output is None or is_stream(output):
        return
    target = Path(os.path.realpath(output))
    try:
        info: os.stat_result | None = target.stat()
    except OSError:
        info = None
    for source in files:
        real = Path(os.path.realpath(source))
        if real == target or (info is not None and _same(info, real)):
            _refuse(option, output)
    for folder in folders:
        real = Path(os.path.realpath(folder))
        if target.is_relative_to(real) and _read_below(target.relative_to(real)):
            _refuse(option, output)
        if info is not None and any(_same(info, p) for p in _yaml_below(real)):
            _refuse(option, output)


def _read_below(relative: Path) -> bool:
    """Whether a file at `relative` below an input folder is one a run reads: a YAML file,
    or a table in an assessments/ folder."""
    suffix = relative.suffix.lower()
    return suffix in INPUT_SUFFIXES or (
        suffix in TABLE_SUFFIXES and TABLE_FOLDER in relative.parts[:-1]
    )


def _same(info: os.stat_result, other: Path) -> bool:
    try:
        return os.path.samestat(info, other.stat())
    except OSError:
        return False


def _yaml_below(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from (p for p in folder.rglob("*") if p.suffix.lower() in INPUT_SUFFIXES)


def _refuse(option: str, output: Path) -> None:
    raise OutputError(
        _(
            "{option} {path} is an input of this command: not overwritten",
            option=option,
            path=output,
        )
    )
