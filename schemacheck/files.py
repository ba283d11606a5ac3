"""Writing files without ever losing what the user had: write a sibling temp file, fsync,
then rename over the target in one step."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from schemacheck.errors import InputError


def write_atomic(path: str | Path, text: str | bytes | Iterable[bytes]) -> None:
    """Replace `path` with `text` atomically (a str is written as UTF-8; an iterable of bytes
    piece by piece, as it is produced); on any failure the old file is untouched."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    try:
        if isinstance(text, str):
            pieces: Iterable[bytes] = (text.encode("utf-8"),)
        elif isinstance(text, bytes):
            pieces = (text,)
        else:
            pieces = text
        with os.fdopen(fd, "wb") as handle:
            for piece in pieces:
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{target}: cannot write: {exc.strerror or exc}") from None
    except BaseException:  # the pieces failed to come: no half-written file left behind
        Path(tmp).unlink(missing_ok=True)
        raise
