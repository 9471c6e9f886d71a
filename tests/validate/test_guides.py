"""validate's guide checks beyond the fixture case: a `guide:` with no guide for its kind,
and a missing guide reported once, at its `guides:` entry, not at every item."""

from __future__ import annotations

from pathlib import Path

from dutylist.validate.core import validate_paths

REGISTRY = (
    'dutylist: 1\njurisdiction:\n  code: "140802"\n  name: 盐湖区\n  level: county\n'
    "departments:\n  - id: civil-affairs\n    name: 盐湖区民政局\n"
)
LIST = (
    'dutylist: 1\ncatalog:\n  kind: village-affairs\n  title: 村级事务\n  version: "1"\n'
    "items:\n"
    + "".join(
        f'  - id: "V-{n}"\n    name: 事项{n}\n    category: other\n'
        f'    department: civil-affairs\n    handling: perform\n    guide: "G-{n}"\n'
        for n in (1, 2)
    )
)


def _folder(tmp_path: Path, guides: str) -> Path:
    (tmp_path / "jurisdiction.yaml").write_text(REGISTRY + guides, encoding="utf-8")
    (tmp_path / "village-affairs.yaml").write_text(LIST, encoding="utf-8")
    return tmp_path


def test_guide_without_a_guide_for_the_kind(tmp_path: Path) -> None:
    result = validate_paths([_folder(tmp_path, "")])
    found = [(f.code, f.line, f.item) for f in result.findings]
    assert found == [("DL132", 12, "V-1"), ("DL132", 18, "V-2")]
    assert "names no guide for village-affairs" in result.findings[0].message


def test_a_missing_guide_is_reported_once(tmp_path: Path) -> None:
    result = validate_paths([_folder(tmp_path, "guides:\n  - ../city/guide.yaml\n")])
    assert [(f.code, f.file.endswith("jurisdiction.yaml")) for f in result.findings] == [
        ("DL131", True)
    ]
