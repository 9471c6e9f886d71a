"""read_regular: the bytes of a regular file, and NotAFile for what stands in its place,
without ever waiting on a FIFO."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dutylist.errors import os_reason
from dutylist.io.regular import NotAFile, read_regular


def test_a_regular_file_and_a_link_to_one_are_read(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"x: 1\n")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    assert read_regular(tmp_path / "a.yaml") == b"x: 1\n"
    assert read_regular(tmp_path / "b.yaml") == b"x: 1\n"


@pytest.mark.timeout(10)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_is_not_opened_for_a_read_that_would_wait(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p.yaml")
    with pytest.raises(NotAFile) as caught:
        read_regular(tmp_path / "p.yaml")
    assert caught.value.what == "special"
    assert "not a regular file" in os_reason(caught.value)


@pytest.mark.parametrize(
    ("make", "what"),
    [
        (lambda p: p.mkdir(), "folder"),
        (lambda p: p.symlink_to("nowhere.yaml"), "link"),
    ],
)
def test_a_folder_and_a_link_to_nothing(tmp_path: Path, make: object, what: str) -> None:
    path = tmp_path / "x.yaml"
    make(path)  # type: ignore[operator]
    with pytest.raises(NotAFile) as caught:
        read_regular(path)
    assert caught.value.what == what


def test_a_link_loop_is_an_os_error(tmp_path: Path) -> None:
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    with pytest.raises(OSError) as caught:
        read_regular(tmp_path / "loop.yaml")
    assert not isinstance(caught.value, NotAFile)
