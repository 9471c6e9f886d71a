"""What a command reads, so that no output of it lands on one of its inputs (spec section
10): every command that writes passes its outputs and its input arguments to `guard`."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from dutylist.errors import OutputError
from dutylist.i18n import _
from dutylist.io.files import refuse_inputs


def inputs_of(*arguments: str | Path | None) -> tuple[list[Path], list[Path]]:
    """(files, folders) read for these command arguments. A catalog file brings its
    jurisdiction's registry; a folder brings every YAML file below it. Either brings what
    its jurisdictions read beside their catalogs: the assessment files, the laws.yaml of
    the catalogs root and the guides named in `guides:` (often in another jurisdiction's
    folder). A `REV:PATH` or a missing path reads nothing on disk."""
    from dutylist.catalog.paths import (
        REGISTRY_NAMES,
        find_jurisdictions,
        owning_jurisdiction,
        registry_path,
    )

    files: list[Path] = []
    folders: list[Path] = []
    roots: list[Path] = []
    for argument in arguments:
        if argument is None:
            continue
        path = Path(argument)
        if path.is_dir():
            folders.append(path)
            roots.extend(find_jurisdictions(path))
        elif path.exists():
            files.append(path)
            owner = owning_jurisdiction(path)
            if owner is not None:
                # a catalog's sibling catalogs and tables are read too (the cross-file
                # checks); a registry alone is what import reads to write a new catalog there
                if path.name not in REGISTRY_NAMES:
                    folders.append(owner)
                roots.append(owner)
                files.extend([p] if (p := registry_path(owner)) is not None else [])
    for root in roots:
        files.extend(_read_beside(root))
    return files, folders


def _read_beside(root: Path) -> list[Path]:
    """What a jurisdiction reads besides its own catalogs."""
    from dutylist.catalog.paths import assessment_files, laws_files, registry_path

    found = assessment_files(root) + [path for path, _shared in laws_files(root)]
    registry = registry_path(root)
    return found + (_guides(root, registry) if registry is not None else [])


def _guides(root: Path, registry: Path) -> list[Path]:
    """The files of `guides:` in a registry; an unreadable registry names none (the
    command itself reports it)."""
    import yaml

    try:
        data = yaml.load(registry.read_bytes(), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError, ValueError):
        return []
    entries = data.get("guides") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        return []
    return [root / entry for entry in entries if isinstance(entry, str) and entry]


def guard(outputs: Iterable[tuple[str, Path | None]], *arguments: str | Path | None) -> None:
    """Refuse (OutputError, exit 2) an output that names an input: `outputs` are
    (option, path) pairs, `arguments` the inputs as given on the command line."""
    named = [(option, output) for option, output in outputs if output is not None]
    if not named:
        return  # all to standard output: nothing to read the inputs for
    _apart(named)
    files, folders = inputs_of(*arguments)
    for option, output in named:
        if output is not STDOUT:
            refuse_inputs(output, files, folders, option=option)


STDOUT = Path("-")
"""An output option's `-`, standard output; told apart by identity from a file named `-`."""


def _apart(outputs: list[tuple[str, Path]]) -> None:
    """Refuse two outputs that write to one place (`-o /dev/stdout --markdown -`, or one
    file named twice): the second would be mixed into the first or replace it."""
    seen: dict[object, str] = {}
    for option, output in outputs:
        place = _place(output)
        if place in seen:
            raise OutputError(
                _(
                    "{first} and {second} both write to {path}: give each its own",
                    first=seen[place],
                    second=option,
                    path="-" if output is STDOUT else output,
                )
            )
        seen[place] = option


def _place(output: Path) -> object:
    try:
        found = os.fstat(1) if output is STDOUT else output.stat()
        out = os.fstat(1)
    except OSError:  # a file still to be written: its path is its place
        return output.resolve()
    if stat.S_ISCHR(found.st_mode) and not os.path.samestat(found, out):
        return object()  # /dev/null twice is harmless: a device takes what it is given
    return (found.st_dev, found.st_ino)
