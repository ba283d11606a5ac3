"""One read-only, REPEATABLE READ snapshot of a live database, with bounded waits.

`snapshot()` connects as application `schemacheck`, opens a READ ONLY REPEATABLE READ
transaction, sets `statement_timeout`, `lock_timeout` and a fixed `search_path` for it
(SET LOCAL) and always ends it with a rollback: it can neither block nor change the database.
JIT compilation is turned off for it too: the catalog queries are short, and on a large
catalog the planner's estimates made JIT compile every one of them, which cost more than the
queries themselves (2 of 4 seconds on 20,000 tables). Nor does it start parallel workers:
catalog queries gain nothing from them, and an audit should not take a production server's
worker processes. TimeZone, DateStyle and IntervalStyle are fixed (UTC, ISO, postgres) so that
constants in defaults and view bodies print the same on every server.
`snapshot(export=True)` also exports the transaction's snapshot in that same settings
statement, and `joined()` opens a second connection whose READ ONLY REPEATABLE READ
transaction imports it (`SET TRANSACTION SNAPSHOT`, as `pg_dump -j` does) and sets the same
timeouts and settings: both connections read exactly the same committed state.
Every failure becomes a one-line `DatabaseError` that names the database, never its password.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg import errors as pgerrors
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import DictRow, TupleRow, dict_row, tuple_row

from schemacheck.dsn import bad_option, describe, scrub
from schemacheck.errors import DatabaseError, UsageError

APPLICATION_NAME = "schemacheck"
SEARCH_PATH = "pg_catalog, public"
"""Fixed for the snapshot so printed names do not depend on the role's settings: objects in
`public` and `pg_catalog` print unqualified, everything else schema-qualified."""


@dataclass(frozen=True)
class Timeouts:
    """Bounds on every wait, in milliseconds (connect: seconds, as libpq takes it)."""

    statement_ms: int = 30_000
    lock_ms: int = 2_000
    connect_s: int = 10


@dataclass(frozen=True)
class TransactionInfo:
    """What the server says about the snapshot transaction, read inside it."""

    read_only: bool
    isolation: str
    statement_timeout: str
    lock_timeout: str
    application_name: str


class Session:
    """A snapshot transaction that counts the statements it runs."""

    def __init__(self, conn: psycopg.Connection[DictRow], dsn: str, timeouts: Timeouts) -> None:
        self._conn = conn
        self._dsn = dsn
        self._timeouts = timeouts
        self.queries = 0
        self.server_version = conn.info.server_version
        self.snapshot_id = ""

    def fetch(
        self,
        query: str | sql.Composable,
        params: Mapping[str, Any] | None = None,
        *,
        label: str = "catalog",
    ) -> list[DictRow]:
        """Run one statement and return its rows as dicts; a failure becomes a DatabaseError
        that names the query by `label`."""
        self.queries += 1
        try:
            with self._conn.cursor() as cur:
                cur.execute(query, params)  # type: ignore[arg-type]
                return cur.fetchall()
        except psycopg.Error as exc:
            raise query_error(exc, self._dsn, self._timeouts, label) from None

    def fetch_none(self, statement: sql.Composed, *, label: str) -> None:
        """Run one statement that returns no rows."""
        self.queries += 1
        try:
            self._conn.execute(statement)
        except psycopg.Error as exc:
            raise query_error(exc, self._dsn, self._timeouts, label) from None

    def fetch_rows(
        self, query: str, params: Mapping[str, Any], *, label: str
    ) -> tuple[tuple[str, ...], list[TupleRow]]:
        """Like `fetch`, but the rows as tuples (no dict per row), with the column names."""
        self.queries += 1
        try:
            with self._conn.cursor(row_factory=tuple_row) as cur:
                cur.execute(query, params)
                names = tuple(column.name for column in cur.description or ())
                return names, cur.fetchall()
        except psycopg.Error as exc:
            raise query_error(exc, self._dsn, self._timeouts, label) from None


_SETTINGS = (
    "SELECT pg_catalog.set_config('statement_timeout', %(statement)s, true),"
    " pg_catalog.set_config('lock_timeout', %(lock)s, true),"
    " pg_catalog.set_config('search_path', %(path)s, true),"
    " pg_catalog.set_config('jit', 'off', true),"
    " pg_catalog.set_config('max_parallel_workers_per_gather', '0', true),"
    # constants in defaults and view bodies print the same whatever the server's settings
    " pg_catalog.set_config('TimeZone', 'UTC', true),"
    " pg_catalog.set_config('DateStyle', 'ISO, MDY', true),"
    " pg_catalog.set_config('IntervalStyle', 'postgres', true),"
    " pg_catalog.current_setting('transaction_read_only') AS read_only,"
    " pg_catalog.current_setting('transaction_isolation') AS isolation,"
    " pg_catalog.current_setting('statement_timeout') AS statement_timeout,"
    " pg_catalog.current_setting('lock_timeout') AS lock_timeout,"
    " pg_catalog.current_setting('application_name') AS application_name"
)
_EXPORT = ", pg_catalog.pg_export_snapshot() AS snapshot_id"


def _settle(
    session: Session, dsn: str, timeouts: Timeouts, *, export: bool
) -> tuple[TransactionInfo, str]:
    """Set the transaction's timeouts and settings (one statement) and read them back; with
    `export`, the same statement exports the transaction's snapshot and returns its id."""
    rows = session.fetch(
        _SETTINGS + (_EXPORT if export else ""),
        {
            "statement": f"{timeouts.statement_ms}ms",
            "lock": f"{timeouts.lock_ms}ms",
            "path": SEARCH_PATH,
        },
        label="session settings",
    )
    row = rows[0]
    info = TransactionInfo(
        read_only=row["read_only"] == "on",
        isolation=str(row["isolation"]),
        statement_timeout=str(row["statement_timeout"]),
        lock_timeout=str(row["lock_timeout"]),
        application_name=str(row["application_name"]),
    )
    if not info.read_only:
        raise DatabaseError(f"{describe(dsn)}: the server did not open a read-only transaction")
    return info, str(row["snapshot_id"]) if export else ""


