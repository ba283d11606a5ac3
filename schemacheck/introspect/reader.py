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
import gc
import queue
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any

from schemacheck.dsn import describe
from schemacheck.introspect.build import BUILDERS, FIELDS
from schemacheck.introspect.connect import Session, Timeouts, TransactionInfo, joined, snapshot
from schemacheck.introspect.filters import SchemaFilter
from schemacheck.introspect.sqlfiles import KINDS, kind_query
from schemacheck.introspect.versions import VersionTable, read_versions
from schemacheck.model import Catalog, CatalogObject, ObjectRef


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


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of long-lived,
    acyclic objects (rows, model objects, the spec document) are built: every collection
    would walk all of them again (on 20,000 tables 2.5 of 5 seconds of Python went to it).
    Reference counting still frees everything; the collector resumes as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


_Fetched = tuple[str, list[Any]] | BaseException

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


def _kind_rows(
    first: Session,
    join: Callable[[], AbstractContextManager[Session]],
    params: Mapping[str, Any],
) -> Iterator[tuple[str, list[Any]]]:
    """The rows of each kind query, as they arrive. Two worker threads run the queries, one
    on the snapshot's connection and one on a second connection that `join` opens on the
    same snapshot, so the server works on two at a time and the caller builds one kind's
    objects while the server runs the next queries (psycopg releases the GIL while it waits).
    A failure on either connection is raised here, in the caller."""
    fetched: queue.SimpleQueue[_Fetched] = queue.SimpleQueue()
    stop = threading.Event()
    # At most IN_FLIGHT kinds' rows exist at once (fetching, waiting, or being built), so
    # two connections do not hold twice the rows.
    slots = threading.Semaphore(IN_FLIGHT)
    second_queries = [0]

    def run(session: Session, kinds: Sequence[str]) -> None:
        for kind in kinds:
            slots.acquire()
            if stop.is_set():
                return
            query = kind_query(kind, session.server_version)
            names, rows = session.fetch_rows(query, params, label=kind)
            if names != FIELDS[kind]:  # the query and its builder disagree
                raise RuntimeError(f"{kind} query returns {names}, not {FIELDS[kind]}")
            fetched.put((kind, rows))

    def on_first() -> None:
        try:
            run(first, [kind for kind in KINDS if kind not in SECOND_CONNECTION])
        except BaseException as exc:  # handed to the caller
            fetched.put(exc)

    def on_second() -> None:
        try:
            with join() as second:
                run(second, [kind for kind in KINDS if kind in SECOND_CONNECTION])
                second_queries[0] = second.queries
        except BaseException as exc:  # handed to the caller
            fetched.put(exc)

    workers = [
        threading.Thread(target=target, name=f"schemacheck-introspect-{i}", daemon=True)
        for i, target in enumerate((on_first, on_second))
    ]
    for worker in workers:
        worker.start()
    try:
        for _ in KINDS:
            item = fetched.get()
            if isinstance(item, BaseException):
                raise item
            yield item
            slots.release()  # the caller has built that kind's objects
    finally:
        stop.set()
        slots.release(len(workers))  # no worker stays blocked waiting for a slot
        for worker in workers:
            worker.join()
        first.queries += second_queries[0]


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
    # Keyed as they are built, while the server runs the next query (as Catalog.of would).
    by_ref: dict[ObjectRef, CatalogObject] = {}
    with gc_paused(), snapshot(dsn, timeouts, export=True) as (session, info):
        join = functools.partial(joined, dsn, timeouts, session.snapshot_id)
        for kind, rows in _kind_rows(session, join, params):
            # Each row is dropped as its object is built (last first: the catalog is sorted
            # afterwards), so a kind's rows and its objects are not both held in full.
            build = BUILDERS[kind]
            while rows:
                obj = build(rows.pop())
                by_ref[obj.ref] = obj
            del rows
        versions, table_state = read_versions(session, version_table, version_column)
        queries = session.queries
        server_version = session.server_version
    with gc_paused():
        catalog = Catalog.keyed(by_ref, source=describe(dsn))
    return Introspection(
        catalog=catalog,
        server_version=server_version,
        queries=queries,
        schema_versions=versions,
        version_table=table_state,
        transaction=info,
        seconds=time.perf_counter() - started,
    )
