"""`--help` and usage errors in the output language.

typer fixes help texts when the command modules are imported, and its click core writes
usage errors in English. Rather than import the commands anew for each language, the help
texts stay English msgids (translated through `help.po` when a help page is shown) and a
usage error is translated when it is shown: the language is read from the arguments
(`--lang`), then DUTYLIST_LANG and the locale, as for the output of the commands.
"""

from __future__ import annotations

import copy
import inspect
import re
import shutil
import unicodedata
from collections.abc import Iterator, Sequence
from typing import IO, Any

import typer
from typer.core import TyperCommand, TyperGroup

try:  # typer >= 0.20 carries its own copy of click's core
    from typer._click.exceptions import NoArgsIsHelpError, UsageError
except ImportError:  # pragma: no cover - older typer, on click itself
    from click.exceptions import (  # type: ignore[no-redef,import-not-found,unused-ignore]
        NoArgsIsHelpError,
        UsageError,
    )

from dutylist.commands.coercion import lighten
from dutylist.commands.lazy import LazyCommands
from dutylist.i18n import N_, _, current_lang, resolve_lang, set_lang

# Headings and marks of the help page written by typer's click core.
_HELP_WORDS = (
    (re.compile(r"^Usage: ", re.M), N_("Usage: ")),
    (re.compile(r"^Arguments:$", re.M), N_("Arguments:")),
    (re.compile(r"^Options:$", re.M), N_("Options:")),
    (re.compile(r"^Commands:$", re.M), N_("Commands:")),
    (re.compile(r"\[default: (?P<value>[^\]]*)\]"), N_("[default: {value}]")),
    (re.compile(r"\[required\]"), N_("[required]")),
)

_MISSING_ARGUMENT = N_("Missing argument {name}.")

