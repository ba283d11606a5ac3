"""`introspect()`: the live catalog of a database, read in one snapshot with a fixed number
of queries whatever the catalog's size.

Two connections read it: the first opens the read-only snapshot and exports it, the second
imports it (`SET TRANSACTION SNAPSHOT`) in its own read-only REPEATABLE READ transaction with
the same timeouts, so both see one consistent catalog. The kind queries are split between
them (`SECOND_CONNECTION`) and run at the same time; the second connection costs two
statements (the snapshot import and its settings), so an introspection runs
`len(KINDS) + 3` statements plus those reading the schema-migrations table.
"""

from __future__ import annotations

import functools
import operator
import queue
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from schemacheck.dsn import describe
from schemacheck.gcpause import gc_paused
from schemacheck.introspect.connect import Session, Timeouts, TransactionInfo, joined, snapshot
from schemacheck.introspect.filters import SchemaFilter
from schemacheck.introspect.sqlfiles import KINDS, kind_query
from schemacheck.introspect.versions import VersionTable, read_versions

if TYPE_CHECKING:
    from schemacheck.model import Catalog, CatalogEntry, CatalogObject


@dataclass(frozen=True)
class Introspection:
    """What one introspection read: the catalog, the server's version (server_version_num),
    how many statements it ran, the schema versions recorded in the migrations table and
    what it found of that table, the snapshot transaction's settings, and the time taken."""

    catalog: Catalog
    server_version: int
    queries: int
    schema_versions: tuple[int, ...]
    version_table: VersionTable
    transaction: TransactionInfo
    seconds: float

    @property
    def version_table_found(self) -> bool:
        return self.version_table is VersionTable.FOUND


_Fetched = tuple[str, tuple[str, ...], list[Any]] | BaseException
_ORDER = operator.itemgetter(0)

SECOND_CONNECTION = (
    "tables",
    "indexes",
    "foreign_keys",
    "triggers",
    "functions",
    "sequences",
    "views",
    "enums",
)
"""The kinds read on the second connection; the rest on the first. Split so that the
biggest kinds (columns and constraints here, indexes and foreign keys there) run at the same
time and each connection has about half of the server's work on a large catalog."""


IN_FLIGHT = 3
"""How many kinds' rows may exist at once: one being built, two fetched or being fetched."""


class _KindReader:
    """The rows of each kind query, as they arrive. Two worker threads run the queries, one
    on the snapshot's connection and one on a second connection that `join` opens on the
    same snapshot, so the server works on two at a time and the caller builds one kind's
    objects while the server runs the next queries (psycopg releases the GIL while it waits).
    The queries start on entering the context; a failure on either connection is raised by
    the iteration, in the caller; leaving the context stops and joins both workers."""

    def __init__(
        self,
        first: Session,
        join: Callable[[], AbstractContextManager[Session]],
        params: Mapping[str, Any],
    ) -> None:
        self._first = first
        self._join = join
        self._params = params
        self._fetched: queue.SimpleQueue[_Fetched] = queue.SimpleQueue()
        self._stop = threading.Event()
        # At most IN_FLIGHT kinds' rows exist at once (fetching, waiting, or being built),
        # so two connections do not hold twice the rows.
        self._slots = threading.Semaphore(IN_FLIGHT)
        self._second_queries = 0
        self._workers = [
            threading.Thread(target=target, name=f"schemacheck-introspect-{i}", daemon=True)
            for i, target in enumerate((self._on_first, self._on_second))
        ]

    def __enter__(self) -> _KindReader:
        for worker in self._workers:
            worker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._slots.release(len(self._workers))  # no worker stays blocked on a slot
        for worker in self._workers:
            worker.join()
        self._first.queries += self._second_queries

    def __iter__(self) -> Iterator[tuple[str, tuple[str, ...], list[Any]]]:
        """(kind, column names, rows) of each kind, in the order they arrive."""
        for _ in KINDS:
            item = self._fetched.get()
            if isinstance(item, BaseException):
                raise item
            yield item
            self._slots.release()  # the caller has built that kind's objects

    def _run(self, session: Session, kinds: Sequence[str]) -> None:
        for kind in kinds:
            self._slots.acquire()
            if self._stop.is_set():
                return
            query = kind_query(kind, session.server_version)
            names, rows = session.fetch_rows(query, self._params, label=kind)
            self._fetched.put((kind, names, rows))

    def _on_first(self) -> None:
        try:
            self._run(self._first, [kind for kind in KINDS if kind not in SECOND_CONNECTION])
        except BaseException as exc:  # handed to the caller
            self._fetched.put(exc)

    def _on_second(self) -> None:
        try:
            with self._join() as second:
                self._run(second, [kind for kind in KINDS if kind in SECOND_CONNECTION])
                self._second_queries = second.queries
        except BaseException as exc:  # handed to the caller
            self._fetched.put(exc)


