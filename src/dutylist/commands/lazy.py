"""A group whose commands are built when they are run or their own help is asked.

typer builds a command's click parameters from the signature and type hints of its
function (about 2 ms a command); the listing of the group's help page needs only the
commands' names and help texts, nor does a run need any command but its own.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Iterator, MutableMapping
from typing import Any

import typer
from typer.core import TyperCommand


class LazyCommands(MutableMapping[str, Any]):
    """The commands of a group by name, each built when it is first looked up: typer
    reads the signature and type hints of a command's function to build its parameters
    (about 2 ms a command), which the listing of the group's help page does not need."""

    def __init__(self, app: typer.Typer) -> None:
        self._infos: dict[str, Any] = {_name(info): info for info in app.registered_commands}
        self._built: dict[str, Any] = {}
        self._options: dict[str, Any] = {
            "pretty_exceptions_short": app.pretty_exceptions_short,
            "rich_markup_mode": app.rich_markup_mode,
        }
        self._sketches: dict[str, Any] | None = None

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            info = self._infos[name]
            self._built[name] = typer.main.get_command_from_info(info, **self._options)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._infos.setdefault(name, None)
        self._built[name] = command
        self._sketches = None

    def __delitem__(self, name: str) -> None:
        del self._infos[name]
        self._built.pop(name, None)
        self._sketches = None

    def __contains__(self, name: object) -> bool:
        return name in self._infos

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)

    def built(self) -> list[str]:
        """The names of the commands built so far."""
        return list(self._built)

    @property
    def sketches(self) -> dict[str, Any]:
        """The commands with their names and help texts but no parameters (a command
        already built stands for itself)."""
        if self._sketches is None:
            self._sketches = {
                name: self._built[name]
                if name in self._built
                else _sketch(name, info, self._options)
                for name, info in self._infos.items()
            }
        return self._sketches


def _name(info: Any) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__)


def _sketch(name: str, info: Any, options: dict[str, Any]) -> Any:
    """A command as typer would build it from `info`, less its parameters and callback."""
    doc = inspect.getdoc(info.callback) if info.help is None else inspect.cleandoc(info.help)
    return (info.cls or TyperCommand)(
        name=name,
        help=doc,
        short_help=info.short_help,
        hidden=info.hidden,
        deprecated=info.deprecated,
        rich_markup_mode=options["rich_markup_mode"],
    )


def lazy_group(app: typer.Typer) -> Any:
    """The click group of `app` whose commands are built when they are run or their own
    help is asked, not to list them."""
    bare = copy.copy(app)
    bare.registered_commands = []
    group = typer.main.get_command(bare)
    group.commands = LazyCommands(app)  # type: ignore[attr-defined]
    return group
