"""What validate reports of the legal bases: laws.yaml checked like every file, and items
citing repealed, not-yet-in-force laws or articles beyond the last."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dutylist.catalog.workspace import catalog_files, load_jurisdiction
from dutylist.i18n import set_lang
from dutylist.validate.core import validate_paths

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "laws" / "registry"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "registry")
    return tmp_path / "registry"


def _names(path: Path) -> list[tuple[str, str | None, str]]:
    result = validate_paths([path])
    return [(f.name, f.item, f.level.value) for f in result.findings]


def test_laws_yaml_is_a_known_document_not_a_catalog(tree: Path) -> None:
    county = tree / "county"
    assert county / "laws.yaml" not in catalog_files(county)
    juris = load_jurisdiction(county)
    assert [s.shared for s in juris.laws] == [True, False]
    assert not juris.findings


def test_repealed_not_yet_and_out_of_range(tree: Path) -> None:
    set_lang("en")
    result = validate_paths([tree])
    assert not result.ok
    found = sorted((f.name, f.item, f.level.value) for f in result.findings)
    assert found == [
        ("basis-article-out-of-range", "A2", "warning"),
        ("basis-not-yet-in-force", "A7", "warning"),
        ("basis-repealed", "A3", "error"),
        ("basis-repealed", "T1", "error"),
    ]
    repealed = next(f for f in result.findings if f.item == "A3")
    # the jurisdiction's entry overrides the shared one by id, and names its replacement
    assert "2024-01-01" in repealed.message and "《中华人民共和国森林法》" in repealed.message
    assert (repealed.file.endswith("empowerment.yaml"), repealed.line) == (True, 24)
    # the shared laws.yaml is counted once
    assert sum(f.endswith("registry/laws.yaml") for f in result.files) == 1


def test_repealed_message_in_chinese_names_the_replacement(tree: Path) -> None:
    set_lang("zh")
    try:
        result = validate_paths([tree / "county" / "empowerment.yaml"])
    finally:
        set_lang("en")
    message = next(f.message for f in result.findings if f.name == "basis-repealed")
    assert message == (
        "《森林防火条例》已于2024-01-01废止，由《中华人民共和国森林法》取代："
        "请改为引用现行有效的《中华人民共和国森林法》"
    )


def test_a_changed_laws_yaml_rechecks_the_items_that_cite(tree: Path) -> None:
    found = _names(tree / "county" / "laws.yaml")
    assert ("basis-repealed", "A3", "error") in found
    shared = _names(tree / "laws.yaml")
    assert ("basis-repealed", "T1", "error") in shared


def test_no_registry_no_basis_findings(tree: Path) -> None:
    (tree / "laws.yaml").unlink()
    (tree / "county" / "laws.yaml").unlink()
    assert _names(tree) == []


@pytest.mark.parametrize(
    ("text", "name", "line"),
    [
        ("laws:\n  - {id: a, title: 某法, level: law}\n", "format-version", 1),
        (
            "dutylist: 1\nlaws:\n  - {id: a, title: 某法, level: law, status: repealed}\n",
            "missing-field",
            3,
        ),
        ("dutylist: 1\nlaws:\n  - {id: a, title: 某法, level: statute}\n", "invalid-choice", 3),
        (
            "dutylist: 1\nlaws:\n  - {id: a, title: 某法, level: law, artcles: 3}\n",
            "unknown-field",
            3,
        ),
        ("dutylist: 1\nlaws:\n  - {id: A_1, title: 某法, level: law}\n", "invalid-value", 3),
        (
            "dutylist: 1\nlaws:\n  - {id: a, title: 某法, level: law, articles: true}\n",
            "invalid-value",
            3,
        ),
        (
            "dutylist: 1\nlaws:\n  - {id: a, title: 某法, level: law}\n"
            "  - {id: a, title: 另法, level: law}\n",
            "duplicate-id",
            4,
        ),
        (
            "dutylist: 1\nlaws:\n  - {id: a, title: 中华人民共和国某法, level: law}\n"
            "  - {id: b, title: 另法, aliases: [某法], level: law}\n",
            "law-title-clash",
            4,
        ),
        (
            "dutylist: 1\nlaws:\n  - id: a\n    title: 某法\n    level: law\n"
            "    status: repealed\n    repealed_on: 2020-01-01\n    replaced_by: b\n",
            "unknown-replacement",
            8,
        ),
        ("dutylist: 1\nlaws: [\n", "yaml-syntax", 3),
        ("dutylist: 1\nitems: []\n", "unknown-document", 1),
    ],
)
def test_laws_yaml_problems_at_their_line(tree: Path, text: str, name: str, line: int) -> None:
    (tree / "county" / "laws.yaml").write_text(text, encoding="utf-8")
    result = validate_paths([tree / "county"])
    found = [(f.name, f.line) for f in result.findings if f.file.endswith("county/laws.yaml")]
    assert (name, line) in found, found


def test_a_shared_laws_yaml_alone(tmp_path: Path) -> None:
    (tmp_path / "laws.yaml").write_text(
        "dutylist: 1\nlaws:\n  - {id: a, title: 某法, level: law, status: nope}\n",
        encoding="utf-8",
    )
    result = validate_paths([tmp_path / "laws.yaml"])
    assert [(f.name, f.line) for f in result.findings] == [("invalid-choice", 3)]
