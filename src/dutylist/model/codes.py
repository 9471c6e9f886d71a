"""Forms of the codes in a registry: division codes (GB/T 2260) and USCC (GB 32100-2015)."""

from __future__ import annotations

from dutylist.i18n import _

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {char: value for value, char in enumerate(USCC_ALPHABET)}


def uscc_check_digit(first17: str) -> str:
    """The 18th character of a 统一社会信用代码 (mod 31 over the first 17)."""
    total = sum(_VALUE[c] * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """Why a USCC is malformed, or None when it is well-formed."""
    if len(code) != 18:
        return _(
            "a 统一社会信用代码 has 18 characters, '{code}' has {count}", code=code, count=len(code)
        )
    bad = sorted({c for c in code if c not in _VALUE})
    if bad:
        return _(
            "'{chars}' cannot appear in a 统一社会信用代码 (no I, O, S, V, Z, no lowercase)",
            chars="".join(bad),
        )
    expected = uscc_check_digit(code[:17])
    if code[17] != expected:
        return _(
            "check digit of '{code}' is wrong: the 18th character should be '{expected}'",
            code=code,
            expected=expected,
        )
    return None


def division_code_problem(code: str, lengths: tuple[int, ...]) -> str | None:
    wanted = _(" or ").join(str(n) for n in lengths)
    if not code.isascii() or not code.isdigit() or len(code) not in lengths:
        return _(
            "'{code}' is not a division code: it must be {wanted} digits", code=code, wanted=wanted
        )
    return None
