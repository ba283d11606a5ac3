"""Ending the command-line process without tearing down what it built.

A cold lint of a thousand migrations holds a million small parsed objects; freeing them one by
one when the lint returns, and the rest at interpreter exit, takes a quarter of a second that
nobody waits for. A command hands such objects to `keep` and the console entry point, seeing
something kept, flushes the standard streams and ends the process at once (`os._exit`). Called
as a library (`schemacheck.cli.run`, the tests) nothing is kept, so nothing changes.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from typing import NoReturn

_kept: list[object] = []
_enabled = False


def enable() -> None:
    """Let `keep` hold objects: only the console entry point, which ends the process."""
    global _enabled
    _enabled = True


def keep(obj: object) -> None:
    """Hold `obj` until the process ends (when enabled), so that it is never freed."""
    if _enabled:
        _kept.append(obj)
        gc.freeze()  # and out of the cycle collector's sight: its full passes would walk them


def anything_kept() -> bool:
    return bool(_kept)


def exit_now(code: int) -> NoReturn:
    """Flush stdout and stderr and end the process with `code`, skipping interpreter teardown
    (atexit handlers included: only for commands that registered none)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # closed or a broken pipe: no more
            stream.flush()
    os._exit(code)
