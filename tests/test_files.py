"""`write_atomic`: what the user had is replaced whole or not at all, a symbolic link is
written through, and a device or pipe (`/dev/null`, `/dev/stdout`) is written in place,
never replaced by a regular file."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from schemacheck.errors import InputError
from schemacheck.files import write_atomic


def test_a_regular_file_is_replaced_with_its_mode_kept(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_text("old")
    target.chmod(0o640)
    write_atomic(target, "new")
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no temp file left


def test_a_symbolic_link_is_written_through_and_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text() == "new"
    dangling = tmp_path / "later.json"
    dangling.symlink_to(tmp_path / "made_now.json")
    write_atomic(dangling, b"made")
    assert dangling.is_symlink() and (tmp_path / "made_now.json").read_bytes() == b"made"


def test_a_named_pipe_is_written_in_place_not_replaced(tmp_path: Path) -> None:
    pipe = tmp_path / "out.fifo"
    os.mkfifo(pipe)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(pipe.read_bytes()))
    reader.start()
    write_atomic(pipe, [b"one ", b"two"])
    reader.join(timeout=10)
    assert got == [b"one two"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)


def test_a_directory_or_a_loop_of_links_is_a_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="it is a directory"):
        write_atomic(tmp_path, "x")
    a, b = tmp_path / "a", tmp_path / "b"
    a.symlink_to(b)
    b.symlink_to(a)
    with pytest.raises(InputError, match="cannot write"):
        write_atomic(a, "x")
