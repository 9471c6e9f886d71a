"""No command writes over one of its inputs (spec section 10): a catalog, a file of an
input jurisdiction folder, an assessment file, the registry; by name, through a
symlink or through a hard link. Each refusal is exit 2 with the input untouched."""

from __future__ import annotations

import io
import os
import pty
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from openpyxl import load_workbook

RunCli = Callable[..., Any]
EXAMPLE_CSV = Path(__file__).resolve().parents[2] / "examples" / "import" / "赋权事项清单.csv"


@pytest.fixture
def county(shipped: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(shipped)
    return shipped / "catalogs" / "jinghong"


def refused(result: Any, *untouched: tuple[Path, bytes]) -> None:
    assert result.exit_code == 2, result.stdout + result.stderr
    assert "is an input of this command" in result.stderr
    for path, before in untouched:
        assert path.read_bytes() == before


def test_audit_output_onto_a_catalog_of_the_folder(run_cli: RunCli, county: Path) -> None:
    catalog = county / "empowerment.yaml"
    before = catalog.read_bytes()
    refused(run_cli("audit", str(county), "-o", str(catalog)), (catalog, before))


def test_audit_output_onto_a_new_yaml_file_of_the_folder(run_cli: RunCli, county: Path) -> None:
    # it would be read as a catalog the next time
    result = run_cli("audit", str(county), "-o", str(county / "report.yaml"))
    refused(result)
    assert not (county / "report.yaml").exists()


def test_audit_output_onto_a_hard_link_of_a_catalog(
    run_cli: RunCli, county: Path, tmp_path: Path
) -> None:
    catalog = county / "territorial.yaml"
    before = catalog.read_bytes()
    link = tmp_path / "review.md"
    os.link(catalog, link)
    refused(run_cli("audit", str(county), "-o", str(link)), (catalog, before))


def test_audit_output_onto_the_assessment(run_cli: RunCli, county: Path, tmp_path: Path) -> None:
    table = county / "assessments" / "2024-H2.csv"
    before = table.read_bytes()
    link = tmp_path / "out.md"
    link.symlink_to(table)
    refused(run_cli("audit", str(county), "-o", str(link)), (table, before))


def test_audit_by_unit_file_onto_a_catalog(run_cli: RunCli, county: Path, tmp_path: Path) -> None:
    assert run_cli("audit", str(county), "--by", "unit", "-o", str(tmp_path / "probe")).exit_code
    name = sorted(p.name for p in (tmp_path / "probe").iterdir())[0]
    lists = tmp_path / "lists"
    lists.mkdir()
    catalog = county / "grid.yaml"
    before = catalog.read_bytes()
    (lists / name).symlink_to(catalog)
    result = run_cli("audit", str(county), "--by", "unit", "-o", str(lists))
    refused(result, (catalog, before))
    assert [p.name for p in lists.iterdir()] == [name]  # no list written before refusing


def test_diff_output_onto_a_hard_link_of_an_input(
    run_cli: RunCli, shipped: Path, tmp_path: Path
) -> None:
    old = shipped / "examples" / "jinghong-2023" / "empowerment.yaml"
    new = shipped / "examples" / "jinghong-2024" / "empowerment.yaml"
    before = old.read_bytes()
    link = tmp_path / "changes.md"
    os.link(old, link)
    refused(run_cli("diff", str(old), str(new), "-o", str(link)), (old, before))


def test_export_output_through_a_symlink_to_the_catalog(
    run_cli: RunCli, county: Path, tmp_path: Path
) -> None:
    catalog = county / "empowerment.yaml"
    before = catalog.read_bytes()
    link = tmp_path / "清单.xlsx"
    link.symlink_to(catalog)
    refused(run_cli("export", str(catalog), "-o", str(link), "--force"), (catalog, before))


def test_import_output_onto_the_registry(run_cli: RunCli, county: Path) -> None:
    registry = county / "jurisdiction.yaml"
    before = registry.read_bytes()
    args = ["import", str(EXAMPLE_CSV), "--kind", "empowerment", "-o", str(registry)]
    refused(run_cli(*args, "--jurisdiction", str(county), "--force"), (registry, before))


@pytest.mark.parametrize(
    ("command", "target"),
    [
        (["laws", "catalogs/jinghong", "--format", "json"], "catalogs/laws.yaml"),
        (["audit", "catalogs/jinghong"], "catalogs/laws.yaml"),
        (["history", "--path", "catalogs/jinghong"], "catalogs/laws.yaml"),
        (["conform", "catalogs/jinghong"], "catalogs/xishuangbanna/village-affairs-guide.yaml"),
        (["diff", "catalogs/jinghong", "catalogs/jinghong"], "catalogs/laws.yaml"),
    ],
)
def test_output_onto_a_file_read_beside_the_folder(
    run_cli: RunCli, county: Path, command: list[str], target: str
) -> None:
    """The shared laws.yaml of the catalogs root and a guide of another jurisdiction are
    read with the folder, though they are not below it."""
    path = county.parents[1] / target
    before = path.read_bytes()
    refused(run_cli(*command, "-o", target), (path, before))


VILLAGE_CSV = (
    "事项名称,事项类型,实施部门,办理方式\n组织召开村民会议、村民代表会议,其他,景洪市民政局,可办理\n"
)
REPORT = ["report", "--month", "2024-08", "-o", "out.xlsx"]
OUTPUT_OPTIONS = ("-o", "--markdown", "--html")
"""The options by which a command names a file it writes."""
UNGUARDED = {("schema", "-o"): "reads no input", ("site", "-o"): "a folder: site.write checks it"}
# (command, option, arguments with {target} for the input the output is pointed at, target)
ONTO_AN_INPUT = [
    ("report", "--html", [*REPORT, "--html", "{target}"], "catalogs/jinghong/territorial.yaml"),
    ("report", "--html", [*REPORT, "--html", "{target}"], "catalogs/jinghong/jurisdiction.yaml"),
    ("report", "--html", [*REPORT, "catalogs/jinghong", "--html", "{target}"], "catalogs/laws.yaml"),
    ("report", "--markdown", [*REPORT, "--markdown", "{target}"], "catalogs/jinghong/grid.yaml"),
    ("report", "-o", ["report", "--month", "2024-08", "-o", "{target}"], "catalogs/x.xlsx"),
    ("diff", "-o", ["diff", "catalogs/jinghong", "catalogs/jinghong", "-o", "{target}"],
     "catalogs/jinghong/empowerment.yaml"),
    ("audit", "-o", ["audit", "catalogs/jinghong", "--config", "{target}", "-o", "{target}"],
     "dutylist.yaml"),
    ("conform", "-o", ["conform", "catalogs/jinghong", "--config", "{target}", "-o", "{target}"],
     "dutylist.yaml"),
    ("laws", "-o", ["laws", "catalogs/jinghong", "-o", "{target}"], "catalogs/laws.yaml"),
    ("history", "-o", ["history", "--path", "catalogs/jinghong", "-o", "{target}"],
     "catalogs/jinghong/grid.yaml"),
    ("import", "-o", ["import", "va.csv", "--kind", "village-affairs", "--jurisdiction",
     "catalogs/jinghong", "--guide", "{target}", "-o", "{target}", "--force"], "guide.yaml"),
    ("export", "-o", ["export", "catalogs/jinghong/grid.yaml", "-o", "{target}", "--force"],
     "h2.xlsx"),
    # a single catalog file reads its siblings and tables too: none of them is an output
    ("audit", "-o", ["audit", "catalogs/jinghong/empowerment.yaml", "-f", "markdown", "-o",
     "{target}"], "catalogs/jinghong/territorial.yaml"),
    ("diff", "-o", ["diff", "catalogs/jinghong/empowerment.yaml",
     "catalogs/jinghong/empowerment.yaml", "-f", "markdown", "-o", "{target}"],
     "catalogs/jinghong/duties/menghan.yaml"),
    ("laws", "-o", ["laws", "catalogs/jinghong/empowerment.yaml", "-o", "{target}"],
     "catalogs/jinghong/territorial.yaml"),
]  # fmt: skip

# new files where a later run would read them as inputs
AMONG_THE_INPUTS = [
    ["export", "catalogs/jinghong/empowerment.yaml", "-o", "catalogs/jinghong/assessments/e.xlsx"],
    ["audit", "catalogs/jinghong", "-o", "catalogs/jinghong/assessments/2025-H1.xlsx"],
    ["diff", "catalogs/jinghong", "catalogs/jinghong", "-o", "catalogs/jinghong/assessments/d.xlsx"],
    ["audit", "catalogs/jinghong/empowerment.yaml", "-f", "json", "-o", "catalogs/jinghong/n.yaml"],
    ["audit", "catalogs/jinghong/duties/menghan.yaml", "--by", "unit", "-o", "catalogs/jinghong"],
]  # fmt: skip


@pytest.mark.parametrize("args", AMONG_THE_INPUTS, ids=lambda args: " ".join(args[:2]))
def test_no_output_goes_where_a_later_run_reads_inputs(
    run_cli: RunCli, county_repo: Path, args: list[str]
) -> None:
    folder = county_repo / "catalogs" / "jinghong"
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    result = run_cli(*args)
    assert result.exit_code == 2, result.stdout + result.stderr
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before


@pytest.fixture
def county_repo(county: Path, git_commit: Any) -> Path:
    """The shipped catalogs in a git repository (the current folder), committed in August
    2024, with the files the cases above point their outputs at."""
    root = county.parents[1]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    (root / "va.csv").write_text(VILLAGE_CSV, encoding="utf-8")
    (root / "dutylist.yaml").write_text("{}\n", encoding="utf-8")
    guide = root / "catalogs" / "xishuangbanna" / "village-affairs-guide.yaml"
    shutil.copy(guide, root / "guide.yaml")  # a guide no registry names: only --guide reads it
    (root / "catalogs" / "x.xlsx").symlink_to("jinghong/empowerment.yaml")
    (root / "h2.xlsx").symlink_to("catalogs/jinghong/assessments/2024-H2.csv")
    git_commit(root, "2024-08-10T10:00:00+08:00", "2024-08")
    return root


@pytest.mark.parametrize("case", ONTO_AN_INPUT, ids=lambda case: f"{case[0]} {case[1]}")
def test_every_output_option_onto_an_input_is_refused(
    run_cli: RunCli, county_repo: Path, case: tuple[str, str, list[str], str]
) -> None:
    _command, option, args, target = case
    path = county_repo / target
    real = path.resolve()
    before = real.read_bytes()
    result = run_cli(*(arg.replace("{target}", target) for arg in args))
    refused(result, (real, before))
    assert f"{option} {target} is an input" in result.stderr
    assert path.is_symlink() == (real != path)  # a link to an input stays a link


def test_every_output_option_has_a_case_above() -> None:
    from dutylist.commands.app import app

    group = typer.main.get_command(app)
    options = {
        (name, option)
        for name, command in group.commands.items()  # type: ignore[attr-defined]
        for param in command.params
        for option in param.opts
        if option in OUTPUT_OPTIONS
    }
    covered = {(command, option) for command, option, _args, _target in ONTO_AN_INPUT}
    assert options - set(UNGUARDED) == covered


BINARY = {
    "diff": ["diff", "examples/jinghong-2023", "examples/jinghong-2024", "--format", "xlsx"],
    "audit": ["audit", "catalogs/jinghong", "--format", "xlsx", "--fail-on", "none"],
    "laws": ["laws", "catalogs", "--format", "xlsx"],
    "conform": ["conform", "catalogs", "--format", "xlsx"],
    "export": ["export", "catalogs/jinghong/empowerment.yaml"],
    "report": ["report", "--month", "2024-08"],
}
"""The commands that write a workbook, less the -o: a device is written to as it is."""


@pytest.mark.parametrize("command", sorted(BINARY))
def test_a_workbook_into_a_device(run_cli: RunCli, county_repo: Path, command: str) -> None:
    result = run_cli(*BINARY[command], "-o", os.devnull)
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in Path(os.devnull).parent.glob(".null.*")] == []


