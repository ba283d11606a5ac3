"""`schemacheck check`: the main job, zero-config: throwaway PostgreSQL, apply, audit, lint,
and prove the rollbacks up/down/up."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from schemacheck.commands.common import (
    add_config_option,
    add_output_options,
    emit,
    fail_threshold,
    settings,
)
from schemacheck.commands.lint import severities, turned_off
from schemacheck.findings import Report

DEFAULT_SPEC = "expected/batch3.json"


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
        help=f"spec JSON file (default: spec of [tool.schemacheck], else {DEFAULT_SPEC} if "
        "there is one; without a spec every step but the audit runs)",
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
    p.add_argument(
        "--each-rollback",
        action="store_true",
        help="also prove each migration's rollback on its own, on another scratch database: "
        "after each migration its rollback must give back the schema of just before it, and "
        "applying it again the schema of its first apply; findings name the rollback file",
    )
    p.add_argument(
        "--no-lint", action="store_true", help="only the database steps; do not lint the files"
    )
    p.add_argument(
        "--target-version",
        metavar="N",
        help="PostgreSQL major the migrations run on (10..18): the throwaway server's major, "
        "when this machine has it, and the major lint judges for",
    )
    add_config_option(p)
    add_output_options(p)
    p.set_defaults(handler=handle)


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    # imported here: every command's parser is built on each run, and the others need none of it
    from schemacheck.check import check_database, discover_directory, plan, unapplied_notes
    from schemacheck.dsn import describe
    from schemacheck.embedded import binaries_for, database_server
    from schemacheck.lint import left_out_notes, lint_files, select_rules
    from schemacheck.spec import load_spec_document

    config = settings(args)
    fail_threshold(config.fail_on)
    # the default spec when it is there; without one, everything but the audit is checked
    spec_path = config.spec or (DEFAULT_SPEC if Path(DEFAULT_SPEC).is_file() else None)
    # a wrong --sql is named before the spec
    parsed, left_out = discover_directory(Path(args.sql))
    spec = load_spec_document(spec_path) if spec_path is not None else None
    rules = () if args.no_lint else select_rules(config.select, config.ignore + turned_off(config))
    linted = lint_files(
        parsed,
        rules=rules,
        overrides=severities(config),
        target_major=config.target_version,
    )
    binaries, version_notes = None, []
    if not args.dsn and config.target_version is not None:
        binaries, note = binaries_for(config.target_version)  # the major deployed to
        version_notes = [note] if note else []
    with database_server(args.dsn, binaries) as server:
        target = describe(args.dsn) if args.dsn else f"throwaway PostgreSQL {server.major}"
        if args.dsn and config.target_version not in (None, server.major):
            version_notes.append(
                f"PostgreSQL {config.target_version} (the target version): the server "
                f"is PostgreSQL {server.major}"
            )
        run = check_database(
            server,
            spec,
            plan(parsed),
            smoke=args.smoke,
            target=target,
            each_rollback=args.each_rollback,
        )
    report = Report(
        command="check",
        findings=Report.sorted_findings((*run.findings, *linted.findings)),
        suppressed=linted.suppressed,
        not_checked=(
            *version_notes,
            *left_out_notes(left_out),
            *unapplied_notes(parsed),
            *run.not_checked,
            *linted.not_checked,
        ),
        target=target,
        meta=(
            ("spec", str(spec_path) if spec_path is not None else "none"),
            *(("step", s) for s in run.steps),
            *(() if args.no_lint else (("step", f"linted {len(parsed)} files"),)),
        ),
    )
    return emit(report, args, out, fail_on=config.fail_on)
