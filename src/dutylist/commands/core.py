"""validate, schema, rules: the commands of the pre-commit path (keep imports light)."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from dutylist.commands.options import LangOption, OutputOption, emit, finish, lang_of
from dutylist.errors import ExitCode, InputError


class ValidateFormat(str, Enum):
    text = "text"
    json = "json"
    github = "github"


class ListFormat(str, Enum):
    text = "text"
    json = "json"


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Catalog files, jurisdiction folders or folders of them [default: catalogs/]."
        ),
    ] = None,
    fmt: Annotated[
        ValidateFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ValidateFormat.text,
    lang: LangOption = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="Check every file again, not reusing the findings of an unchanged jurisdiction.",
        ),
    ] = False,
) -> None:
    """Check catalogs against the format and against their jurisdiction.yaml."""
    from dutylist.report.findings import REPORTERS
    from dutylist.validate.plan import from_cache

    targets = paths or [Path("catalogs")]
    if not paths and not targets[0].exists():
        raise InputError("no catalogs/ folder here: give the catalog files or folders to check")
    result = None if no_cache else from_cache(targets)
    if result is None:
        from dutylist.validate.core import validate_paths

        result = validate_paths(targets, cache=not no_cache)
    buffer = io.StringIO()
    REPORTERS[fmt.value](result, buffer, lang_of(lang))
    emit(buffer.getvalue(), None)
    finish(ExitCode.OK if result.ok else ExitCode.PROBLEMS)


def schema(
    kind: Annotated[
        str | None,
        typer.Argument(
            help="empowerment, territorial, grid, village-affairs, certificates, duties, jurisdiction or laws."
        ),
    ] = None,
    output: OutputOption = None,
) -> None:
    """Print the JSON Schema of a catalog kind (for editor completion)."""
    from dutylist.model.schema import json_schema

    emit(json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n", output)


def rules(
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListFormat.text,
    lang: LangOption = None,
) -> None:
    """List every validation check and audit rule: code, name, severity."""
    from dutylist.report.rules import report_rules

    emit(report_rules(fmt.value, lang_of(lang)), None)


COMMANDS: dict[str, Callable[..., Any]] = {"validate": validate, "schema": schema, "rules": rules}
