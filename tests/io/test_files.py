"""Writing files (spec section 10) end to end: modes, symlinks, devices and FIFOs,
missing folders, interrupted writes and failed writes. Devices and mounts need root:
those tests are skipped elsewhere (the test sessions and CI run as root)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

RunCli = Callable[..., Any]
ROOT = Path(__file__).resolve().parents[2]
ROOT_ONLY = pytest.mark.skipif(os.geteuid() != 0, reason="needs root (devices, mounts)")


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def one_message(stderr: str) -> None:
    assert "Traceback" not in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_a_new_file_gets_0666_less_the_umask(
    run_cli: RunCli, tmp_path: Path, mask: int, mode: int
) -> None:
    out = tmp_path / "schema.json"
    with umask(mask):
        assert run_cli("schema", "empowerment", "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == mode


def test_a_replaced_file_keeps_its_mode(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    out.write_text("old")
    out.chmod(0o640)
    with umask(0o077):
        assert run_cli("schema", "empowerment", "-o", str(out)).exit_code == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert json.loads(out.read_text())


def test_a_symlink_is_written_through_and_kept(run_cli: RunCli, tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real.name)
    assert run_cli("schema", "empowerment", "-o", str(link)).exit_code == 0
    assert link.is_symlink() and link.readlink() == Path(real.name)
    assert json.loads(real.read_text())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_symlink_loop_is_one_message(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a.json").symlink_to("b.json")
    (tmp_path / "b.json").symlink_to("a.json")
    result = run_cli("schema", "empowerment", "-o", str(tmp_path / "a.json"))
    assert result.exit_code == 2
    assert all(p.is_symlink() for p in tmp_path.iterdir())
    assert len(list(tmp_path.iterdir())) == 2


def test_missing_folders_are_made(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "out" / "deeper" / "schema.json"
    assert run_cli("schema", "empowerment", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())


def test_a_fifo_is_written_into_not_replaced(run_cli: RunCli, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run_cli("schema", "empowerment", "-o", str(fifo))
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert json.loads(got[0])


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """A private copy of /dev/null (1, 3) or /dev/full (1, 7): the real ones are not risked."""
    node = tmp_path / name
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, minor))
        with node.open("wb"):
            pass
    except OSError as exc:
        pytest.skip(f"cannot make a device node here: {exc}")
    return node


@ROOT_ONLY
def test_a_device_is_written_into_not_replaced(run_cli: RunCli, tmp_path: Path) -> None:
    null = _device(tmp_path, "null", 3)
    assert run_cli("schema", "empowerment", "-o", str(null)).exit_code == 0
    assert stat.S_ISCHR(os.lstat(null).st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["null"]


@pytest.mark.parametrize("into", ["pipe", "file"])
def test_dev_stdout_is_written_as_it_is(tmp_path: Path, into: str) -> None:
    """`-o /dev/stdout` writes to what the shell opened, never replacing it."""
    args = [sys.executable, "-m", "dutylist", "schema", "empowerment", "-o", "/dev/stdout"]
    if into == "pipe":
        done = subprocess.run(args, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)
        return
    out = tmp_path / "out.json"
    with out.open("w") as handle:
        before = os.fstat(handle.fileno()).st_ino
        done = subprocess.run(args, stdout=handle, stderr=subprocess.PIPE, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert out.stat().st_ino == before
    assert json.loads(out.read_text())
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_dev_null_stays_a_device(run_cli: RunCli) -> None:
    assert run_cli("schema", "empowerment", "-o", "/dev/null").exit_code == 0
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


@ROOT_ONLY
def test_a_full_device_is_one_message(run_cli: RunCli, tmp_path: Path) -> None:
    full = _device(tmp_path, "full", 7)
    result = run_cli("schema", "empowerment", "-o", str(full))
    assert result.exit_code == 2
    assert "no space left" in result.stderr.lower()
    one_message(result.stderr)
    assert stat.S_ISCHR(os.lstat(full).st_mode)


@contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        check=False,
        capture_output=True,
    )
    if done.returncode:
        pytest.skip(f"mount not permitted here: {done.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount_ro(folder: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)


@ROOT_ONLY
def test_a_full_disk_keeps_the_old_file(run_cli: RunCli, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "size=4k") as small:
        out = small / "schema.json"
        out.write_text("old")
        result = run_cli("schema", "-o", str(out))  # every schema: far more than 4k
        assert result.exit_code == 2
        assert "no space left" in result.stderr.lower()
        one_message(result.stderr)
        assert out.read_text() == "old"
        assert [p.name for p in small.iterdir()] == ["schema.json"]


@ROOT_ONLY
def test_a_read_only_file_system_is_one_message(run_cli: RunCli, tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "size=1m") as folder:
        out = folder / "schema.json"
        out.write_text("old")
        remount_ro(folder)
        result = run_cli("schema", "empowerment", "-o", str(out))
        assert result.exit_code == 2
        assert "read-only" in result.stderr.lower()
        one_message(result.stderr)
        assert out.read_text() == "old"


SLOW_WRITE = """
import os, sys, time
real = os.fsync
def slow(fd):
    print("writing", flush=True)
    time.sleep(30)
os.fsync = slow
from dutylist.cli import main
sys.argv = ["dutylist", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_an_interrupted_write_leaves_no_temporary_file(tmp_path: Path, signum: int) -> None:
    out = tmp_path / "schema.json"
    out.write_text("old")
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITE, "schema", "empowerment", "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DUTYLIST_LANG": "en"},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline() == "writing\n"
    assert any(p.name.endswith(".tmp") for p in tmp_path.iterdir())  # the write is under way
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=20)
    assert "Traceback" not in stderr
    assert proc.returncode in (-signum, 128 + signum, 130)
    assert [p.name for p in tmp_path.iterdir()] == ["schema.json"]
    assert out.read_text() == "old"


def test_a_long_output_name_still_gets_a_temporary_file(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / ("长" * 80 + ".json")  # 240 bytes + .json: at the limit, no room to spare
    assert run_cli("schema", "empowerment", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text())
