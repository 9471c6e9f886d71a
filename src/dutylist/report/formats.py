"""The output formats of validate, diff and audit, one table per command in one shape.

`--format` choices, the `-o` suffix checks, the format an `-o` suffix implies and which
formats can write one file per unit (`audit --by unit -o DIR`) all come from these rows;
a new format is one row. Renderers are named as `module:function` and imported only
when used, so that the pre-commit path (validate) stays light.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from pathlib import Path
from typing import Any

from dutylist.errors import UserError
from dutylist.i18n import _


@dataclass(frozen=True)
class Format:
    """name: the `--format` value; suffixes: of the files it writes, the first one for
    names it makes; binary: bytes (needs -o) rather than text; per_unit: can write one
    file per unit; render: `module:function`, writing to a stream `(result, out, lang,
    ...)` for text, returning bytes `(result, lang, ...)` for binary formats."""

    name: str
    suffixes: tuple[str, ...]
    render: str
    binary: bool = False
    per_unit: bool = False

    def renderer(self) -> Callable[..., Any]:
        module, function = self.render.split(":")
        return getattr(import_module(module), function)  # type: ignore[no-any-return]


VALIDATE = (
    Format("text", (".txt",), "dutylist.report.findings:report_text"),
    Format("json", (".json",), "dutylist.report.findings:report_json"),
    Format("github", (), "dutylist.report.findings:report_github"),
)
DIFF = (
    Format("text", (".txt",), "dutylist.report.diff_text:report_text"),
    Format("json", (".json",), "dutylist.report.diff:report_json"),
    Format("markdown", (".md", ".markdown"), "dutylist.report.diff:report_markdown"),
    # spec section 8: `csv` is the department statistics table; changes-csv one row per change
    Format("csv", (".csv",), "dutylist.report.statistics:diff_csv"),
    Format("changes-csv", (".csv",), "dutylist.report.diff:report_csv"),
    Format("xlsx", (".xlsx",), "dutylist.report.statistics:diff_xlsx", binary=True),
)
AUDIT = (
    Format("text", (".txt",), "dutylist.report.audit:report_text", per_unit=True),
    Format("json", (".json",), "dutylist.report.audit:report_json", per_unit=True),
    Format(
        "markdown", (".md", ".markdown"), "dutylist.report.audit:report_markdown", per_unit=True
    ),
    Format("github", (), "dutylist.report.audit:report_github"),
    Format(
        "xlsx", (".xlsx",), "dutylist.report.audit_xlsx:report_xlsx", binary=True, per_unit=True
    ),
    Format("html", (".html", ".htm"), "dutylist.report.audit:report_html"),
)


def names(table: tuple[Format, ...]) -> list[str]:
    return [f.name for f in table]


def choices(name: str, table: tuple[Format, ...]) -> type[StrEnum]:
    """The `--format` choices of a command, as the enum typer shows and checks; its
    members are the format names themselves (StrEnum), so they pass where a name does."""
    members = {row.name.replace("-", "_"): row.name for row in table}
    return StrEnum(name, members)  # type: ignore[return-value]  # the functional API


def lookup(table: tuple[Format, ...], name: str) -> Format:
    for row in table:
        if row.name == name:
            return row
    raise UserError(
        _("unknown format {name}: use {choices}", name=name, choices=", ".join(names(table)))
    )


def choose(
    table: tuple[Format, ...], name: str | None, output: Path | None, default: str = "text"
) -> Format:
    """--format, else the format the -o suffix names (the first row that writes it), else
    `default`; a format that contradicts a known suffix (text into .xlsx, a workbook into
    .csv) is refused rather than written, and a binary format needs -o: a file of its
    suffix, or a device (`/dev/stdout`, written to as it is)."""
    from dutylist.io.files import is_stream

    suffix = output.suffix.lower() if output is not None else ""
    known = {s for row in table for s in row.suffixes}
    if name is None:
        implied = next((row for row in table if suffix in row.suffixes), None)
        return implied or lookup(table, default)
    row = lookup(table, name)
    if output is not None and suffix in known and suffix not in row.suffixes:
        wanted = row.suffixes[0] if row.suffixes else ""
        raise UserError(
            _(
                "--format {name} does not write a {suffix} file: use -o FILE{wanted} or leave out --format",
                name=name,
                suffix=suffix,
                wanted=wanted,
            )
        )
    if row.binary and output is None:
        raise UserError(_("--format {name} writes a file: it needs -o FILE", name=name))
    if row.binary and output is not None and suffix not in row.suffixes and not is_stream(output):
        raise UserError(
            _(
                "--format {name} writes a {wanted} file: -o must end in {wanted}, not {file}",
                name=name,
                wanted=row.suffixes[0],
                file=output.name,
            )
        )
    return row


def per_unit(table: tuple[Format, ...], name: str) -> Format:
    """The format of one file per unit: refused for formats that cannot be split."""
    row = lookup(table, name)
    if not row.per_unit:
        choices = ", ".join(r.name for r in table if r.per_unit)
        raise UserError(
            _(
                "--format {name} cannot write one file per unit: use {choices}",
                name=name,
                choices=choices,
            )
        )
    return row
