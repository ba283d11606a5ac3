"""A content-addressed cache of parsed SQL files and of whole lint reports.

Two kinds of entry live under the cache directory (`<dir>/v<FORMAT>/`):

- `files/<k2>/<key>.pickle` (`<k2>`: the key's first two digits): one parsed `SqlFile`, keyed
  by the sha256 of the file's bytes, its path, its role and version, and the code fingerprint
  (below). A file whose bytes did not change is not parsed again.
- `reports/<k2>/<key>.pickle`: a whole lint `Report`, keyed by every file's key (rules look
  across files: rollback pairing, tables created earlier) plus the rule selection, the severity
  overrides, the target major and the target text. A re-run where nothing changed reads one
  entry and parses nothing. Other whole-run results live there too (`result_key`: the spec
  coverage of `lint --spec`, keyed by every file's key and the spec file's bytes).

The code fingerprint holds the schemacheck and sqlglot versions, the Python version and the
size and modification time of every module of the installed `schemacheck` package, so an
upgrade, or an edited rule in a source checkout, never serves an old result.

Entries are pickles of `(MAGIC, fingerprint, key, value)`, written to a temporary file in the
same directory and moved into place with `os.replace`, so a reader sees a whole entry or none
and concurrent runs at worst write the same entry twice. An entry that cannot be read, does not
unpickle, or carries another fingerprint or key is ignored and rebuilt; a cache directory that
cannot be written is ignored too. Nothing here ever turns into an error for the user. The pickles
are this program's own files: the cache directory must not be writable by anyone the user does
not trust, as for any cache of pickles.

Entries are removed when they have not been used for a while, so the directory does not grow
forever (every edited migration, every upgrade leaves entries no run will read again). Reading
an entry (a cache hit) refreshes its modification time, so an entry's mtime is when it was last
used. After a run that stored at least one new entry, and at most once a day
(`schemacheck.ddl.prune.PRUNE_INTERVAL`, recorded by the mtime of the stamp file
`<dir>/v<FORMAT>/last-prune`), `schemacheck.ddl.prune` (its own module):

- removes the files under `files/` and `reports/` not used for `prune.MAX_AGE` (30 days), and the
  fan-out directories left empty;
- removes other format directories of this cache (`<dir>/v<N>`: a `v` and digits only, written
  by another version of schemacheck) that have not been created or pruned in `MAX_AGE`, whole.
  A version that prunes renews the stamp in its own format directory, so two installed versions
  sharing one cache directory (both in use) do not empty each other's.

Nothing else under `<dir>` is touched (the directory may hold other things), no symbolic link is
followed (a link is left alone, never what it points to), and a full cache hit does no more than
refresh the one report entry it read. A prune never raises: a file it cannot remove is left, and
a concurrent run that loses an entry to it sees a miss and parses that file again.

Parsing goes through `schemacheck.ddl.parse.parse_bytes`, looked up at call time, so a caller
(the tests do) can count the files really parsed by wrapping that function.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlglot

import schemacheck
from schemacheck.ddl import parse, pool, prune, sections
from schemacheck.ddl.statement import SqlFile
from schemacheck.findings import Report, Severity

FORMAT = 3  # 3: statement words pickled as plain tuples; 2: trees only when needed while reading
MAGIC = b"schemacheck-cache"


def code_fingerprint() -> str:
    """What a cached value depends on besides its input: versions and the package's modules."""
    h = hashlib.sha256()
    h.update(
        "\0".join(
            (
                str(FORMAT),
                schemacheck.__version__,
                str(getattr(sqlglot, "__version__", "?")),
                sys.version,
            )
        ).encode()
    )
    package = Path(schemacheck.__file__).parent
    for p in sorted(package.rglob("*.py")):
        try:
            st = p.stat()
        except OSError:
            continue
        h.update(f"\0{p.relative_to(package)}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    return h.hexdigest()


@dataclass(frozen=True)
class Source:
    """One file found under the linted paths: its path as reported, bytes and cache key."""

    path: str
    data: bytes
    key: str


class ParseCache:
    """Parsed files and lint reports under `root` (see the module doc).

    `parsed` and `loaded` count the files parsed and the files read from the cache by this
    object; `report_hit` says whether the last `load_report` found an entry."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.base = Path(root)
        self.root = self.base / f"v{FORMAT}"
        self.fingerprint = code_fingerprint()
        self.pruned = False  # by this object already: a run prunes at most once
        self.parsed = 0
        self.loaded = 0
        self.report_hit = False

    # ------------------------------------------------------------ keys

    def source(self, path: str, data: bytes) -> Source:
        role, version = parse.classify_path(path)
        h = hashlib.sha256()
        h.update(f"file\0{self.fingerprint}\0{path}\0{role}\0{version}\0".encode())
        h.update(data)
        # a Diesel migration's transaction is in the metadata.toml beside it
        h.update(sections.diesel_metadata(path))
        return Source(path, data, h.hexdigest())

    def report_key(
        self,
        sources: Sequence[Source],
        *,
        rules: Iterable[str],
        overrides: Mapping[str, Severity],
        target_major: int | None,
        target: str,
    ) -> str:
        parts = [
            target,
            ",".join(sorted(rules)),
            ",".join(f"{k}={int(v)}" for k, v in sorted(overrides.items())),
            str(target_major),
        ]
        return self.result_key("report", sources, *(p.encode() for p in parts))

    def result_key(self, label: str, sources: Sequence[Source], *inputs: bytes) -> str:
        """The key of another whole-run result (`label`, e.g. the spec coverage): every
        file's key plus the other inputs it depends on (e.g. the spec file's bytes)."""
        h = hashlib.sha256(f"{label}\0{self.fingerprint}".encode())
        for data in inputs:
            h.update(b"\0%d\0" % len(data) + data)
        for s in sources:
            h.update(f"\0{s.path}\0{s.key}".encode())
        return h.hexdigest()

    # ------------------------------------------------------------ entries

    def parse(self, s: Source) -> SqlFile:
        """The parsed file, from the cache when its entry is good, else parsed and stored."""
        cached = self._load("files", s.key)
        if isinstance(cached, SqlFile) and cached.path == s.path:
            self.loaded += 1
            return cached
        f = parse.parse_bytes(s.data, s.path)
        self.parsed += 1
        self._store("files", s.key, f)
        return f

    def parse_all(self, sources: Sequence[Source]) -> list[SqlFile]:
        """`parse` of every source, in order; the files not in the cache are parsed together
        (`schemacheck.ddl.pool`: in worker processes when there are enough), each stored."""
        out: list[SqlFile | None] = []
        missing: list[tuple[int, pool.Job]] = []
        for s in sources:
            cached = self._load("files", s.key)
            if isinstance(cached, SqlFile) and cached.path == s.path:
                self.loaded += 1
                out.append(cached)
                continue
            header = (MAGIC, self.fingerprint, s.key)
            missing.append((len(out), pool.Job(s.path, s.data, self._path("files", s.key), header)))
            out.append(None)
        parsed = pool.parse_many([job for _, job in missing])
        self.parsed += len(parsed)
        for (i, _), f in zip(missing, parsed, strict=True):
            out[i] = f
        if parsed:
            self.prune_if_due()
        return [f for f in out if f is not None]

    def load_report(self, key: str) -> Report | None:
        cached = self.load_result(key)
        self.report_hit = isinstance(cached, Report)
        return cached if isinstance(cached, Report) else None

    def store_report(self, key: str, report: Report) -> None:
        self.store_result(key, report)

    def load_result(self, key: str) -> object:
        """A stored whole-run result (None when there is none); the caller checks its type."""
        return self._load("reports", key)

    def store_result(self, key: str, value: object) -> None:
        self._store("reports", key, value)
        self.prune_if_due()

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / f"{key}.pickle"

    def _load(self, kind: str, key: str) -> object:
        path = self._path(kind, key)
        try:
            with open(path, "rb") as fh:
                entry = pickle.load(fh)
                if not (
                    isinstance(entry, tuple)
                    and len(entry) == 4
                    and entry[0] == MAGIC
                    and entry[1] == self.fingerprint
                    and entry[2] == key
                ):
                    return None
                _touch(fh.fileno(), path)
        except Exception:  # missing, unreadable, truncated or foreign: rebuilt by the caller
            return None
        return entry[3]

    def _store(self, kind: str, key: str, value: object) -> None:
        try:
            blob = pickle.dumps(
                (MAGIC, self.fingerprint, key, value), protocol=pickle.HIGHEST_PROTOCOL
            )
        except Exception:  # a cache that cannot be written only costs time
            return
        pool.write_entry(self._path(kind, key), blob)

    def prune_if_due(self) -> None:
        """`prune.prune_if_due` of this cache, at most once per run (this object)."""
        if not self.pruned:
            self.pruned = True
            prune.prune_if_due(self.base, self.root)

    def prune(self, *, now: float | None = None) -> int:
        """`prune.prune` of this cache: the number of files and directories removed."""
        return prune.prune(self.base, self.root, now=now)


def _touch(fd: int, path: Path) -> None:
    """Mark an entry as used now (its mtime); failures (a read-only cache) are ignored."""
    with contextlib.suppress(Exception):
        os.utime(fd if os.utime in os.supports_fd else path)


def read_sources(cache: ParseCache, paths: Iterable[str | os.PathLike[str]]) -> list[Source]:
    """Every file `discover` would parse, read and keyed (`InputError` as `discover`)."""
    return read_found(cache, parse.find_sql_files(paths))


def read_found(cache: ParseCache, files: Iterable[Path]) -> list[Source]:
    """The files `find_sql_files` found, read and keyed."""
    return [cache.source(str(q), parse.read_source(q)) for q in files]
