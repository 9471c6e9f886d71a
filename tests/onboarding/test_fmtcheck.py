"""The fast `fmt --check` agrees with the round trip: whatever it calls canonical,
format_text leaves unchanged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dutylist.io.yamlwrite import FormatProblem, format_text
from dutylist.onboarding.fmtcheck import canonical_dutylist, is_canonical

ROOT = Path(__file__).resolve().parents[2]
RunCli = Callable[..., Any]

SCALARS = st.sampled_from(
    [
        "x", '"x"', "'x'", "yes", "010", "1e3", "0o17", "2024-02-30", "2024-08-19", "null",
        "~", "", "a #b", '"JH-1"', "JH-1", "交通运输局", '"a\\u00e9"', "12", "true", "a:b",
        '"2024-08"', "2024-08", "-", "all", "《公路法》第八条", "x ", '"x y"', "Yes",
    ]
)  # fmt: skip
KEYS = st.sampled_from(["id", "name", "category", "department", "scope", "notes", "zz", "replaces"])
SEP = st.sampled_from([": ", ":  ", ": "])
INDENT = st.sampled_from(["    ", "    ", "   ", "      "])
FLOW = st.sampled_from(["[a, b]", "[a,b]", '["A-1", "A-2"]', "[]", "[a, b]  # c", "[JH-1]"])


@st.composite
def catalogs(draw: st.DrawFn) -> str:
    lines = []
    if draw(st.booleans()):
        lines.append("# 标题")
    if draw(st.booleans()):
        lines.append("")
    lines.append("dutylist: 1")
    lines.append(draw(st.sampled_from(["", "", "# c"])))
    lines.append("catalog:")
    for key, value in draw(
        st.permutations([("kind", "empowerment"), ("title", "t"), ("version", '"2024"')])
    ):
        lines.append(f"  {key}{draw(SEP)}{draw(st.sampled_from([value, value, '2024']))}")
    lines.append("")
    lines.append("items:")
    for _ in range(draw(st.integers(0, 3))):
        keys = draw(st.lists(KEYS, min_size=1, max_size=5, unique=True))
        indent = draw(INDENT)
        for i, key in enumerate(keys):
            lead = "  - " if i == 0 else indent
            kind = draw(st.integers(0, 4))
            if kind == 0:
                lines.append(f"{lead}{key}{draw(SEP)}{draw(FLOW)}")
            elif kind == 1:
                lines.append(f"{lead}{key}:")
                for _ in range(draw(st.integers(1, 2))):
                    lines.append(f"{indent}  - {draw(SCALARS)}")
            else:
                lines.append(f"{lead}{key}{draw(SEP)}{draw(SCALARS)}")
            if draw(st.integers(0, 5)) == 0:
                lines.append(draw(st.sampled_from(["", f"{indent}# note", "  # x", "\t"])))
        lines.append("")
    text = "\n".join(lines).rstrip("\n") + draw(st.sampled_from(["\n", "\n", "\n\n", ""]))
    return text.replace("\n", draw(st.sampled_from(["\n", "\n", "\r\n"])))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_what_the_fast_check_calls_canonical_the_round_trip_leaves_alone(text: str) -> None:
    if not is_canonical(text):
        return
    assert format_text(text) == text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalogs())
def test_the_round_trips_output_is_judged_like_the_round_trip(text: str) -> None:
    try:
        once = format_text(text)
    except FormatProblem:
        return
    if is_canonical(once):
        assert format_text(once) == once


@pytest.mark.parametrize(
    "name", ["examples/jinghong-2024/jurisdiction.yaml", "examples/jinghong-2024/empowerment.yaml"]
)
def test_shipped_canonical_files_are_recognised(name: str) -> None:
    text = (ROOT / name).read_text(encoding="utf-8")
    assert format_text(text) == text
    assert canonical_dutylist(text)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("dutylist: 1\ncatalog:\n  title: t\n  kind: empowerment\n", "key order"),
        ('dutylist: 1\ncatalog:\n  kind: "empowerment"\n', "a needless quote"),
        ("dutylist: 1\ncatalog:\n    kind: empowerment\n", "indentation"),
        ("dutylist: 1\nitems:\n  - id: JH-1\n", "an unquoted id"),
        ('dutylist: 1\nitems:\n- id: "JH-1"\n', "a dash under its key"),
    ],
)
def test_a_layout_the_round_trip_changes_is_not_called_canonical(text: str, why: str) -> None:
    assert format_text(text) != text, why
    assert not is_canonical(text), why


def test_fmt_check_uses_it_and_still_finds_what_would_change(
    run_cli: RunCli, tmp_path: Path
) -> None:
    good = tmp_path / "good.yaml"
    good.write_text((ROOT / "catalogs/jinghong/jurisdiction.yaml").read_text("utf-8"), "utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("dutylist: 1\ncatalog:\n  title: t\n  kind: empowerment\n", encoding="utf-8")
    result = run_cli("fmt", "--check", str(good), str(bad))
    assert result.exit_code == 1
    assert "bad.yaml" in result.stdout + result.stderr
    assert "good.yaml" not in result.stdout + result.stderr
