"""`schemacheck snapshot --dsn URL [-o FILE]`: the whole live catalog as a spec file."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

import orjson

from schemacheck.commands.connection import add_connection_options, connect_and_introspect
from schemacheck.errors import EXIT_OK
from schemacheck.files import write_atomic
from schemacheck.introspect.reader import gc_paused
from schemacheck.spec.dump import dump_catalog


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "snapshot",
        help="write the live catalog as a spec file",
        description="Read the whole catalog (read-only) and write it as a spec: every table "
        "and schema strict, so an audit against it reports any later change.",
    )
    add_connection_options(p)
    p.add_argument("--schema", action="append", default=[], help="only these schemas (repeatable)")
    p.add_argument("--name", default="", help="name recorded in the spec")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE atomically (default: stdout)"
    )
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with gc_paused():
        return _snapshot(args, out, err)


def _snapshot(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    live = connect_and_introspect(args, schemas=args.schema or None)
    doc = dump_catalog(live.catalog, name=args.name)
    if live.version_table_found:
        doc["prerequisites"] = {
            "version_table": "public.schema_migrations",
            "applied_versions": list(live.schema_versions),
        }
    # orjson: the standard library's encoder falls back to pure Python when indenting (15x
    # slower on a large catalog, and it holds millions of chunks at once). Names stay UTF-8.
    data = orjson.dumps(doc, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)
    if args.output:
        write_atomic(args.output, data)
        err.write(f"schemacheck: wrote {len(live.catalog)} objects to {args.output}\n")
    else:
        out.write(data.decode("utf-8"))
    return EXIT_OK
