"""Which database to connect to, and how to name it without ever showing its password.

`resolve_dsn` picks the connection string (--dsn, then DATABASE_URL, then libpq's PG*
variables); `redact` scrubs passwords from any text; `describe` names a database safely as
`user@host:port/db` for one-line messages.
"""

from __future__ import annotations

import getpass
import os
import re
from collections.abc import Mapping

from psycopg.conninfo import conninfo_to_dict

from schemacheck.errors import UsageError

LIBPQ_VARIABLES = (
    "PGHOST",
    "PGHOSTADDR",
    "PGPORT",
    "PGDATABASE",
    "PGUSER",
    "PGPASSWORD",
    "PGSERVICE",
)
"""Environment variables that, when set, let libpq find the database on its own."""

MASK = "***"

# libpq's words for a connection option's value it cannot take (checked when connecting):
# `invalid integer value "x" for connection option "port"`, `invalid sslmode value: "x"`
_BAD_OPTION = re.compile(r"\binvalid (?:integer value|port number|[a-z_]+ value)\b")


def bad_option(message: str) -> bool:
    """libpq refused to connect because the connection string holds a value it cannot take
    (the user's input, exit code 2), not because the server could not be reached."""
    return _BAD_OPTION.search(message) is not None


def resolve_dsn(cli_dsn: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The connection string to use: `--dsn`, then `DATABASE_URL`, then "" when a libpq PG*
    variable is set (libpq reads the environment itself); otherwise a UsageError."""
    env = os.environ if environ is None else environ
    if cli_dsn and cli_dsn.strip():
        return cli_dsn.strip()
    url = env.get("DATABASE_URL", "").strip()
    if url:
        return url
    if any(env.get(name, "").strip() for name in LIBPQ_VARIABLES):
        return ""
    raise UsageError(
        "no database given: pass --dsn postgresql://user@host:5432/db, set DATABASE_URL, "
        "or set libpq's PGHOST/PGPORT/PGDATABASE/PGUSER (or PGSERVICE) variables"
    )


# postgresql://user:secret@host -> the secret runs to the last "@" of the URL token.
_URL_PASSWORD = re.compile(r"(?i)\b(postgres(?:ql)?://[^:@/\s]*:)\S*@")
# ?password=secret&... or &sslpassword=secret in a URL query string.
_QUERY_PASSWORD = re.compile(r"(?i)([?&](?:ssl)?password=)[^&#\s]*")
# password=secret, password = 'se cret', PGPASSWORD=secret in key=value text.
_KEYVALUE_PASSWORD = re.compile(
    r"(?i)(?<![\w\-?&])((?:pg|ssl)?password\s*=\s*)(?:'(?:[^'\\]|\\.)*'?|[^\s]*)"
)


def redact(text: str) -> str:
    """`text` with every password replaced by `***`: URL userinfo, URL query parameters and
    key=value pairs (quoted or not)."""
    text = _URL_PASSWORD.sub(lambda m: f"{m.group(1)}{MASK}@", text)
    text = _QUERY_PASSWORD.sub(lambda m: f"{m.group(1)}{MASK}", text)
    return _KEYVALUE_PASSWORD.sub(lambda m: f"{m.group(1)}{MASK}", text)


def describe(dsn: str, environ: Mapping[str, str] | None = None) -> str:
    """`user@host:port/db` for messages; what the DSN leaves out comes from the PG* variables
    and libpq's defaults. Never includes a password."""
    env = os.environ if environ is None else environ
    try:
        params = conninfo_to_dict(dsn)
    except Exception:
        return "database (unparsable connection string)"

    def pick(key: str, var: str, fallback: str) -> str:
        value = str(params.get(key) or env.get(var) or "").strip()
        return value or fallback

    user = pick("user", "PGUSER", _login())
    host = pick("host", "PGHOST", "") or pick("hostaddr", "PGHOSTADDR", "localhost")
    port = pick("port", "PGPORT", "5432")
    dbname = pick("dbname", "PGDATABASE", user)
    service = pick("service", "PGSERVICE", "")
    where = f"{user}@{host}:{port}/{dbname}"
    return f"{where} (service {service})" if service else where


def secrets(dsn: str, environ: Mapping[str, str] | None = None) -> tuple[str, ...]:
    """The passwords a DSN or the environment carries, to scrub from messages by value."""
    env = os.environ if environ is None else environ
    found = [env.get("PGPASSWORD", "")]
    try:
        params = conninfo_to_dict(dsn)
    except Exception:
        params = {}
    found.extend(str(params.get(key) or "") for key in ("password", "sslpassword"))
    return tuple(sorted({s for s in found if len(s) >= 3}, key=len, reverse=True))


def scrub(text: str, dsn: str, environ: Mapping[str, str] | None = None) -> str:
    """`redact(text)` plus every known password of `dsn` removed by value."""
    text = redact(text)
    for secret in secrets(dsn, environ):
        text = text.replace(secret, MASK)
    return text


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "user"
