"""Audit configuration: defaults, the file at the repository root, strict keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from dutylist.audit.config import AuditSettings, find_config, load_settings
from dutylist.errors import InputError


def test_defaults_are_spec_section_7() -> None:
    s = AuditSettings()
    assert (s.unfit_share, s.min_cases, s.weak_share) == (0.25, 1, 0.5)
    assert load_settings(None) == s


def test_found_upward_and_not_past_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = repo / "catalogs" / "jinghong"
    folder.mkdir(parents=True)
    (repo / ".git").mkdir()
    (tmp_path / "dutylist.yaml").write_text("audit: {}\n", encoding="utf-8")
    assert find_config(folder) is None
    (repo / ".dutylist.yaml").write_text("audit: {min_cases: 2}\n", encoding="utf-8")
    assert find_config(folder) == (repo / ".dutylist.yaml").resolve()
    assert load_settings(find_config(folder)).min_cases == 2


def test_unknown_key_names_the_key_and_its_line(tmp_path: Path) -> None:
    path = tmp_path / "dutylist.yaml"
    path.write_text("audit:\n  unfit_share: 0.3\n  unfit_shar: 0.4\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_settings(path, "dutylist.yaml")
    assert caught.value.line == 3
    assert "audit.unfit_shar" in caught.value.message
    assert str(caught.value).startswith("dutylist.yaml:3: ")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("audit:\n  severity:\n    one-size-fit-all: error\n", 3, "not an audit rule"),
        ("audit:\n  disable:\n    - zero-uptake\n    - nope\n", 4, "not an audit rule"),
        ("audit:\n  unfit_share: 2\n", 2, "`audit.unfit_share` must be at most 1, not 2"),
        ("audit:\n  severity: {zero-uptake: fatal}\n", 2, "audit.severity.zero-uptake"),
        ("audit: [\n", 2, ""),
    ],
)
def test_bad_values_are_errors_at_their_line(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = tmp_path / "dutylist.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_settings(path)
    assert caught.value.line == line
    assert words in caught.value.message
