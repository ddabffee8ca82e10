"""Reading only regular files: every other kind is refused before a byte is read."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from icmkit.loading.program_loader import readable_name
from icmkit.loading.regular_files import (
    FileTooBigError,
    NotRegularFileError,
    kind_of,
    read_regular,
)


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    data = os.urandom(3 * 1024 * 1024 + 17)  # more than one read
    big.write_bytes(data)
    assert read_regular(big) == data
    assert read_regular(big, len(data)) == data


def test_a_file_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    with pytest.raises(FileTooBigError) as refused:
        read_regular(path, 4)
    assert refused.value.size == 5


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"1234")
    original = os.read

    def more(fd: int, size: int) -> bytes:
        return original(fd, size) or b"appended"

    monkeypatch.setattr(os, "read", more)
    with pytest.raises(FileTooBigError):
        read_regular(path, 6)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NotRegularFileError) as refused:
        read_regular(tmp_path)
    assert refused.value.kind == "a folder"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "p")
    with pytest.raises(NotRegularFileError) as refused:
        read_regular(tmp_path / "p")
    assert refused.value.kind == "a named pipe (FIFO)"


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_refused() -> None:
    with pytest.raises(NotRegularFileError) as refused:
        read_regular(Path("/dev/null"))
    assert refused.value.kind == "a device"


def test_a_file_swapped_for_a_pipe_after_the_check_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"x")
    real = os.fstat

    class Pipe:
        st_mode = stat.S_IFIFO | 0o644
        st_size = 0

    monkeypatch.setattr(os, "fstat", lambda fd: Pipe() if fd >= 0 else real(fd))
    with pytest.raises(NotRegularFileError):
        read_regular(path)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="needs Unix sockets")
def test_every_kind_has_a_name(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    path = tmp_path / "s"
    try:
        server.bind(str(path))
    except OSError:
        pytest.skip("cannot bind a Unix socket here")
    try:
        assert kind_of(path.stat().st_mode) == "a socket"
    finally:
        server.close()
    assert kind_of(stat.S_IFBLK) == "a device"
    assert kind_of(0) == "a special file"


def test_a_name_the_file_system_gave_as_bytes_is_shown_escaped() -> None:
    assert readable_name("requirements/ok.yaml") == "requirements/ok.yaml"
    assert readable_name("requirements/bad\udcff.yaml") == "requirements/bad\\xff.yaml"
    assert readable_name("requirements/odd\ud800.yaml") == "requirements/odd\\ud800.yaml"
