"""DSN resolution, password redaction and safe naming of a database (no server needed)."""

from __future__ import annotations

import io
import socket
from pathlib import Path

import pytest

from schemacheck.cli import run
from schemacheck.dsn import bad_option, describe, redact, resolve_dsn, scrub
from schemacheck.errors import DatabaseError, UsageError
from schemacheck.introspect import introspect

# -- resolve_dsn


def test_cli_dsn_wins_over_everything() -> None:
    env = {"DATABASE_URL": "postgresql://env/db", "PGHOST": "pghost"}
    assert resolve_dsn("postgresql://cli/db", env) == "postgresql://cli/db"


def test_database_url_comes_second() -> None:
    env = {"DATABASE_URL": " postgresql://env/db ", "PGHOST": "pghost"}
    assert resolve_dsn(None, env) == "postgresql://env/db"


@pytest.mark.parametrize(
    "var", ["PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGSERVICE"]
)
def test_any_libpq_variable_means_let_libpq_read_the_environment(var: str) -> None:
    assert resolve_dsn(None, {var: "x"}) == ""
    assert resolve_dsn("", {var: "x"}) == ""


def test_nothing_given_is_a_usage_error_that_says_how() -> None:
    with pytest.raises(UsageError) as info:
        resolve_dsn(None, {"PGHOST": "  ", "HOME": "/root"})
    message = str(info.value)
    assert "--dsn" in message and "DATABASE_URL" in message and "PGHOST" in message
    assert "\n" not in message


# -- redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("postgresql://user:secret@host/db", "postgresql://user:***@host/db"),
        ("postgres://user:secret@host:6543/db", "postgres://user:***@host:6543/db"),
        ("POSTGRESQL://user:secret@host/db", "POSTGRESQL://user:***@host/db"),
        ("postgresql://:secret@host/db", "postgresql://:***@host/db"),
        ("postgresql://user:p%40ss@host/db", "postgresql://user:***@host/db"),
        ("postgresql://user:pa@ss@host/db", "postgresql://user:***@host/db"),
        ("postgresql://user@host/db", "postgresql://user@host/db"),
        ("postgresql://host/db?password=secret", "postgresql://host/db?password=***"),
        (
            "postgresql://u@host/db?sslmode=require&password=secret&connect_timeout=3",
            "postgresql://u@host/db?sslmode=require&password=***&connect_timeout=3",
        ),
        ("postgresql://u@h/db?sslpassword=secret", "postgresql://u@h/db?sslpassword=***"),
        ("host=h password=secret dbname=d", "host=h password=*** dbname=d"),
        ("host=h password = secret dbname=d", "host=h password = *** dbname=d"),
        ("host=h password='se cret' dbname=d", "host=h password=*** dbname=d"),
        (r"host=h password='it\'s a secret' dbname=d", "host=h password=*** dbname=d"),
        ("host=h PASSWORD=secret", "host=h PASSWORD=***"),
        ("password=secret", "password=***"),
        ("PGPASSWORD=secret psql", "PGPASSWORD=*** psql"),
        ("host=h sslpassword=secret", "host=h sslpassword=***"),
        ("passfile=/home/u/.pgpass host=h", "passfile=/home/u/.pgpass host=h"),
        ("host=h dbname=password", "host=h dbname=password"),
        ("no dsn here", "no dsn here"),
    ],
)
def test_redact(text: str, expected: str) -> None:
    assert redact(text) == expected
    assert "secret" not in redact(text)


def test_redact_inside_a_sentence_and_twice() -> None:
    text = (
        "failed for postgresql://a:one1@h1/db and 'host=h2 password=two2': "
        "see postgresql://b:three3@h3/db?password=four4"
    )
    out = redact(text)
    for secret in ("one1", "two2", "three3", "four4"):
        assert secret not in out
    assert "h1/db" in out and "host=h2" in out and "h3/db" in out


def test_scrub_removes_the_password_by_value_too() -> None:
    dsn = "host=h user=u password=hunter22"
    assert scrub("server said: hunter22 is wrong", dsn, {}) == "server said: *** is wrong"
    assert "pgpass99" not in scrub("x pgpass99 y", "", {"PGPASSWORD": "pgpass99"})


# -- describe


@pytest.mark.parametrize(
    ("dsn", "expected"),
    [
        ("postgresql://alice:secret@db.example.com:6543/shop", "alice@db.example.com:6543/shop"),
        ("host=/tmp/pg port=5 user=bob password=secret dbname=x", "bob@/tmp/pg:5/x"),
        ("postgresql://alice@h/shop?password=secret", "alice@h:5432/shop"),
    ],
)
def test_describe_never_shows_the_password(dsn: str, expected: str) -> None:
    assert describe(dsn, {}) == expected


def test_describe_fills_in_from_the_environment() -> None:
    env = {"PGHOST": "envhost", "PGPORT": "7777", "PGUSER": "carol", "PGDATABASE": "envdb"}
    assert describe("", env) == "carol@envhost:7777/envdb"
    assert describe("dbname=other", env) == "carol@envhost:7777/other"


def test_describe_an_unparsable_dsn_without_echoing_it() -> None:
    out = describe("host=h password=s3 cr3t", {})
    assert "s3" not in out and "cr3t" not in out


# -- errors from a failed connection carry no password


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


@pytest.mark.parametrize(
    "template",
    [
        "postgresql://schemacheck:S3cr3t-pw@127.0.0.1:{port}/shop",
        "postgresql://schemacheck@127.0.0.1:{port}/shop?password=S3cr3t-pw",
        "host=127.0.0.1 port={port} user=schemacheck password=S3cr3t-pw dbname=shop",
        "host=127.0.0.1 port={port} user=schemacheck password='S3cr3t-pw x' dbname=shop",
    ],
)
def test_connection_error_names_the_database_but_not_the_password(template: str) -> None:
    dsn = template.format(port=_closed_port())
    with pytest.raises(DatabaseError) as info:
        introspect(dsn, connect_timeout_s=5)
    message = str(info.value)
    assert "S3cr3t" not in message
    assert "schemacheck@127.0.0.1" in message and "/shop" in message
    assert "\n" not in message


def test_malformed_dsn_is_a_usage_error_without_the_password() -> None:
    with pytest.raises(UsageError) as info:
        introspect("host=127.0.0.1 password=se cret-pw dbname=x")
    assert "cret-pw" not in str(info.value)
    assert "\n" not in str(info.value)


def test_a_value_libpq_cannot_take_is_the_users_input_not_an_unreachable_server() -> None:
    assert bad_option('connection is bad: invalid integer value "x" for connection option "port"')
    assert bad_option('invalid sslmode value: "bogus"')
    assert not bad_option('connection to server at "127.0.0.1", port 1 failed: Connection refused')
    assert not bad_option('FATAL:  database "nope" does not exist')


@pytest.mark.parametrize("option", ["127.0.0.1:notaport/db", "127.0.0.1:5432/db?sslmode=bogus"])
def test_audit_names_a_bad_connection_value_as_input_with_exit_2(
    option: str, repo_root: Path
) -> None:
    out, err = io.StringIO(), io.StringIO()
    dsn = f"postgresql://u:s3cret@{option}"
    spec = str(repo_root / "expected" / "batch3.json")
    code = run(["audit", "--dsn", dsn, "--spec", spec], out, err)
    assert code == 2
    assert err.getvalue().startswith("schemacheck: error: invalid DSN: invalid ")
    assert "s3cret" not in err.getvalue() + out.getvalue()
