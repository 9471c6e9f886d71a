"""Writing output files atomically: a temporary file beside the target, then a rename,
so that a failed or interrupted write never leaves a partial file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from dutylist.errors import OutputError, os_reason
from dutylist.i18n import _


def write_atomic(path: Path, data: bytes | str, *, overwrite: bool = True) -> None:
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent if str(path.parent) else Path()
    if not folder.is_dir():
        raise OutputError(
            _("cannot write {path}: the folder {folder} does not exist", path=path, folder=folder)
        )
    if path.is_dir():
        raise OutputError(_("cannot write {path}: it is a folder", path=path))
    if not overwrite and path.exists():
        raise OutputError(_("{path} exists: not overwritten (use --force)", path=path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(
            _("cannot write in {folder}: {reason}", folder=folder, reason=os_reason(exc))
        ) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(
            _("cannot write {path}: {reason}", path=path, reason=os_reason(exc))
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
