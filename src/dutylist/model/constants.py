"""The constants of the format that code reads before any model: its version and the
kinds of catalog (spec sections 2-3)."""

FORMAT_VERSION = 1

KINDS: tuple[str, ...] = (
    "empowerment",
    "territorial",
    "grid",
    "village-affairs",
    "certificates",
    "duties",
    "guide",
)