def introspect(
    dsn: str,
    *,
    schemas: Sequence[str] | None = None,
    exclude_schemas: Sequence[str] = (),
    include_extension_objects: bool = False,
    statement_timeout_ms: int = Timeouts.statement_ms,
    lock_timeout_ms: int = Timeouts.lock_ms,
    connect_timeout_s: int = Timeouts.connect_s,
    version_table: str | None = "public.schema_migrations",
    version_column: str = "version",
) -> Introspection:
    """Read the live catalog of `dsn` ("" lets libpq use the PG* variables).

    `schemas` limits it to those schemas (exact names; None: every non-system schema),
    `exclude_schemas` removes glob patterns; both apply inside the SQL. Objects owned by
    extensions are left out unless `include_extension_objects`. `version_table=None` skips
    the schema-migrations table. Raises DatabaseError (unreachable, refused, timed out) and
    UsageError (malformed DSN or version table name)."""
    started = time.perf_counter()
    timeouts = Timeouts(statement_timeout_ms, lock_timeout_ms, connect_timeout_s)
    params = SchemaFilter.of(schemas, exclude_schemas, include_extension_objects).params()
    # Each kind's objects are built and sorted in catalog order while the server runs the
    # next queries; at the end the sorted runs are merged.
    runs: list[list[CatalogEntry]] = []
    with gc_paused(), snapshot(dsn, timeouts, export=True) as (session, info):
        join = functools.partial(joined, dsn, timeouts, session.snapshot_id)
        with _KindReader(session, join, params) as kinds:
            # The model, its normalizer and sqlglot are imported while the server runs the
            # first queries, not before them.
            from schemacheck.introspect.build import BUILDERS, FIELDS

            _build_all(kinds, BUILDERS, FIELDS, runs)
        versions, table_state = read_versions(session, version_table, version_column)
        queries = session.queries
        server_version = session.server_version
    from schemacheck.model import Catalog, OrderedObjects, in_catalog_order

    with gc_paused():
        entries = in_catalog_order(runs)
        del runs
        catalog = Catalog(OrderedObjects(entries), source=describe(dsn))
    return Introspection(
        catalog=catalog,
        server_version=server_version,
        queries=queries,
        schema_versions=versions,
        version_table=table_state,
        transaction=info,
        seconds=time.perf_counter() - started,
    )


def _build_all(
    kinds: _KindReader,
    builders: Mapping[str, Callable[[Any], CatalogObject]],
    fields: Mapping[str, tuple[str, ...]],
    runs: list[list[CatalogEntry]],
) -> None:
    """Build each kind's objects as its rows arrive, each with its catalog sort key, and
    append them to `runs` sorted."""
    from schemacheck.model import catalog_order

    for kind, names, rows in kinds:
        if names != fields[kind]:  # the query and its builder disagree
            raise RuntimeError(f"{kind} query returns {names}, not {fields[kind]}")
        # Each row is dropped as its object is built, so a kind's rows and its objects are
        # not both held in full.
        build = builders[kind]
        run: list[CatalogEntry] = []
        while rows:
            obj = build(rows.pop())
            ref = obj.ref
            run.append((catalog_order(ref), ref, obj))
        del rows
        run.sort(key=_ORDER)
        runs.append(run)
