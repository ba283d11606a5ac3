"""Writing files without ever losing what the user had: write a sibling temp file, fsync,
then rename over the target in one step. A symbolic link is written through (the file it
points to is replaced, the link kept); a target that is not a regular file (`/dev/null`,
`/dev/stdout`, a named pipe) is written in place, never replaced."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from schemacheck.errors import InputError


def write_atomic(path: str | Path, text: str | bytes | Iterable[bytes]) -> None:
    """Replace `path` with `text` atomically (a str is written as UTF-8; an iterable of bytes
    piece by piece, as it is produced); on any failure the old file is untouched."""
    target = Path(path)
    if target.is_symlink():
        try:
            target = target.resolve()  # the link stays; the file it points to is written
        except (OSError, RuntimeError) as exc:  # a loop of links
            raise InputError(f"{path}: cannot write: {exc}") from None
    pieces = _pieces(text)
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = None  # no such file yet
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(f"{path}: cannot write: it is a directory")
    if mode is not None and not stat.S_ISREG(mode):
        _write_in_place(target, pieces, path)
        return
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, mode & 0o777)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write: {exc.strerror or exc}") from None
    except BaseException:  # the pieces failed to come: no half-written file left behind
        Path(tmp).unlink(missing_ok=True)
        raise


def _pieces(text: str | bytes | Iterable[bytes]) -> Iterable[bytes]:
    if isinstance(text, str):
        return (text.encode("utf-8"),)
    if isinstance(text, bytes):
        return (text,)
    return text


def _write_in_place(target: Path, pieces: Iterable[bytes], shown: str | Path) -> None:
    """A device or a pipe: written to as it is (there is no file to replace)."""
    try:
        with target.open("wb") as handle:
            for piece in pieces:
                handle.write(piece)
    except OSError as exc:
        raise InputError(f"{shown}: cannot write: {exc.strerror or exc}") from None
