"""Pruning the lint cache (`schemacheck.ddl.cache`): entries not used for `MAX_AGE` are removed,
at most once per `PRUNE_INTERVAL`, after a run that stored something (see the cache module's
doc for what is removed and what is never touched). Nothing here ever raises."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import time
from pathlib import Path

MAX_AGE = 30 * 24 * 3600  # seconds: an entry not used for this long is removed
PRUNE_INTERVAL = 24 * 3600  # seconds: the least time between two prunes
STAMP = "last-prune"  # under `<dir>/v<FORMAT>/`: its mtime is when the last prune started
KINDS = ("files", "reports")
_FORMAT_DIR = re.compile(r"v[0-9]+")


def prune_if_due(base: Path, root: Path) -> None:
    """`prune`, unless the last prune (by any run) of the format directory `root` (under the
    cache directory `base`) started less than `PRUNE_INTERVAL` ago. The stamp is renewed
    before the scan, so concurrent runs seldom scan together (and no harm when they do); a
    stamp that cannot be written means no prune, so an unwritable cache is never scanned run
    after run."""
    try:
        now = time.time()
        stamp = root / STAMP
        with contextlib.suppress(FileNotFoundError):
            # a stamp far in the future (the clock went back) counts as due
            if -60 <= now - stamp.stat().st_mtime < PRUNE_INTERVAL:
                return
        with open(stamp, "ab"):
            pass
        os.utime(stamp)
    except Exception:  # no stamp, no prune; a cache is never an error
        return
    prune(base, root, now=now)


def prune(base: Path, root: Path, *, now: float | None = None) -> int:
    """Remove what has not been used for `MAX_AGE` under the format directory `root`, and the
    other format directories of `base` unused as long; the number of files and directories
    removed. Never raises."""
    if now is None:
        now = time.time()
    cutoff = now - MAX_AGE
    removed = 0
    if _is_real_dir(root):
        for kind in KINDS:
            with contextlib.suppress(Exception):
                removed += _prune_kind(root / kind, cutoff)
    with contextlib.suppress(Exception):
        removed += _prune_formats(base, root.name, cutoff)
    return removed


def _is_real_dir(p: Path) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(p).st_mode)
    except OSError:
        return False


def _remove_file(p: str) -> None:
    os.unlink(p)


def _prune_kind(kind_dir: Path, cutoff: float) -> int:
    """Under `files/` or `reports/`: each fan-out directory's files unused since `cutoff`
    (entries, and temporary files a killed run left), then the directory if that emptied it.
    Symbolic links, at either level, are left alone."""
    if not _is_real_dir(kind_dir):
        return 0
    removed = 0
    with os.scandir(kind_dir) as fanouts:
        subdirs = [e.path for e in fanouts if e.is_dir(follow_symlinks=False)]
    for sub in subdirs:
        left = 0
        try:
            with os.scandir(sub) as entries:
                for e in entries:
                    try:
                        if e.is_file(follow_symlinks=False) and (
                            e.stat(follow_symlinks=False).st_mtime < cutoff
                        ):
                            _remove_file(e.path)
                            removed += 1
                            continue
                    except FileNotFoundError:  # removed meanwhile (a concurrent prune)
                        continue
                    except OSError:  # cannot be removed: left as it is
                        pass
                    left += 1
        except OSError:
            continue
        if left == 0:
            try:
                os.rmdir(sub)  # fails, harmlessly, when a concurrent run just wrote into it
                removed += 1
            except OSError:
                pass
    return removed


def _prune_formats(base: Path, current: str, cutoff: float) -> int:
    """The other `v<N>` directories directly under `base` whose mtime and stamp are both older
    than `cutoff`, removed whole (`shutil.rmtree` does not follow links inside the tree, and a
    `v<N>` that is itself a link is skipped)."""
    removed = 0
    with os.scandir(base) as entries:
        candidates = [
            e.path
            for e in entries
            if e.name != current
            and _FORMAT_DIR.fullmatch(e.name)
            and e.is_dir(follow_symlinks=False)
        ]
    for path in candidates:
        try:
            used = os.lstat(path).st_mtime
            with contextlib.suppress(OSError):
                used = max(used, os.lstat(os.path.join(path, STAMP)).st_mtime)
            if used >= cutoff:
                continue
            shutil.rmtree(path, ignore_errors=True)
            if not os.path.lexists(path):
                removed += 1
        except OSError:
            continue
    return removed