def dutylist_proc(args: list[str], cwd: Path, **streams: Any) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "DUTYLIST_LANG": "en"}
    command = [sys.executable, "-m", "dutylist", *args]
    return subprocess.run(command, cwd=cwd, env=env, check=False, stderr=subprocess.PIPE, **streams)


@pytest.mark.parametrize("command", sorted(BINARY))
def test_a_workbook_onto_standard_output(county_repo: Path, command: str) -> None:
    done = dutylist_proc(
        [*BINARY[command], "-o", "/dev/stdout"], county_repo, stdout=subprocess.PIPE
    )
    assert done.returncode == 0, done.stderr
    assert zipfile.ZipFile(io.BytesIO(done.stdout)).testzip() is None  # the workbook alone
    assert load_workbook(io.BytesIO(done.stdout)).sheetnames


def test_a_workbook_is_not_shown_on_a_terminal(county_repo: Path) -> None:
    terminal, other_end = pty.openpty()
    try:
        done = dutylist_proc([*BINARY["diff"], "-o", "/dev/stdout"], county_repo, stdout=other_end)
    finally:
        os.close(other_end)
        os.close(terminal)
    assert done.returncode == 2
    assert done.stderr.decode() == (
        "dutylist: error: /dev/stdout is a terminal: a workbook or a database is not shown "
        "there; redirect it to a file\n"
    )
