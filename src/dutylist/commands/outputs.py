"""What a command reads, so that no output of it lands on one of its inputs (spec section
10): every command that writes passes its outputs and its input arguments to `guard`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from dutylist.io.files import refuse_inputs


def inputs_of(*arguments: str | Path | None) -> tuple[list[Path], list[Path]]:
    """(files, folders) read for these command arguments. A catalog file brings its
    jurisdiction's registry; a folder brings every YAML file below it and the assessment
    files of its jurisdictions. A `REV:PATH` or a missing path reads nothing on disk."""
    from dutylist.catalog.workspace import (
        assessment_files,
        find_jurisdictions,
        owning_jurisdiction,
        registry_path,
    )

    files: list[Path] = []
    folders: list[Path] = []
    for argument in arguments:
        if argument is None:
            continue
        path = Path(argument)
        if path.is_dir():
            folders.append(path)
            for root in find_jurisdictions(path):
                files.extend(assessment_files(root))
        elif path.exists():
            files.append(path)
            owner = owning_jurisdiction(path)
            registry = registry_path(owner) if owner is not None else None
            if registry is not None:
                files.append(registry)
    return files, folders


def guard(outputs: Iterable[tuple[str, Path | None]], *arguments: str | Path | None) -> None:
    """Refuse (OutputError, exit 2) an output that names an input: `outputs` are
    (option, path) pairs, `arguments` the inputs as given on the command line."""
    files, folders = inputs_of(*arguments)
    for option, output in outputs:
        refuse_inputs(output, files, folders, option=option)
