"""`schemacheck validate-spec FILE`: check a spec file against the spec schema."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from schemacheck.errors import EXIT_OK


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("validate-spec", help="validate a spec file against the spec schema")
    p.add_argument("spec", help="path to the spec JSON file")
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from schemacheck.model import Kind
    from schemacheck.spec import load_spec

    catalog = load_spec(args.spec)
    counts = ", ".join(f"{len(catalog.of_kind(k))} {k}" for k in Kind if catalog.of_kind(k))
    out.write(f"{args.spec}: valid spec ({counts})\n")
    return EXIT_OK
