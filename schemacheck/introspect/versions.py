"""The schema versions recorded in the migrations table, if there is one we may read."""

from __future__ import annotations

import re
from enum import StrEnum

from psycopg import sql

from schemacheck.errors import UsageError
from schemacheck.introspect.connect import Session
from schemacheck.introspect.sqlfiles import plain_query

_NAME = r'(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"]|"")+")'
_TABLE = re.compile(rf"\s*{_NAME}(?:\s*\.\s*{_NAME})?\s*")


class VersionTable(StrEnum):
    """What became of the schema-migrations table."""

    FOUND = "found"
    MISSING = "missing"
    """No such table, or it lacks the version column."""
    UNREADABLE = "unreadable"
    """It exists but the role may not SELECT the version column."""
    NOT_ASKED = "not_asked"


def read_versions(
    session: Session, table: str | None, column: str
) -> tuple[tuple[int, ...], VersionTable]:
    """The distinct integer versions in `table.column`, ascending, and the table's state.
    Values that are not integers are skipped. One query, two when the table is there."""
    if table is None:
        return (), VersionTable.NOT_ASKED
    if not _TABLE.fullmatch(table):
        raise UsageError(f"version table {table!r} is not a [schema.]table name")
    from schemacheck.normalize import identifier

    column_name = identifier(column)
    query = plain_query("version_table", session.server_version)
    rows = session.fetch(query, {"table": table, "column": column_name}, label="version table")
    if not rows or not rows[0]["has_column"]:
        return (), VersionTable.MISSING
    if not rows[0]["readable"]:
        return (), VersionTable.UNREADABLE
    select = sql.SQL("SELECT DISTINCT {col}::text AS version FROM {table}").format(
        col=sql.Identifier(column_name),
        table=sql.Identifier(rows[0]["schema"], rows[0]["name"]),
    )
    values = session.fetch(select, label="schema versions")
    versions = sorted({int(v) for r in values if _is_int(v := r["version"])})
    return tuple(versions), VersionTable.FOUND


def _is_int(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value) is not None
