"""Reporters of validation findings: text, json (spec section 6), github."""

from __future__ import annotations

import os
from typing import TextIO

from dutylist.checks import CHECKS_ZH
from dutylist.findings import Finding
from dutylist.i18n import SEVERITY, Lang
from dutylist.report.jsonout import dump as json_dump
from dutylist.report.layout import Painter, text_width, wrap, write_text
from dutylist.report.safe import safe
from dutylist.validate.plan import ValidationResult


def as_json(result: ValidationResult) -> dict[str, object]:
    return {
        "ok": result.ok,
        "files": len(result.files),
        "errors": [f.as_record() for f in result.findings],
    }


def report_json(result: ValidationResult, out: TextIO, lang: Lang) -> None:
    json_dump(as_json(result), out)


def github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return safe(text)


def annotation(f: Finding, level: str | None = None) -> str:
    level = level or (
        "error"
        if f.level.value == "error"
        else "warning"
        if f.level.value == "warning"
        else "notice"
    )
    title = github_escape(f"{f.code} {f.name}", prop=True)
    return (
        f"::{level} file={github_escape(f.file, prop=True)},line={f.line},col={f.column},"
        f"title={title}::{github_escape(f.message)}"
    )


def report_github(result: ValidationResult, out: TextIO, lang: Lang) -> None:
    for f in result.findings:
        out.write(annotation(f) + "\n")
    out.write(safe(_summary(result, lang)) + "\n")


def _summary(result: ValidationResult, lang: Lang) -> str:
    files, problems = len(result.files), len(result.findings)
    # the files that hold a problem, not every file checked
    holding = len({f.file for f in result.findings})
    if lang == "zh":
        return (
            f"检查了 {files} 个文件，{holding} 个文件中发现 {problems} 个问题"
            if problems
            else f"检查了 {files} 个文件，没有问题"
        )
    if problems:
        return (
            f"{problems} problem{'s' if problems != 1 else ''} in {holding} "
            f"file{'s' if holding != 1 else ''} ({files} checked)"
        )
    return f"{files} file{'s' if files != 1 else ''} checked, no problems"


def report_text(result: ValidationResult, out: TextIO, lang: Lang) -> None:
    """One problem per record, `file:line:col: CODE name  message`, as editors and grep
    expect; then a one-line summary. In a pipe each record stays one line; at a terminal
    (or with COLUMNS set) a long message wraps under an indent."""
    paint = Painter(out)
    fold = paint.enabled or bool(os.environ.get("COLUMNS")) or out_is_tty(out)
    width = text_width(out)
    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    zh = lang == "zh"
    lines: list[str] = []
    for f in result.findings:
        level = f.level.value
        shown = SEVERITY[level] if zh else level
        name = CHECKS_ZH[f.name][0] if zh and f.name in CHECKS_ZH else f.name
        item = f" [{f.item}]" if f.item else ""
        where = f"{f.file}:{f.line}:{f.column}"
        head = f"{shown} {f.code}"
        record = f"{where}: {head} {name}{item} {f.message}"
        parts = wrap(record, width, "    ") if fold else [safe(record)]
        first = parts[0]
        if paint.enabled and first.startswith(f"{where}: {head}"):
            rest = first[len(where) + 2 + len(head) :]
            first = f"{paint(where, 'bold')}: {paint(head, styles[level])}{rest}"
        lines += [first, *parts[1:]]
    lines.append(paint(_summary(result, lang), "green" if not result.findings else "red"))
    write_text(out, lines)


def out_is_tty(out: TextIO) -> bool:
    return hasattr(out, "isatty") and bool(out.isatty())
