"""The validate cache: reused only for the same bytes, never stale, bounded, bypassable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dutylist.validate import cache

RunCli = Callable[..., Any]
VALID = Path(__file__).resolve().parents[1] / "fixtures" / "catalogs" / "valid" / "assessment-zh"


@pytest.fixture
def juris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "jh"
    shutil.copytree(VALID, root)
    monkeypatch.chdir(tmp_path)
    return root


def _entries() -> list[Path]:
    return sorted(cache.cache_dir().glob("*.json"))


def _loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Count the jurisdictions actually loaded (a cache hit loads none)."""
    calls: list[Path] = []
    from dutylist.catalog.workspace import load_jurisdiction as real

    def counting(root: Path, **kwargs: Any) -> Any:
        calls.append(root)
        return real(root, **kwargs)

    monkeypatch.setattr("dutylist.validate.core.load_jurisdiction", counting)
    return calls


def _json(run_cli: RunCli, *args: str) -> tuple[int, dict[str, Any]]:
    result = run_cli("validate", *args, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def test_an_unchanged_jurisdiction_is_answered_from_the_cache(
    run_cli: RunCli, juris: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads = _loads(monkeypatch)
    first = _json(run_cli, "jh")
    assert len(_entries()) == 1 and len(loads) == 1
    assert _json(run_cli, "jh") == first
    assert len(loads) == 1, "the second run loaded the files again"
    assert _json(run_cli, "jh", "--no-cache") == first
    assert len(loads) == 2


def test_edited_code_of_the_same_version_is_a_new_key(
    run_cli: RunCli, juris: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a checkout edited without a new version: its checks may say otherwise
    loads = _loads(monkeypatch)
    first = _json(run_cli, "jh")
    monkeypatch.setattr(cache, "code_stamp", lambda package: "edited")
    assert _json(run_cli, "jh") == first
    assert len(loads) == 2 and len(_entries()) == 2


def test_the_code_stamp_sees_an_edit(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "rules.py").write_text("x = 1\n", encoding="utf-8")
    before = cache.code_stamp.__wrapped__(tmp_path)
    assert cache.code_stamp.__wrapped__(tmp_path) == before
    os.utime(tmp_path / "sub" / "rules.py", ns=(1, 1))
    assert cache.code_stamp.__wrapped__(tmp_path) != before


def test_an_edited_catalog_gives_its_new_finding(run_cli: RunCli, juris: Path) -> None:
    assert _json(run_cli, "jh")[0] == 0
    catalog = next(p for p in juris.glob("*.yaml") if p.name != "jurisdiction.yaml")
    text = catalog.read_text(encoding="utf-8")
    department = next(line for line in text.splitlines() if "department:" in line)
    catalog.write_text(text.replace(department, "    department: nowhere", 1), encoding="utf-8")
    code, report = _json(run_cli, "jh")
    assert code == 1
    assert {e["code"] for e in report["errors"]} == {"DL104"}


def test_a_change_of_the_registry_alone_is_seen(run_cli: RunCli, juris: Path) -> None:
    catalog = next(p for p in juris.glob("*.yaml") if p.name != "jurisdiction.yaml")
    assert _json(run_cli, catalog.relative_to(juris.parent).as_posix())[0] == 0
    registry = juris / "jurisdiction.yaml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("code:", "code: 'x'\n  old:", 1), encoding="utf-8")
    code, report = _json(run_cli, catalog.relative_to(juris.parent).as_posix())
    assert code == 1 and report["errors"]


def test_an_edited_assessment_table_gives_its_new_finding(run_cli: RunCli, juris: Path) -> None:
    assert _json(run_cli, "jh")[0] == 0
    table = next((juris / "assessments").iterdir())
    table.write_bytes(table.read_bytes() + "\nJH-NONE-1,gasa,P,1,足,强,\n".encode())
    code, report = _json(run_cli, "jh")
    assert code == 1 and "DL202" in {e["code"] for e in report["errors"]}


def test_the_language_is_part_of_the_key(run_cli: RunCli, juris: Path) -> None:
    (juris / "jurisdiction.yaml").write_text("dutylist: 1\n", encoding="utf-8")
    english = run_cli("validate", "jh").stdout
    chinese = run_cli("validate", "jh", "--lang", "zh").stdout
    assert english != chinese
    assert run_cli("validate", "jh").stdout == english


def test_a_damaged_entry_is_recomputed(run_cli: RunCli, juris: Path) -> None:
    first = _json(run_cli, "jh")
    (entry,) = _entries()
    entry.write_text("{not json", encoding="utf-8")
    assert _json(run_cli, "jh") == first
    assert json.loads(entry.read_text(encoding="utf-8"))["format"] == cache.FORMAT


def test_the_cache_keeps_the_newest_entries(
    run_cli: RunCli, juris: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    registry = juris / "jurisdiction.yaml"
    original = registry.read_text(encoding="utf-8")
    for n in range(4):
        registry.write_text(original + f"# {n}\n", encoding="utf-8")
        run_cli("validate", "jh")
        # modification times one second apart: the order of eviction is the order of use
        for i, path in enumerate(sorted(_entries(), key=lambda p: p.stat().st_mtime)):
            os.utime(path, (1_000_000 + i, 1_000_000 + i))
    assert len(_entries()) == 2


def test_hooks_running_at_once_agree(juris: Path, tmp_path: Path) -> None:
    env = {**os.environ, "DUTYLIST_LANG": "en"}
    argv = [sys.executable, "-m", "dutylist", "validate", "jh", "--format", "json"]
    procs = [
        subprocess.Popen(
            argv, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(4)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert len({out for out, _err in outputs}) == 1
    assert len(_entries()) == 1
    assert not list(cache.cache_dir().glob(".*.tmp"))
