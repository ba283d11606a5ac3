"""`schemacheck lint [PATH...]`: static, no database. Unsafe statements in migration, rollback
and check files, and, with a spec, whether the migrations create what the spec expects."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from schemacheck.commands.common import add_config_option, add_output_options, emit, settings
from schemacheck.errors import UsageError
from schemacheck.findings import Report, Severity

if TYPE_CHECKING:
    from schemacheck.config import Config
    from schemacheck.coverage import CoverageResult

DEFAULT_PATH = "sql"


def register(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "lint",
        help="lint migration and rollback files statically (no database)",
        description="Parse every SQL file under PATH (default: [tool.schemacheck] paths, "
        "else ./sql), run the rule catalogue (see `schemacheck rules`), judge each rollback "
        "against the migration it undoes, and with --spec tell which expected objects the "
        "migrations never create or define differently.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="SQL files or directories")
    p.add_argument("--spec", help="also check spec coverage against this spec JSON file")
    rule_options(p)
    p.add_argument(
        "--target-version",
        metavar="N",
        help="PostgreSQL major the migrations run on (10..18)",
    )
    p.add_argument(
        "--cache-dir",
        metavar="DIR",
        help="where parsed files are cached by content hash (default: "
        "$SCHEMACHECK_CACHE_DIR, else $XDG_CACHE_HOME/schemacheck or ~/.cache/schemacheck)",
    )
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
    add_config_option(p)
    add_output_options(p)
    p.set_defaults(handler=handle)


def rule_options(p: argparse.ArgumentParser) -> None:
    """--select and --ignore: rule codes or slugs, comma-separated or repeated."""
    p.add_argument(
        "--select",
        action="append",
        default=[],
        metavar="RULES",
        help="run only these rules (codes or slugs, comma-separated; repeatable)",
    )
    p.add_argument(
        "--ignore",
        action="append",
        default=[],
        metavar="RULES",
        help="never run these rules (codes or slugs, comma-separated; repeatable)",
    )


def handle(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from schemacheck.lint import lint_with_coverage  # here: the other commands need none of it

    config = settings(args)
    paths = [str(p) for p in config.paths] or [DEFAULT_PATH]
    if not config.paths and not Path(DEFAULT_PATH).exists():
        raise UsageError("lint: no PATH given and no ./sql directory (name the SQL files)")
    cache = cache_dir(args)
    report, coverage = lint_with_coverage(
        paths,
        config.spec,
        select=config.select,
        ignore=config.ignore + turned_off(config),
        severity_overrides=severities(config),
        target_major=config.target_version,
        cache_dir=cache,
    )
    if config.spec is not None and coverage is not None:
        report = with_coverage(report, config.spec, coverage)
    return emit(report, args, out, fail_on=config.fail_on)


def turned_off(config: Config) -> tuple[str, ...]:
    return tuple(rule for rule, level in config.severity if level.lower() == "off")


def severities(config: Config) -> dict[str, Severity]:
    return {
        rule: Severity.parse(level) for rule, level in config.severity if level.lower() != "off"
    }


def cache_dir(args: argparse.Namespace) -> Path | None:
    """The parse cache's directory, or None when caching is off."""
    if args.no_cache:
        return None
    if args.cache_dir:
        return Path(args.cache_dir)
    if os.environ.get("SCHEMACHECK_CACHE_DIR"):
        return Path(os.environ["SCHEMACHECK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "schemacheck"


def with_coverage(report: Report, spec: Path, result: CoverageResult) -> Report:
    """The lint report plus the spec-coverage findings of the same files."""
    return Report(
        command=report.command,
        findings=Report.sorted_findings((*report.findings, *result.findings)),
        suppressed=(*report.suppressed, *result.suppressed),
        not_checked=(*report.not_checked, *result.not_checked),
        target=report.target,
        meta=(*report.meta, ("spec", str(spec))),
    )
