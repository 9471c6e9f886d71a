"""validate, schema, rules: the commands of the pre-commit path (keep imports light)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from dutylist.commands import quick
from dutylist.commands.options import LangOption, OutputOption, finish, lang_of
from dutylist.commands.writing import emit
from dutylist.report.formats import VALIDATE, choices

if TYPE_CHECKING:
    ValidateFormat = str
else:
    ValidateFormat = choices("ValidateFormat", VALIDATE)


class ListFormat(StrEnum):
    text = "text"
    json = "json"


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Catalog files, jurisdiction folders or folders of them [default: catalogs/]."
        ),
    ] = None,
    fmt: Annotated[ValidateFormat, typer.Option("--format", "-f", help="Output format.")] = "text",
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
    finish(quick.validate(paths or [], str(fmt), lang_of(lang), no_cache=no_cache))


def schema(
    kind: Annotated[
        str | None,
        typer.Argument(
            help="empowerment, territorial, grid, village-affairs, certificates, duties, jurisdiction or laws."
        ),
    ] = None,
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """Print the JSON Schema of a catalog kind (for editor completion)."""
    lang_of(lang)
    from dutylist.model.schema import json_schema

    emit(json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n", output)


def rules(
    fmt: Annotated[
        ListFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ListFormat.text,
    lang: LangOption = None,
) -> None:
    """List every validation check and audit rule: code, name, severity."""
    from dutylist.report.layout import text_width
    from dutylist.report.rules import report_rules

    emit(report_rules(fmt.value, lang_of(lang), text_width(sys.stdout)), None)


COMMANDS: dict[str, Callable[..., Any]] = {"validate": validate, "schema": schema, "rules": rules}
