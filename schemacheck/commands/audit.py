"""`schemacheck audit --dsn URL --spec FILE`: the live catalog against the spec, read-only."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, TextIO

from schemacheck.commands.common import (
    add_config_option,
    add_output_options,
    emit,
    fail_threshold,
    settings,
)
from schemacheck.commands.connection import add_connection_options, read_live
from schemacheck.errors import UsageError

if TYPE_CHECKING:
    from schemacheck.audit import LiveState


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "audit",
        help="audit a live database against a spec (read-only)",
        description="Compare a live database with the spec: missing, unexpected and "
        "mismatched objects, and the prerequisites (schema version, earlier tables). "
        "Never writes: one read-only transaction with statement and lock timeouts.",
    )
    add_connection_options(p)
    p.add_argument(
        "--spec", help="spec JSON file (see docs/spec.md; default: spec of [tool.schemacheck])"
    )
    p.add_argument(
        "--ignore",
        dest="audit_ignore",
        action="append",
        default=[],
        metavar="PATTERN",
        help="skip objects: glob on the qualified name (public.*_tmp), kind=KIND, or "
        "kind=KIND:GLOB; repeatable; every ignored finding is listed in the report",
    )
    add_config_option(p)
    add_output_options(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # imported here: every command's parser is built on each run, and the others need none of it
    from schemacheck.audit import audit
    from schemacheck.ignore import parse_rules
    from schemacheck.spec import load_spec_document

    config = settings(args)
    fail_threshold(config.fail_on)
    if config.spec is None:
        raise UsageError("audit: --spec FILE is required (or spec in [tool.schemacheck])")
    spec_path = str(config.spec)
    spec = load_spec_document(spec_path)
    ignores = parse_rules(spec.ignore, f"{spec_path} ignore") + (
        parse_rules(args.audit_ignore, "--ignore")
        if args.audit_ignore
        else config.audit_ignore_rules()
    )
    live: LiveState = read_live(args, spec.catalog)
    report = audit(spec, live, ignores=ignores, spec_path=spec_path)
    return emit(report, args, out, fail_on=config.fail_on)
