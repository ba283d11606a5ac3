"""Command line: argparse -> run(argv, out, err) -> exit code. No logic lives here; each
subcommand is a function in `schemacheck.commands` that returns an exit code."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

from schemacheck import __version__, teardown
from schemacheck.errors import (
    EXIT_INTERRUPTED,
    EXIT_OUTPUT_CLOSED,
    EXIT_USAGE,
    SchemacheckError,
)
from schemacheck.quiet import quiet


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so run() owns every exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        # the CLI prints `schemacheck: error: ...`: the command is named after it, once
        command = self.prog.removeprefix("schemacheck").strip()
        raise SchemacheckError(f"{command}: {message}" if command else message)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="schemacheck",
        description="PostgreSQL schema compliance and drift checker.",
        epilog="Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input "
        "error, 3 database unreachable or refused.",
    )
    parser.add_argument("--version", action="version", version=f"schemacheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    from schemacheck import commands

    commands.register(sub)
    return parser


def run(argv: Sequence[str], out: TextIO, err: TextIO) -> int:
    """Parse and dispatch; every SchemacheckError becomes one line on `err` and its code."""
    try:
        parser = build_parser()
        args = parser.parse_args(list(argv))
        if args.command is None:
            parser.print_help(out)
            return EXIT_USAGE
        with quiet():  # what sqlglot would log, the command reports in its own words
            code: int = args.handler(args, out, err)
        return code
    except SchemacheckError as exc:
        err.write(f"schemacheck: error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        err.write("schemacheck: interrupted\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader closed the output (`| head`): nothing left to say
        return EXIT_OUTPUT_CLOSED
    except Exception as exc:  # a bug of ours: one line, and the traceback only on request
        if os.environ.get("SCHEMACHECK_DEBUG"):
            traceback.print_exc(file=err)
        err.write(
            f"schemacheck: internal error: {type(exc).__name__}: {exc} "
            "(set SCHEMACHECK_DEBUG=1 for details)\n"
        )
        return EXIT_USAGE


def main(argv: Sequence[str] | None = None) -> int:
    """The console entry point. A command that kept its large results alive
    (`schemacheck.teardown`) ends the process here without freeing them, and so does one whose
    output was closed (Python would otherwise complain on flushing it at exit)."""
    teardown.enable()
    code = run(sys.argv[1:] if argv is None else argv, sys.stdout, sys.stderr)
    if teardown.anything_kept() or code == EXIT_OUTPUT_CLOSED:
        teardown.exit_now(code)
    return code
