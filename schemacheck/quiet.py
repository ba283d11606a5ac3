"""sqlglot without its log lines. sqlglot logs a warning for every statement it reads as a raw
`Command` ("... contains unsupported syntax. Falling back to parsing as a 'Command'."); what
schemacheck cannot read it reports itself, in its own words and with the user's text, never
the placeholder statements it builds while parsing (`ALTER TABLE __replay_t ...`). Every parse
in the package goes through `quiet()` or `parse_one`, and the command line runs each command
inside `quiet()`, so no sqlglot log line (from parsing or generating) reaches its output."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlglot import exp
    from sqlglot.dialects.dialect import Dialect

_LOG = logging.getLogger("sqlglot")
_DIALECTS: dict[str, Dialect] = {}


@contextmanager
def quiet() -> Iterator[None]:
    """sqlglot's logger silenced inside the block (its level restored after). Inside a block
    that silenced it already (the command line runs every command in one) nothing is touched:
    `setLevel` clears every logger's cache, which thousands of parses would pay for."""
    old = _LOG.level
    if old > logging.CRITICAL:
        yield
        return
    _LOG.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        _LOG.setLevel(old)


def parse_one(sql: str, read: str | Dialect = "postgres") -> exp.Expr:
    """`sqlglot.parse_one`, quietly (raises as it does). A dialect named is made once: sqlglot
    makes a new one at every call given a name."""
    import sqlglot  # not at import: the command line imports this module at start-up

    dialect = read
    if isinstance(read, str):
        from sqlglot.dialects.dialect import Dialect

        dialect = _DIALECTS.get(read) or _DIALECTS.setdefault(read, Dialect.get_or_raise(read))
    with quiet():
        return sqlglot.parse_one(sql, read=dialect)
