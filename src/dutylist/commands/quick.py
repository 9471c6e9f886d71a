"""validate and diff as plain functions, and the quick path of cli.main: a pre-commit
`validate FILE...`, a `diff OLD NEW` with no options or a CI job's `audit DIR` runs
without building the typer app (typer and click are about a third of the start-up of
a small file's validate). The typer commands call the same functions; tests/test_cli.py
holds the two paths to the same answers."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from dutylist.commands.auditing import FAIL_ON
from dutylist.commands.auditing import run as run_audit
from dutylist.commands.boundary import HANDLED, handled
from dutylist.commands.outputs import guard
from dutylist.commands.writing import write_format
from dutylist.errors import ExitCode, InputError
from dutylist.i18n import Lang, _, resolve_lang, set_lang
from dutylist.report.formats import AUDIT, DIFF, VALIDATE, Format, lookup, names


def validate(paths: Sequence[Path], fmt: str, lang: Lang, *, no_cache: bool) -> ExitCode:
    """Check `paths` (catalogs/ when none), write the findings as `fmt`."""
    from dutylist.validate.plan import from_cache

    targets = list(paths) or [Path("catalogs")]
    if not paths and not targets[0].exists():
        raise InputError(_("no catalogs/ folder here: give the catalog files or folders to check"))
    result = None if no_cache else from_cache(targets)
    if result is None:
        from dutylist.validate.core import validate_paths

        result = validate_paths(targets, cache=not no_cache)
    write_format(lookup(VALIDATE, fmt), result, None, lang)
    return ExitCode.OK if result.ok else ExitCode.PROBLEMS


def diff(
    old: str,
    new: str,
    form: Format,
    lang: Lang,
    *,
    output: Path | None = None,
    similarity: float | None = None,
    classes: set[str] | None = None,
    department: str | None = None,
    exit_code: bool = False,
) -> ExitCode:
    """Pair and classify the changes from `old` to `new`, write them as `form`."""
    from dutylist.diff import diff_paths, similarity_ratio

    guard([("-o", output)], old, new)
    result = diff_paths(old, new, similarity_ratio(similarity))
    dep = result.department_id(department) if department is not None else None
    write_format(form, result.select(classes, dep), output, lang)
    return ExitCode.PROBLEMS if exit_code and result.changed else ExitCode.OK


def _plain(args: Sequence[str]) -> bool:
    """Arguments the typer app would take as they are: no option, no empty one (click
    reads '' as the current folder), no pattern click would expand on Windows."""
    return all(
        arg and not arg.startswith("-") and not (os.name == "nt" and any(c in arg for c in "*?["))
        for arg in args
    )


def _command(args: Sequence[str]) -> Callable[[Lang], ExitCode] | None:
    """The run that `args` ask for, when the quick path can answer them."""
    match list(args):
        case ["validate", "--no-cache", *paths] if _plain(paths):
            return lambda lang: validate([Path(p) for p in paths], "text", lang, no_cache=True)
        case ["validate", *paths] if _plain(paths):
            return lambda lang: validate([Path(p) for p in paths], "text", lang, no_cache=False)
        case ["diff", old, new] if _plain([old, new]):
            return lambda lang: diff(old, new, lookup(DIFF, "text"), lang)
        case ["audit", *rest]:
            return _audit(rest)
    return None


# the options of `audit` the quick path reads, with the values each may take
_AUDIT_OPTIONS = {
    "--fail-on": FAIL_ON,
    "--format": tuple(names(AUDIT)),
    "-f": tuple(names(AUDIT)),
}


def _audit(args: Sequence[str]) -> Callable[[Lang], ExitCode] | None:
    """`audit [PATH]` with --format and --fail-on, each once, written apart from its
    value; anything else (another option, a value typer would refuse) is the app's."""
    paths: list[str] = []
    given: dict[str, str] = {}
    rest = iter(args)
    for arg in rest:
        if arg in _AUDIT_OPTIONS:
            value = next(rest, None)
            name = "--format" if arg == "-f" else arg
            if value not in _AUDIT_OPTIONS[arg] or name in given:
                return None
            given[name] = value
        else:
            paths.append(arg)
    if len(paths) > 1 or not _plain(paths):
        return None
    path = Path(paths[0]) if paths else None
    fail_on = given.get("--fail-on", "error")
    fmt = given.get("--format")
    return lambda lang: run_audit(path, fail_on=fail_on, fmt=fmt, lang=lambda: lang)


def run(args: Sequence[str]) -> int | None:
    """The exit code of `args` run on the quick path; None when the typer app must."""
    command = _command(args)
    if command is None:
        return None
    lang = resolve_lang(None)
    set_lang(lang)
    try:
        return int(command(lang))
    except HANDLED as exc:
        code = handled(exc)
        if code is None:
            raise
        return code
