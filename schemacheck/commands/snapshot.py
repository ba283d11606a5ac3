"""`schemacheck snapshot --dsn URL [-o FILE]`: the whole live catalog as a spec file.

The introspection and the encoder are imported by the handler, not when the parser is built;
the model and its normalizer (sqlglot) only once the catalog queries are running.
"""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from schemacheck.commands.connection import add_connection_options
from schemacheck.errors import EXIT_OK


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "snapshot",
        help="write the live catalog as a spec file",
        description="Read the whole catalog (read-only) and write it as a spec: every table "
        "and schema strict, and the spec itself strict (a schema or extension it does not "
        "list is reported, once per schema), so an audit against it reports any later "
        "change. With --schema the spec holds only those schemas and is not strict about "
        "the others.",
    )
    add_connection_options(p)
    p.add_argument(
        "--schema",
        action="append",
        default=[],
        help="only these schemas (repeatable); other schemas are then not drift",
    )
    p.add_argument("--name", default="", help="name recorded in the spec")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE atomically (default: stdout)"
    )
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from schemacheck.gcpause import gc_paused

    with gc_paused():
        return _snapshot(args, out, err)


def _snapshot(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from schemacheck.commands.connection import connect_and_introspect

    live = connect_and_introspect(args, schemas=args.schema or None)
    from schemacheck.files import write_atomic
    from schemacheck.spec.dump import encode_spec

    after: dict[str, Any] = {}
    if live.version_table_found:
        after["prerequisites"] = {
            "version_table": "public.schema_migrations",
            "applied_versions": list(live.schema_versions),
        }
    # Encoded with orjson a schema at a time: the standard library's encoder falls back to
    # pure Python when indenting (15x slower on a large catalog) and the whole document and
    # its text would sit in memory at once. Names stay UTF-8.
    # Only a snapshot of every schema may say that the schemas it lists are all there are.
    pieces = encode_spec(live.catalog, name=args.name, strict_database=not args.schema, after=after)
    if args.output:
        write_atomic(args.output, pieces)
        err.write(f"schemacheck: wrote {len(live.catalog)} objects to {args.output}\n")
    else:
        for piece in pieces:
            out.write(piece.decode("utf-8"))
    return EXIT_OK
