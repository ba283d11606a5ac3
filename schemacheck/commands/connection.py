"""Connection options and the live read shared by audit and snapshot.

Registering the options imports nothing heavy; the introspection (psycopg, the model and its
normalizer), the audit and the DSN helpers are imported when a command runs.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schemacheck.audit import LiveState
    from schemacheck.introspect import Introspection
    from schemacheck.model import Catalog


def add_connection_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dsn",
        help="connection string (URL or key=value); default: DATABASE_URL, then libpq's PG* "
        "variables. Passwords never appear in any output.",
    )
    parser.add_argument(
        "--statement-timeout",
        type=int,
        default=30_000,
        metavar="MS",
        help="statement_timeout for the read-only snapshot (default: 30000)",
    )
    parser.add_argument(
        "--lock-timeout",
        type=int,
        default=2_000,
        metavar="MS",
        help="lock_timeout for the read-only snapshot (default: 2000)",
    )
    parser.add_argument(
        "--include-extension-objects",
        action="store_true",
        help="also read objects that extensions own (left out by default)",
    )


def connect_and_introspect(
    args: argparse.Namespace,
    *,
    schemas: list[str] | None,
    version_table: str | None = "public.schema_migrations",
    version_column: str = "version",
) -> Introspection:
    from schemacheck.dsn import resolve_dsn
    from schemacheck.introspect import introspect

    return introspect(
        resolve_dsn(args.dsn),
        schemas=schemas,
        include_extension_objects=args.include_extension_objects,
        statement_timeout_ms=args.statement_timeout,
        lock_timeout_ms=args.lock_timeout,
        version_table=version_table,
        version_column=version_column,
    )


def spec_schemas(expected: Catalog) -> list[str]:
    """The schemas a spec talks about, and the one holding its version table."""
    from schemacheck.audit import version_table_ref
    from schemacheck.model import Kind

    names = {ref.schema for ref in expected.objects if ref.kind is not Kind.EXTENSION}
    if expected.prerequisites is not None:
        names.add(version_table_ref(expected.prerequisites).schema)
    return sorted(names)


def live_state(found: Introspection, target: str) -> LiveState:
    from schemacheck.audit import LiveState
    from schemacheck.introspect.versions import VersionTable

    problems = {
        VersionTable.MISSING: "does not exist",
        VersionTable.UNREADABLE: "cannot be read by this role",
        VersionTable.NOT_ASKED: "was not read",
    }
    versions = found.schema_versions if found.version_table_found else None
    return LiveState(
        found.catalog,
        versions,
        target,
        versions_problem=problems.get(found.version_table, "does not exist"),
    )


def read_live(args: argparse.Namespace, expected: Catalog) -> LiveState:
    """Introspect only the spec's schemas (filtered in SQL), or every schema when the spec is
    strict about them (an unlisted schema is drift), and read its version table."""
    from schemacheck.dsn import describe, resolve_dsn

    prereq = expected.prerequisites
    found = connect_and_introspect(
        args,
        schemas=None if expected.strict_database else spec_schemas(expected),
        version_table=prereq.version_table if prereq else None,
        version_column=prereq.version_column if prereq else "version",
    )
    return live_state(found, describe(resolve_dsn(args.dsn)))
