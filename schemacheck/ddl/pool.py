"""Parsing many files at once: in worker processes when there is enough to parse, else here.

`parse_many(jobs)` parses each `Job` (path and bytes, and optionally where to store the parsed
file as a cache entry) with `schemacheck.ddl.parse.parse_bytes` and returns the `SqlFile`s in
the order given. Each file is parsed on its own, so the result does not depend on where it was
parsed. A worker pickles what it parsed once and writes it to a file: the cache entry when the
job has one, else a file in a temporary directory of this run. Only the file names come back
through the pool's pipe; this process reads and unpickles the files once it has parsed its own
share (several times faster than parsing). Sending the pickles themselves (35 MB for 1,000
files) through the pipe stalled the worker: this process, busy parsing, let the pool's result
thread read the pipe only between its own switches of the interpreter lock, so the worker
waited on a full pipe for about a second.

Worker processes (one less than the CPUs: this process parses a share too) are used only when at
least `POOL_MIN_FILES` files and `POOL_MIN_BYTES` bytes are to be parsed and more than one CPU
is available to this process: starting them costs about a tenth of a second, and small runs (and
the tests that count parses by wrapping `parse.parse_bytes`) stay in this process. Workers are
forked where the platform can, so they start with every module already imported. A pool that
cannot be started or breaks falls back to parsing here.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from schemacheck.ddl import parse
from schemacheck.ddl.statement import SqlFile

POOL_MIN_FILES = 16
POOL_MIN_BYTES = 512 * 1024
_CHUNK_BYTES = 64 * 1024  # about this many bytes of SQL per task sent to a worker
# this process's share of the bytes to parse, a worker's being 1 (it also unpickles theirs)
_OWN_SHARE = 0.8


@dataclass(frozen=True)
class Job:
    """One file to parse; with `entry`, the parsed file is stored at `entry` (a path) as the
    pickle of `(*header, SqlFile)`."""

    path: str
    data: bytes
    entry: Path | None = None
    header: tuple[object, ...] = ()


def workers() -> int:
    """The CPUs this process may run on."""
    count: Callable[[], int | None] | None = getattr(os, "process_cpu_count", None)
    if count is not None:
        return count() or 1
    with contextlib.suppress(AttributeError, OSError):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def use_pool(jobs: Sequence[Job]) -> bool:
    return (
        len(jobs) >= POOL_MIN_FILES
        and sum(len(j.data) for j in jobs) >= POOL_MIN_BYTES
        and workers() > 1
    )


def parse_many(jobs: Sequence[Job]) -> list[SqlFile]:
    """Every job's parsed file, in order; stored as its cache entry when the job says where."""
    if use_pool(jobs):
        with contextlib.suppress(BrokenProcessPool, OSError, pickle.PicklingError):
            return _pooled(jobs)
    return [_parse_here(j) for j in jobs]


def _parse_here(job: Job) -> SqlFile:
    f = parse.parse_bytes(job.data, job.path)
    if job.entry is not None:
        write_entry(job.entry, pickle.dumps((*job.header, f), protocol=pickle.HIGHEST_PROTOCOL))
    return f


def _pooled(jobs: Sequence[Job]) -> list[SqlFile]:
    """This process parses the first part of the jobs itself while `workers() - 1` worker
    processes parse the rest: it would otherwise only wait for them and unpickle what they
    send, and the part it parses needs no unpickling. Its share is a little smaller than a
    worker's, as it also unpickles theirs."""
    n = workers()
    total = sum(len(j.data) for j in jobs)
    own_bytes = total * _OWN_SHARE / (n - 1 + _OWN_SHARE)
    k = 0
    size = 0
    while k < len(jobs) and size < own_bytes:
        size += len(jobs[k].data)
        k += 1
    chunks: list[list[Job]] = []
    size = 0
    for job in jobs[k:]:
        if not chunks or size >= _CHUNK_BYTES:
            chunks.append([])
            size = 0
        chunks[-1].append(job)
        size += len(job.data)
    if not chunks:
        return [_parse_here(job) for job in jobs]
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    with (
        tempfile.TemporaryDirectory(prefix="schemacheck-parse-") as scratch,
        ProcessPoolExecutor(max_workers=min(n - 1, len(chunks)), mp_context=context) as pool,
    ):
        tasks = [
            [(job, Path(scratch) / f"{c}-{i}.pickle") for i, job in enumerate(chunk)]
            for c, chunk in enumerate(chunks)
        ]
        results = pool.map(_parse_chunk, tasks)
        out = [_parse_here(job) for job in jobs[:k]]
        for task, written in zip(tasks, results, strict=True):
            for (job, _), target in zip(task, written, strict=True):
                value = _read_back(target) if target is not None else None
                if job.entry is not None and isinstance(value, tuple):
                    value = value[-1]
                out.append(value if isinstance(value, SqlFile) else _parse_here(job))
    return out


def _read_back(target: Path) -> object:
    """What a worker wrote at `target`; None when it cannot be read back whole."""
    try:
        return pickle.loads(target.read_bytes())
    except Exception:
        return None


def _parse_chunk(tasks: Sequence[tuple[Job, Path]]) -> list[Path | None]:
    """In a worker: each job's parsed file pickled (as its cache entry when it has one) and
    written to its cache entry, or to the scratch file given when it has none or the cache
    cannot be written; where each was written (None: nowhere, the caller parses it again)."""
    written: list[Path | None] = []
    for job, scratch in tasks:
        f = parse.parse_bytes(job.data, job.path)
        value: object = (*job.header, f) if job.entry is not None else f
        blob = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if job.entry is not None and write_entry(job.entry, blob):
            written.append(job.entry)
        else:
            written.append(scratch if write_entry(scratch, blob) else None)
    return written


def write_entry(target: Path, blob: bytes) -> bool:
    """Write a cache entry whole (temporary file, then `os.replace`); whether it was written.
    Failures are otherwise ignored: a cache that cannot be written only costs time."""
    tmp: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, target)
        tmp = None
        return True
    except Exception:
        return False
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
