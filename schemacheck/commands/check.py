"""`schemacheck check`: the main job, zero-config: throwaway PostgreSQL, apply, audit, lint,
and prove the rollbacks up/down/up."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from schemacheck.check import check_database, plan_directory
from schemacheck.commands.common import add_output_options, emit, fail_threshold
from schemacheck.dsn import describe
from schemacheck.embedded import database_server
from schemacheck.findings import Report
from schemacheck.spec import load_spec_document


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "check",
        help="apply migrations to a throwaway PostgreSQL, audit, lint, prove rollbacks",
        description="Start a throwaway PostgreSQL (or use --dsn's server for a scratch "
        "database), apply sql/'s prerequisites and migrations in version order, audit the "
        "result against the spec, then apply the rollbacks (the schema must equal the one "
        "before the migrations) and the migrations again (must equal the first time).",
    )
    p.add_argument("--sql", default="sql", metavar="DIR", help="SQL directory (default: sql)")
    p.add_argument(
        "--spec",
        default="expected/batch3.json",
        help="spec JSON file (default: expected/batch3.json)",
    )
    p.add_argument(
        "--dsn",
        help="use this server for a scratch database (created and dropped) instead of "
        "starting a throwaway PostgreSQL",
    )
    p.add_argument(
        "--smoke",
        action="store_true",
        help="also run the check scripts, each in a transaction that is always rolled back",
    )
    add_output_options(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    fail_threshold(args.fail_on)
    spec = load_spec_document(args.spec)
    files = plan_directory(Path(args.sql))
    with database_server(args.dsn) as server:
        target = describe(args.dsn) if args.dsn else f"throwaway PostgreSQL {server.major}"
        run = check_database(server, spec, files, smoke=args.smoke, target=target)
    report = Report(
        command="check",
        findings=Report.sorted_findings(run.findings),
        not_checked=tuple(run.not_checked),
        target=target,
        meta=(("spec", args.spec), *(("step", s) for s in run.steps)),
    )
    return emit(report, args, out)
