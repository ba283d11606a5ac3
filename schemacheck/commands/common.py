"""Options and steps that several commands share: output format and file, --fail-on, and the
settings of `[tool.schemacheck]` with the command line on top."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from schemacheck.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from schemacheck.findings import Report, Severity
from schemacheck.report import FORMATS, renderer

if TYPE_CHECKING:
    from schemacheck.config import Config

DEFAULT_FAIL_ON = "warning"


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="read [tool.schemacheck] from FILE instead of the nearest pyproject.toml",
    )


def settings(args: argparse.Namespace) -> Config:
    """`[tool.schemacheck]` (from --config or the nearest pyproject.toml), flags on top."""
    from schemacheck.config import load_config, merge_cli  # only for the commands that read it

    explicit = getattr(args, "config", None)
    return merge_cli(load_config(explicit=Path(explicit) if explicit else None), args)


def add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", default="table", choices=sorted(FORMATS), help="output format (default: table)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE (atomically)"
    )
    parser.add_argument(
        "--fail-on",
        metavar="SEVERITY",
        help="exit 1 when a finding is at or above this severity: error, warning, info, or "
        f"never (default: fail-on of [tool.schemacheck], else {DEFAULT_FAIL_ON})",
    )


def fail_threshold(text: str | None) -> Severity | None:
    """The --fail-on value as a severity; None for `never`. Not given: the default."""
    if text is None:
        text = DEFAULT_FAIL_ON
    if text.strip().lower() == "never":
        return None
    try:
        return Severity.parse(text)
    except ValueError as exc:
        raise UsageError(f"--fail-on: {exc}") from None


def emit(
    report: Report, args: argparse.Namespace, out: TextIO, *, fail_on: str | None = None
) -> int:
    """Render the report to stdout or --output, and return the exit code it earns under
    `fail_on` (default: the --fail-on flag, else warning)."""
    threshold = fail_threshold(fail_on if fail_on is not None else args.fail_on)
    text = renderer(args.format)(report)
    if args.output:
        from schemacheck.files import write_atomic

        write_atomic(args.output, text)
    else:
        out.write(text)
    if threshold is not None and report.at_or_above(threshold):
        return EXIT_FINDINGS
    return EXIT_OK
