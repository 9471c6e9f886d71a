"""The pre-commit path stays light: importing the CLI and validating a catalog load
none of the heavy libraries (they are imported inside the commands that need them)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HEAVY = ("pandas", "openpyxl", "xlsxwriter", "deepdiff")
CATALOG = Path(__file__).resolve().parent / "fixtures" / "catalogs" / "valid" / "assessment-zh"

PROBE = """
import sys
from pathlib import Path
{body}
print(",".join(sorted(m for m in {heavy!r} if m in sys.modules)))
"""


def loaded_after(body: str) -> list[str]:
    code = PROBE.format(body=body, heavy=HEAVY)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return [m for m in done.stdout.strip().split(",") if m]


def test_importing_the_cli_is_light() -> None:
    assert loaded_after("import dutylist.cli") == []


def test_validate_in_process_is_light() -> None:
    body = f"""
from typer.testing import CliRunner
from dutylist.cli import app
result = CliRunner().invoke(app, ["validate", {str(CATALOG)!r}])
assert result.exit_code == 0, result.output
"""
    assert loaded_after(body) == []


def test_the_probe_would_notice() -> None:
    assert loaded_after("import xlsxwriter") == ["xlsxwriter"]


# what a single file's validate or diff never needs: the assessment tables, the renderers
# of a terminal, the fuzzy matchers, typer (cli.main's quick path runs them without it)
START_UP = (
    *HEAVY,
    "dutylist.catalog.assessment",
    "rich",
    "rapidfuzz",
    "typer._adapters",
    "typer",
    "click",
    "importlib.metadata",  # pydantic's plugin loader, stood in for by cli.main
)
FILE = CATALOG.parent / "minimal" / "empowerment.yaml"


def loaded_by_cli(*args: str, heavy: tuple[str, ...] = START_UP) -> list[str]:
    code = PROBE.format(
        body=f"""
sys.argv = ["dutylist", *{list(args)!r}]
from dutylist.cli import main
try:
    main()
except SystemExit as exit:
    assert exit.code in (0, 1, None), exit.code
print("loaded:", end="")
""",
        heavy=heavy,
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return [m for m in done.stdout.rpartition("loaded:")[2].strip().split(",") if m]


def test_validate_of_a_file_starts_light() -> None:
    assert loaded_by_cli("validate", "--no-cache", str(FILE)) == []


def test_validate_needs_no_pydantic() -> None:
    # the frozen validators (dutylist.model.frozen) validate with pydantic-core alone
    heavy = ("pydantic", "pydantic.main", "dutylist.model.catalog", "dutylist.model.common")
    assert loaded_by_cli("validate", "--no-cache", str(FILE), heavy=heavy) == []
    assert loaded_by_cli("validate", "--no-cache", str(CATALOG), heavy=heavy) == []
    assert loaded_by_cli("diff", str(FILE), str(FILE), heavy=heavy) == sorted(heavy)  # it would see


def test_audit_needs_no_pydantic() -> None:
    # the rules read records as validate's checks do; only a configuration file, or
    # --previous (a diff), builds models
    heavy = ("pydantic", "pydantic.main", "dutylist.model.catalog", "dutylist.model.common")
    assert loaded_by_cli("audit", "--fail-on", "none", str(CATALOG), heavy=heavy) == []
    assert loaded_by_cli("audit", "--fail-on", "none", str(FILE), heavy=heavy) == []
    previous = ("audit", "--fail-on", "none", "--previous", str(CATALOG), str(CATALOG))
    assert loaded_by_cli(*previous, heavy=heavy) == sorted(heavy)  # it would see


def test_diff_of_two_files_starts_light() -> None:
    assert loaded_by_cli("diff", str(FILE), str(FILE)) == []


def test_diff_of_changed_items_needs_no_deepdiff(tmp_path: Path) -> None:
    new = tmp_path / "empowerment.yaml"
    registry = FILE.with_name("jurisdiction.yaml")
    (tmp_path / registry.name).write_text(registry.read_text(encoding="utf-8"), encoding="utf-8")
    text = FILE.read_text(encoding="utf-8")
    new.write_text(text.replace("basis: [", "basis: [《新法》第一条, ", 1), encoding="utf-8")
    assert "《新法》" in new.read_text(encoding="utf-8")
    assert loaded_by_cli("diff", str(FILE), str(new)) == []


def test_the_plugin_loader_stand_in_yields_to_the_real_one() -> None:
    code = f"""
import sys
sys.argv = ["dutylist", "diff", {str(FILE)!r}, {str(FILE)!r}]  # diff builds the models
from dutylist.cli import main
try:
    main()
except SystemExit as exit:
    assert exit.code == 0, exit.code
stand_in = sys.modules["pydantic.plugin._loader"]
assert stand_in.__getattr__ is not None  # still the stand-in: the run needed no other name
stand_in.PYDANTIC_ENTRY_POINT_GROUP
real = sys.modules["pydantic.plugin._loader"]
assert real is not stand_in
stand_in._loading_plugins  # a second name through the stand-in keeps the real module
assert sys.modules["pydantic.plugin._loader"] is real
from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP, get_plugins
print(PYDANTIC_ENTRY_POINT_GROUP, list(get_plugins()), "importlib.metadata" in sys.modules)
"""
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.split()[-3:] == ["pydantic", "[]", "True"]
