"""Reading the `conform:` settings from the repository's configuration file."""

from __future__ import annotations

from pathlib import Path

from dutylist.audit.config import check_rule_names, load_config
from dutylist.conform.rules import RULE_NAMES
from dutylist.conform.settings import ConformSettings


def load_conform_settings(path: Path | None) -> ConformSettings:
    if path is None:
        return ConformSettings()
    config, text, shown = load_config(path)
    settings = config.conform
    check_rule_names("conform", settings.severity, settings.disable, RULE_NAMES, text, shown)
    return settings