# Usage errors of click's core, as patterns of their English text; the groups are the
# parts (option names, values) that stay as they are.
_USAGE_ERRORS = tuple(
    (re.compile(pattern + r"\Z", re.S), msgid)
    for pattern, msgid in (
        (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
        (
            r"No such option: (?P<name>\S+) Did you mean (?P<possibility>\S+)\?",
            N_("No such option: {name} Did you mean {possibility}?"),
        ),
        (
            r"No such option: (?P<name>\S+)\s+\(Possible options: (?P<possibilities>.*)\)",
            N_("No such option: {name} (Possible options: {possibilities})"),
        ),
        (r"No such command '(?P<name>.*)'\.", N_("No such command '{name}'.")),
        (
            r"No such command '(?P<name>.*)'\. Did you mean (?P<matches>.*)\?",
            N_("No such command '{name}'. Did you mean {matches}?"),
        ),
        (r"Missing command\.", N_("Missing command.")),
        (r"Missing argument (?P<name>'.*')\.", _MISSING_ARGUMENT),
        (r"Missing option (?P<name>'.*')\.", N_("Missing option {name}.")),
        (
            r"Missing option (?P<name>'.*')\. Choose from:\s*(?P<choices>.*)",
            N_("Missing option {name}. Choose from: {choices}"),
        ),
        (r"Missing parameter: (?P<name>.*)", N_("Missing parameter: {name}")),
        (
            r"Option '(?P<name>[^']*)' requires an argument\.",
            N_("Option '{name}' requires an argument."),
        ),
        (
            r"Option '(?P<name>[^']*)' requires (?P<count>\d+) arguments\.",
            N_("Option '{name}' requires {count} arguments."),
        ),
        (
            r"Option '(?P<name>[^']*)' does not take a value\.",
            N_("Option '{name}' does not take a value."),
        ),
        (
            r"Got unexpected extra arguments? \((?P<args>.*)\)",
            N_("Got unexpected extra arguments ({args})"),
        ),
        (
            r"Argument '(?P<name>[^']*)' takes (?P<count>\d+) values\.",
            N_("Argument '{name}' takes {count} values."),
        ),
        (
            r"Invalid value for (?P<param>'[^:]*'|[^:]*): (?P<reason>.*)",
            N_("Invalid value for {param}: {reason}"),
        ),
        (r"Invalid value: (?P<reason>.*)", N_("Invalid value: {reason}")),
    )
)

# Reasons inside "Invalid value for ...: REASON".
_REASONS = tuple(
    (re.compile(pattern + r"\Z", re.S), msgid)
    for pattern, msgid in (
        (
            r"(?P<value>.*) is not one of (?P<choices>.*)\.",
            N_("{value} is not one of {choices}."),
        ),
        (r"(?P<value>.*) is not one of:(?P<choices>.*)", N_("{value} is not one of: {choices}")),
        (r"(?P<value>.*) is not a valid integer\.", N_("{value} is not a valid integer.")),
        (r"(?P<value>.*) is not a valid float\.", N_("{value} is not a valid float.")),
        (r"(?P<value>.*) is not a valid boolean\.", N_("{value} is not a valid boolean.")),
        (
            r"(?P<kind>File|Directory|Path) (?P<name>.*) does not exist\.",
            N_("{name} does not exist."),
        ),
        (r"(?P<kind>File|Directory|Path) (?P<name>.*) is a directory\.", N_("{name} is a folder.")),
        (r"(?P<kind>File|Directory|Path) (?P<name>.*) is a file\.", N_("{name} is a file.")),
        (r"use zh or en", N_("use zh or en")),
        (r"Input should be a valid number.*", N_("not a valid number")),
        (r"Input should be a valid integer.*", N_("not a valid whole number")),
    )
)


# The placeholders click writes for values, in the usage line and the left column of the
# rows (never in a description, where `REV:PATH` or `--format` is what the user types).
_PLACEHOLDERS = tuple(
    (re.compile(pattern), msgid)
    for pattern, msgid in (
        (r"\[OPTIONS\]", N_("[OPTIONS]")),
        (r"\bCOMMAND \[ARGS\]\.\.\.", N_("COMMAND [ARGS]...")),
        (r"\bARGS\.\.\.", N_("ARGS...")),
        (r"<str>", N_("<str>")),
        (r"<path>", N_("<path>")),
        (r"<list\[Path\]>", N_("<list[Path]>")),
        (r"<list\[str\]>", N_("<list[str]>")),
        (r"\bRATIO\b", N_("RATIO")),
        (r"\bFILE\b", N_("FILE")),
        (r"\bCLASS\b", N_("CLASS")),
        (r"\bDEPT\b", N_("DEPT")),
        (r"\{?\bOLD\b\}?", N_("OLD")),
        (r"\{?\bNEW\b\}?", N_("NEW")),
        (r"\bpaths\.\.\.", N_("paths...")),
        (r"\[paths\]\.\.\.", N_("[paths]...")),
        (r"\bitems\.\.\.", N_("items...")),
        (r"\[items\]\.\.\.", N_("[items]...")),
    )
)
_ROW_HEAD = re.compile(r"^(\s+)(\S.*?)(\s{2,}(?=\S)|$)")


def _translate_help(text: str) -> str:
    for pattern, msgid in _HELP_WORDS:
        text = pattern.sub(_Filler(msgid), text)
    if current_lang() == "en":
        return text
    usage = _("Usage: ")
    return "\n".join(
        usage + _placeholders(line[len(usage) :]) if line.startswith(usage) else _row(line)
        for line in text.split("\n")
    )


def _row(line: str) -> str:
    """A row with the placeholders of its left column translated, its description kept at
    the display column it started at (or two spaces after a wider left column)."""
    match = _ROW_HEAD.match(line)
    if match is None:
        return line
    indent, head, gap = match.groups()
    new = _placeholders(head)
    if new == head:
        return line
    if not gap:
        return indent + new + line[match.end() :]
    start = sum(map(_columns, indent + head + gap))
    room = max(start - sum(map(_columns, indent + new)), 2)
    return indent + new + " " * room + line[match.end() :]


def _placeholders(text: str) -> str:
    for pattern, msgid in _PLACEHOLDERS:
        text = pattern.sub(_(msgid).replace("\\", "\\\\"), text)
    return text


class _Filler:
    """The replacement of a match: `msgid` translated, its fields from the match's groups."""

    def __init__(self, msgid: str) -> None:
        self.msgid = msgid

    def __call__(self, match: re.Match[str]) -> str:
        return _(self.msgid, **match.groupdict())


# typer converts some values through pydantic, whose message of a converter's ValueError
# starts with its own words ("Value error, 'pdf' is not one of …"); they tell the user
# nothing and would stay English in Chinese output
_PYDANTIC_PREFIX = re.compile(r"(?:(?<=: )|\A)Value error, ")


def translate_usage_error(message: str) -> str:
    """A usage error of click's core in the current language (unknown ones as they are)."""
    message = _PYDANTIC_PREFIX.sub("", message, count=1)
    if current_lang() == "en":
        return message
    for pattern, msgid in _USAGE_ERRORS:
        match = pattern.match(message)
        if match:
            fields = match.groupdict()
            if "reason" in fields:
                fields["reason"] = _translate_reason(fields["reason"])
            if msgid == _MISSING_ARGUMENT:  # named as the help page names it: '旧版本'
                fields["name"] = _placeholders(fields["name"])
            return _(msgid, **fields)
    return _translate_reason(message)


def _translate_reason(reason: str) -> str:
    for pattern, msgid in _REASONS:
        match = pattern.match(reason)
        if match:
            fields = {k: v for k, v in match.groupdict().items() if k != "kind"}
            return _(msgid, **fields)
    return reason


def lang_option(value: object) -> str | None:
    """A --lang value the language can be taken from (a bad one is reported, in the
    language of the environment, by the command)."""
    if isinstance(value, str) and value.lower() in ("zh", "en", "zh-cn", "zh_cn"):
        return value
    return None


def lang_from_args(args: Sequence[str]) -> None:
    """Set the language from `--lang X` / `--lang=X` among the arguments, else the environment."""
    option: str | None = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            option = args[i + 1]
        elif arg.startswith("--lang="):
            option = arg.split("=", 1)[1]
    set_lang(resolve_lang(lang_option(option)))


class _TranslatedUsageError(UsageError):
    """Shows a usage error of click's core in the current language."""

    def __init__(self, original: Any) -> None:
        super().__init__(str(original), ctx=getattr(original, "ctx", None))
        self.exit_code = getattr(original, "exit_code", 2)
        self.text = translate_usage_error(original.format_message())

    def format_message(self) -> str:
        return self.text

    def show(self, file: IO[Any] | None = None) -> None:
        ctx = self.ctx
        lines: list[str] = []
        if ctx is not None:
            lines.append(_translate_help(ctx.get_usage()))
            if ctx.command.get_help_option(ctx) is not None:
                option = ctx.help_option_names[0]
                command = f"{ctx.command_path} {option}"
                lines.append(_("Try '{command}' for help.", command=command) + "\n")
        lines.append(_("dutylist: error: {message}", message=self.text))
        typer.echo("\n".join(lines), err=True)


def _help_texts(command: Any) -> Iterator[Any]:
    yield command
    yield from command.params
    yield from _listed(getattr(command, "commands", {})).values()


def _listed(commands: Any) -> Any:
    """The commands as the help page of their group lists them."""
    return commands.sketches if isinstance(commands, LazyCommands) else commands


def _translate_texts(command: Any) -> None:
    """Translate the help texts of a command, its parameters and its subcommands in place
    (typer builds these objects anew for every run, so nothing else sees the change)."""
    if current_lang() == "en":
        return
    for obj in _help_texts(command):
        for attr in ("help", "short_help"):
            value = getattr(obj, attr, None)
            if isinstance(value, str) and value:
                setattr(obj, attr, help_text(value))


def help_text(text: str) -> str:
    """One help text (a docstring or an option's help) in the current language."""
    return _(inspect.cleandoc(text))


def _show_help(ctx: Any, _param: Any, value: bool) -> None:
    """--help: click's callback, writing the page as the commands write their output."""
    if value and not ctx.resilient_parsing:
        from dutylist.commands.options import print_page

        print_page(ctx.get_help() + "\n")
        ctx.exit()


class _Translated:
    """Help pages and usage errors in the output language (mixed into typer's classes)."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.callback = _show_help
        return option

    def get_help(self, ctx: Any) -> str:
        if current_lang() == "en":
            return super().get_help(ctx)  # type: ignore[misc, no-any-return]
        _translate_texts(self)
        option = self.get_help_option(ctx)
        if option is not None and option.help:
            option.help = help_text(option.help)
        # click wraps by characters; a Chinese character takes two columns, so the page is
        # laid out unwrapped and wrapped here by display width
        width = max(min(shutil.get_terminal_size().columns, ctx.max_content_width or 80) - 2, 50)
        saved = ctx.terminal_width, ctx.max_content_width
        ctx.terminal_width = ctx.max_content_width = 10_000
        try:
            page = super().get_help(ctx)  # type: ignore[misc]
        finally:
            ctx.terminal_width, ctx.max_content_width = saved
        lines = _translate_help(page).splitlines()
        return "\n".join(part for line in lines for part in _wrap(line, width))

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        if parent is None:
            lang_from_args(args)
        try:
            return super().make_context(info_name, args, parent=parent, **extra)  # type: ignore[misc]
        except (_TranslatedUsageError, NoArgsIsHelpError):  # the help page, translated already
            raise
        except UsageError as exc:
            raise _TranslatedUsageError(exc) from None

    def parse_args(self, ctx: Any, args: list[str]) -> Any:
        lighten(self.get_params(ctx))  # type: ignore[attr-defined]
        return super().parse_args(ctx, args)  # type: ignore[misc]

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        except _TranslatedUsageError:
            raise
        except UsageError as exc:
            raise _TranslatedUsageError(exc) from None


class TranslatedGroup(_Translated, TyperGroup):
    def format_commands(self, ctx: Any, formatter: Any) -> None:
        listing = copy.copy(self)
        listing.commands = _listed(self.commands)
        TyperGroup.format_commands(listing, ctx, formatter)


class TranslatedCommand(_Translated, TyperCommand):
    pass


def _columns(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


_COMMAND_ROW = re.compile(r"  [a-z][a-z-]*\s{2,}\S")


def _wrap(line: str, width: int) -> list[str]:
    """A help line wrapped at `width` display columns, continued under its text: under the
    description of an option row, else under the line's own indentation; never with a
    closing mark (，。、）) starting a line or an opening one ending it."""
    from dutylist.report.layout import wrap

    if sum(map(_columns, line)) <= width:
        return [line]
    row = re.match(r"(\s*\S.*?\s{2,})(?=\S)", line)
    # an option row, or a command row of the listing ("  conform   各清单……")
    listed = line.startswith("  -") or _COMMAND_ROW.match(line) is not None
    own = line[: len(line) - len(line.lstrip())]
    head = row.group(1) if row and listed else own
    cells = sum(map(_columns, head))  # a Chinese placeholder takes two columns a character
    if cells > width // 2:
        head, cells = own, len(own)
    return wrap(line[len(head) :], width, indent=" " * cells, first=head)
