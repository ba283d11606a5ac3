"""Options and steps that several commands share: output format and file, --fail-on."""

from __future__ import annotations

import argparse
from typing import TextIO

from schemacheck.errors import EXIT_FINDINGS, EXIT_OK, UsageError
from schemacheck.files import write_atomic
from schemacheck.findings import Report, Severity
from schemacheck.report import FORMATS, renderer


def add_output_options(
    parser: argparse.ArgumentParser, *, default_fail_on: str = "warning"
) -> None:
    parser.add_argument(
        "--format", default="table", choices=sorted(FORMATS), help="output format (default: table)"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write the report to FILE (atomically)"
    )
    parser.add_argument(
        "--fail-on",
        default=default_fail_on,
        metavar="SEVERITY",
        help=f"exit 1 when a finding is at or above this severity: error, warning, info, or "
        f"never (default: {default_fail_on})",
    )


def fail_threshold(text: str) -> Severity | None:
    if text.strip().lower() == "never":
        return None
    try:
        return Severity.parse(text)
    except ValueError as exc:
        raise UsageError(f"--fail-on: {exc}") from None


def emit(report: Report, args: argparse.Namespace, out: TextIO) -> int:
    """Render the report to stdout or --output, and return the exit code it earns."""
    threshold = fail_threshold(args.fail_on)
    text = renderer(args.format)(report)
    if args.output:
        write_atomic(args.output, text)
    else:
        out.write(text)
    if threshold is not None and report.at_or_above(threshold):
        return EXIT_FINDINGS
    return EXIT_OK
