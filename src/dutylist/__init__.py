"""dutylist: validate, diff and audit county lists of powers and duties kept as YAML."""

__version__ = "0.1.0"
