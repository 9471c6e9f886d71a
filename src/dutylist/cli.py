"""The entry point. A plain `validate PATH...` or `diff OLD NEW` (a pre-commit hook's
call) runs on the quick path, without importing typer; anything else goes to the typer
app in commands.app, which `app` here names for tests and embedders."""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import Any

_PLUGINS = "pydantic.plugin._loader"


def _real_loader(name: str) -> Any:
    if name.startswith("__"):  # the import system asks a module for __path__ and the like
        raise AttributeError(name)
    held = sys.modules.get(_PLUGINS)
    if held is not None and getattr(held, "__getattr__", None) is _real_loader:
        del sys.modules[_PLUGINS]  # the stand-in, once: later lookups find the real one
    return getattr(importlib.import_module(_PLUGINS), name)


def _no_plugins() -> None:
    """Stand in for pydantic's plugin loader while plugins are disabled: it would return
    no plugin, but importing it imports importlib.metadata and email (~12 ms, a tenth of a
    small file's validate). A name the stand-in lacks loads the real module."""
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") != "__all__" or _PLUGINS in sys.modules:
        return
    loader = types.ModuleType(_PLUGINS)
    loader.get_plugins = tuple  # type: ignore[attr-defined]  # no plugin
    loader.__getattr__ = _real_loader  # type: ignore[method-assign]
    sys.modules[_PLUGINS] = loader


def main() -> None:
    # the models are the CLI's own: looking up pydantic plugins would scan the entry points
    # of every installed distribution (importlib.metadata, ~40 ms) on every run
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    _no_plugins()
    from dutylist.commands import quick

    code = quick.run(sys.argv[1:])
    if code is not None:
        sys.exit(code)
    from dutylist.commands.app import run

    run()


def __getattr__(name: str) -> Any:
    if name == "app":
        from dutylist.commands.app import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
