"""diff reports a changed basis as `amended` with the citations it gained and lost."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

RunCli = Callable[..., Any]
CASE = Path(__file__).resolve().parents[1] / "fixtures" / "laws" / "diff"


def test_json_keeps_old_and_new_and_adds_the_citations(run_cli: RunCli) -> None:
    result = run_cli("diff", str(CASE / "old.yaml"), str(CASE / "new.yaml"), "--format", "json")
    assert result.exit_code == 0, result.stderr
    changes = {c["id"]: c for c in json.loads(result.stdout)["changes"]}
    fire = changes["JH-LC-003"]
    assert fire["classes"] == ["amended"]
    basis = fire["fields"]["basis"]
    assert basis["old"] == ["《森林防火条例》第二十五条、第五十条"]
    assert basis["new"] == ["《中华人民共和国森林法》第三十四条", "《森林防火条例》第五十条"]
    # per law and article: 第五十条 stays, 第二十五条 goes, the forest law comes in
    assert basis["citations"] == {
        "added": ["《中华人民共和国森林法》第三十四条"],
        "removed": ["《森林防火条例》第二十五条"],
    }
    # a re-worded entry citing the same law and article: amended, but no citation changed
    road = changes["JH-JT-001"]["fields"]["basis"]
    assert "citations" not in road


def test_text_and_markdown_show_the_citations(run_cli: RunCli) -> None:
    for fmt in ("text", "markdown"):
        result = run_cli(
            "diff", str(CASE / "old.yaml"), str(CASE / "new.yaml"), "--format", fmt, "--lang", "zh"
        )
        assert result.exit_code == 0, result.stderr
        # text wraps long lines under the change: read it as one run of text
        out = "".join(line.strip() for line in result.stdout.splitlines())
        assert "引用的法律法规：+《中华人民共和国森林法》第三十四条" in out, fmt
        assert "−《森林防火条例》第二十五条" in out, fmt
