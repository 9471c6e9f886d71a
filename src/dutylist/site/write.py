"""Writing a site folder: all pages or none, never into or over the catalogs.

The pages are written to a new folder beside the target and swapped in by renames, so a
reader of the published folder sees the old site or the new one, never half of each; the
temporary folder is removed when the build fails or is interrupted.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from dutylist.errors import OutputError, os_reason
from dutylist.i18n import _
from dutylist.site.build import MARKER


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def check_target(out: Path, inputs: list[Path]) -> Path:
    """The resolved output folder, refused when it would touch an input or a folder that
    is not a dutylist site (the swap replaces the folder whole)."""
    target = out.resolve()
    for source in inputs:
        if _inside(target, source) or _inside(source, target):
            raise OutputError(
                _(
                    "-o {path}: the site folder must not be or hold the catalogs it is built "
                    "from ({source})",
                    path=out,
                    source=source,
                )
            )
    if target.exists():
        if not target.is_dir():
            raise OutputError(_("-o {path}: not a folder", path=out))
        if any(target.iterdir()) and not (target / MARKER).is_file():
            raise OutputError(
                _(
                    "-o {path}: the folder holds files that are not a dutylist site; "
                    "give an empty or new folder",
                    path=out,
                )
            )
    return target


@contextlib.contextmanager
def _removed_on_signal(path: Path) -> Iterator[None]:
    def handler(signum: int, frame: FrameType | None) -> None:
        shutil.rmtree(path, ignore_errors=True)
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _write_new(path: str, payload: bytes) -> None:
    """One page into the fresh staging folder: created, never opened over something
    already there (O_EXCL), with the mode the umask gives; no file object per page."""
    fd = os.open(path, _NEW, 0o666)
    try:
        written = os.write(fd, payload)  # all of it, but for a rare short write
        if written < len(payload):
            view = memoryview(payload)[written:]
            while view:
                view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def write_site(files: dict[str, bytes], out: Path, inputs: list[Path]) -> Path:
    target = check_target(out, inputs)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    dir_mode = 0o777 & ~_umask()
    try:
        with _removed_on_signal(staging):
            staging.chmod(dir_mode)
            # ten thousand pages: plain strings, not a Path (and its parent) per page
            base = str(staging)
            made = {""}
            for name, payload in files.items():
                folder = name.rpartition("/")[0]
                if folder not in made:
                    (staging / folder).mkdir(parents=True, exist_ok=True)
                    made.add(folder)
                _write_new(f"{base}/{name}", payload)
            old = None
            if target.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
                old.rmdir()
                target.rename(old)
            staging.rename(target)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(
            _("cannot write the site to {path}: {reason}", path=out, reason=os_reason(exc))
        ) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target
