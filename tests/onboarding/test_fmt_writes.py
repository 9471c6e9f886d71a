"""What `fmt` writes (spec section 10): the target of a symlinked catalog, with the
file's mode and line ends; never a file that would lose a comment."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dutylist.io.yamlload import load_yaml
from dutylist.io.yamlwrite import CommentLost, format_text

RunCli = Callable[..., Any]
UNFORMATTED = (
    "# 清单\n"
    "dutylist: 1\n"
    "catalog:\n"
    "    title: t   # the title\n"
    "    kind: empowerment\n"
    "\n"
    "items:\n"
    "- id: 'A-1'\n"
    "  name: x\n"
    "\n"
    "- id: 'A-2'\n"
    "  name: y\n"
)
FLOW_COMMENT = (
    "dutylist: 1\ncatalog:\n  kind: grid\nitems:\n  - id: A\n    tags: [a,  # why a\n      b]\n"
)


def test_a_symlinked_catalog_is_rewritten_through_the_link(run_cli: RunCli, tmp_path: Path) -> None:
    real = tmp_path / "store" / "empowerment.yaml"
    real.parent.mkdir()
    real.write_text(UNFORMATTED, encoding="utf-8")
    link = tmp_path / "empowerment.yaml"
    link.symlink_to(real)
    assert run_cli("fmt", str(link)).exit_code == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == format_text(UNFORMATTED) != UNFORMATTED


@pytest.mark.parametrize("mode", [0o644, 0o664, 0o600])
def test_the_mode_is_kept(run_cli: RunCli, tmp_path: Path, mode: int) -> None:
    path = tmp_path / "empowerment.yaml"
    path.write_text(UNFORMATTED, encoding="utf-8")
    path.chmod(mode)
    old = os.umask(0o077)
    try:
        assert run_cli("fmt", str(path)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert path.read_text(encoding="utf-8") == format_text(UNFORMATTED)


def test_crlf_stays_crlf_and_blank_lines_stay(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "empowerment.yaml"
    path.write_bytes(UNFORMATTED.replace("\n", "\r\n").encode("utf-8"))
    assert run_cli("fmt", str(path)).exit_code == 0
    written = path.read_bytes().decode("utf-8")
    assert written == format_text(UNFORMATTED).replace("\n", "\r\n")
    assert written.count("\r\n\r\n") == 2  # the two blank lines
    assert written.count("\n") == written.count("\r\n")
    assert run_cli("fmt", "--check", str(path)).exit_code == 0


@pytest.mark.parametrize(("check", "code"), [(False, 2), (True, 1)])
def test_a_comment_that_cannot_be_kept_leaves_the_file_alone(
    run_cli: RunCli, tmp_path: Path, check: bool, code: int
) -> None:
    path = tmp_path / "grid.yaml"
    path.write_text(FLOW_COMMENT, encoding="utf-8")
    result = run_cli("fmt", *(["--check"] if check else []), str(path))
    assert result.exit_code == code
    assert f"{path.name}:6: this comment cannot be kept" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_text(encoding="utf-8") == FLOW_COMMENT


# --- the property: random catalogs, flow and block lists, comments, CRLF ------------------

WORDS = st.sampled_from(["a", "b", "yjh", "乡镇", "JH-1", "x y", "全部"])


@st.composite
def catalogs(draw: st.DrawFn) -> tuple[str, list[int]]:
    """A catalog text with numbered comments; also the lines of the comments placed
    inside flow lists (which the layout cannot keep)."""
    lines = ["dutylist: 1", "catalog:", "  kind: empowerment", "  title: t"]
    inside_flow: list[int] = []
    number = iter(range(1000))

    def comment() -> str:
        return f"  # c{next(number)}" if draw(st.booleans()) else ""

    if draw(st.booleans()):
        lines.append(f"# c{next(number)}")
    lines.append("items:")
    for i in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            lines.append("")
        lines += [f'  - id: "A-{i}"' + comment(), f"    name: {draw(WORDS)}" + comment()]
        values = draw(st.lists(WORDS, min_size=1, max_size=3))
        style = draw(st.sampled_from(["flow", "block", "flow-comment"]))
        if style == "block":
            lines.append("    scope:" + comment())
            lines += [f"      - {v}" + comment() for v in values]
        elif style == "flow":
            lines.append(f"    tags: [{', '.join(values)}]" + comment())
        else:
            lines.append(f"    tags: [{values[0]},  # c{next(number)}")
            inside_flow.append(len(lines))
            lines.append(f"      {', '.join(['z', *values[1:]])}]")
    return "\n".join(lines) + "\n", inside_flow


@settings(max_examples=60, deadline=None)
@given(catalogs(), st.booleans())
def test_fmt_keeps_data_comments_and_line_ends(case: tuple[str, list[int]], crlf: bool) -> None:
    text, inside_flow = case
    source = text.replace("\n", "\r\n") if crlf else text
    if inside_flow:
        with pytest.raises(CommentLost) as lost:
            format_text(source)
        assert lost.value.line == inside_flow[0]
        return
    out = format_text(source)
    assert load_yaml(out) == load_yaml(text)
    for n in range(text.count("# c")):
        assert out.count(f"# c{n}\r\n" if crlf else f"# c{n}\n") == 1, n
    if crlf:
        assert out.count("\n") == out.count("\r\n")
        assert out == format_text(text).replace("\n", "\r\n")
    assert format_text(out) == out


def test_a_file_name_with_escapes_is_shown_escaped(run_cli: RunCli, tmp_path: Path) -> None:
    path = tmp_path / "\x1b]0;owned\x07.yaml"
    path.write_text("dutylist: 1\ncatalog: [\n", encoding="utf-8")
    result = run_cli("fmt", str(path))
    assert result.exit_code == 2
    assert "\\x1b]0;owned\\x07.yaml" in result.stderr
    assert "\x1b" not in result.stderr