@contextmanager
def snapshot(
    dsn: str, timeouts: Timeouts = Timeouts(), *, export: bool = False
) -> Iterator[tuple[Session, TransactionInfo]]:
    """Connect and open the read-only snapshot; the transaction is rolled back on exit.
    With `export`, the settings statement also exports the snapshot (`pg_export_snapshot()`,
    no extra statement): `session.snapshot_id`, for `joined()` on a second connection."""
    conn = _connect(dsn, timeouts)
    try:
        session = Session(conn, dsn, timeouts)
        info, session.snapshot_id = _settle(session, dsn, timeouts, export=export)
        yield session, info
    finally:
        with suppress(psycopg.Error):
            conn.rollback()
        conn.close()


@contextmanager
def joined(dsn: str, timeouts: Timeouts, snapshot_id: str) -> Iterator[Session]:
    """A second connection reading the same snapshot as the exporting one (as `pg_dump -j`
    does): its READ ONLY REPEATABLE READ transaction imports the snapshot with
    `SET TRANSACTION SNAPSHOT` as its first statement, then sets the same timeouts and
    settings (a second statement). It sees exactly what the first transaction sees, and is
    rolled back on exit. The exporting transaction must stay open until this one has started.
    """
    conn = _connect(dsn, timeouts)
    try:
        session = Session(conn, dsn, timeouts)
        session.fetch_none(
            sql.SQL("SET TRANSACTION SNAPSHOT {}").format(sql.Literal(snapshot_id)),
            label="snapshot import",
        )
        _settle(session, dsn, timeouts, export=False)
        yield session
    finally:
        with suppress(psycopg.Error):
            conn.rollback()
        conn.close()


def _connect(dsn: str, timeouts: Timeouts) -> psycopg.Connection[DictRow]:
    try:
        params = conninfo_to_dict(dsn)
    except psycopg.Error as exc:
        raise UsageError(f"invalid DSN: {_unquoted(str(exc))}") from None
    extra: dict[str, Any] = {"application_name": APPLICATION_NAME}
    if "connect_timeout" not in params and not os.environ.get("PGCONNECT_TIMEOUT"):
        extra["connect_timeout"] = timeouts.connect_s
    try:
        conn = psycopg.connect(dsn, row_factory=dict_row, prepare_threshold=None, **extra)
    except psycopg.Error as exc:
        detail = one_line(scrub(str(exc), dsn)).removeprefix("connection failed: ")
        if bad_option(detail):
            raise UsageError(f"invalid DSN: {detail.removeprefix('connection is bad: ')}") from None
        raise DatabaseError(f"cannot connect to {describe(dsn)}: {detail}") from None
    try:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
    except psycopg.Error as exc:
        conn.close()
        raise DatabaseError(f"{describe(dsn)}: {one_line(scrub(str(exc), dsn))}") from None
    return conn


def query_error(
    exc: psycopg.Error, dsn: str, timeouts: Timeouts, label: str = "catalog"
) -> DatabaseError:
    """A one-line DatabaseError for a statement that failed inside the snapshot."""
    where = describe(dsn)
    if isinstance(exc, pgerrors.LockNotAvailable):
        return DatabaseError(
            f"{where}: the {label} query waited longer than lock_timeout "
            f"({timeouts.lock_ms} ms) for a lock another session holds (a migration running?); "
            "gave up rather than wait"
        )
    if isinstance(exc, pgerrors.QueryCanceled):
        return DatabaseError(
            f"{where}: the {label} query ran past statement_timeout ({timeouts.statement_ms} ms)"
        )
    if isinstance(exc, pgerrors.InsufficientPrivilege):
        return DatabaseError(f"{where}: permission denied: {one_line(scrub(str(exc), dsn))}")
    return DatabaseError(f"{where}: {one_line(scrub(str(exc), dsn))}")


def one_line(message: str) -> str:
    """libpq's multi-line message as one line (`FATAL:  x` -> `FATAL: x`)."""
    lines = [" ".join(line.split()) for line in message.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return "unknown error"
    if len(lines) > 1 and lines[0].endswith(":"):
        return " ".join([lines[0], "; ".join(lines[1:])])
    return lines[0]


_SAFE = frozenset({"=", "'", ",", ""})
"""Quoted pieces of a DSN parse error that cannot be part of a password."""


def _unquoted(message: str) -> str:
    """libpq's DSN parse errors quote a piece of the DSN, which may be part of a password:
    keep only quoted punctuation (`missing "=" after "…"`)."""
    first = message.splitlines()[0] if message else "malformed"
    return re.sub(r'"([^"]*)"', lambda m: m.group(0) if m.group(1) in _SAFE else '"…"', first)
