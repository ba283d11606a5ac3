"""`introspect()`: the live catalog of a database, read in one snapshot with a fixed number
of queries whatever the catalog's size."""

from __future__ import annotations

import gc
import queue
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from schemacheck.dsn import describe
from schemacheck.introspect.build import BUILDERS, FIELDS
from schemacheck.introspect.connect import Session, Timeouts, TransactionInfo, snapshot
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


def _kind_rows(session: Session, params: Mapping[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    """The rows of each kind query, in `KINDS` order. The queries run one after another on
    the snapshot's connection in a worker thread, so the caller builds one kind's objects
    while the server runs the next query (psycopg releases the GIL while it waits). The
    statements are the same as run in line; a failure is raised here, in the caller."""
    fetched: queue.SimpleQueue[_Fetched] = queue.SimpleQueue()
    stop = threading.Event()

    def work() -> None:
        try:
            for kind in KINDS:
                if stop.is_set():
                    return
                query = kind_query(kind, session.server_version)
                names, rows = session.fetch_rows(query, params, label=kind)
                if names != FIELDS[kind]:  # the query and its builder disagree
                    raise RuntimeError(f"{kind} query returns {names}, not {FIELDS[kind]}")
                fetched.put((kind, rows))
        except BaseException as exc:  # handed to the caller
            fetched.put(exc)

    worker = threading.Thread(target=work, name="schemacheck-introspect", daemon=True)
    worker.start()
    try:
        for _ in KINDS:
            item = fetched.get()
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        worker.join()


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
    with gc_paused(), snapshot(dsn, timeouts) as (session, info):
        for kind, rows in _kind_rows(session, params):
            for obj in map(BUILDERS[kind], rows):
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
