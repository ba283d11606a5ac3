"""One base exception per failure kind; the CLI maps each to a documented exit code.

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage/config/input error,
3 database unreachable or refused; and as shells have it, 130 interrupted, 141 the output's
reader went away (`schemacheck lint | head`).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_DATABASE = 3
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_OUTPUT_CLOSED = 141  # 128 + SIGPIPE


class SchemacheckError(Exception):
    """Base class: a one-line message the CLI prints as `schemacheck: error: ...`."""

    exit_code = EXIT_USAGE


class UsageError(SchemacheckError):
    """Bad command line or configuration."""

    exit_code = EXIT_USAGE


class InputError(SchemacheckError):
    """A file the user gave is missing, unreadable or invalid (names the file and place)."""

    exit_code = EXIT_USAGE


class SpecError(InputError):
    """The spec file breaks the spec schema; carries every error with its JSON path."""

    def __init__(self, path: str, errors: list[str]) -> None:
        self.path = path
        self.errors = errors
        first = errors[0] if errors else "invalid"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{path}: {first}{more}")


class SqlExecutionError(InputError):
    """A statement of a SQL file failed on the server: where, and the server's message."""

    def __init__(self, path: str, line: int, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(f"{path}:{line}: {message}")


class DatabaseError(SchemacheckError):
    """The database could not be reached, refused us, or timed out."""

    exit_code = EXIT_DATABASE


class ServerSetupError(SchemacheckError):
    """No PostgreSQL binaries to start a throwaway server, or it failed to start."""

    exit_code = EXIT_DATABASE
