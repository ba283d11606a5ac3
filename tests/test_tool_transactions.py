"""The transaction a migration tool opens around a file (goose, dbmate, Flyway), as lint sees
it: which statements run inside it (`Statement.in_transaction`, `transaction_tool`), which of
them PostgreSQL refuses there (SC007, checked on real servers by running each section as the
tool does), how SC001/SC008 advise CONCURRENTLY there, how the rules that read transactions
judge such a file, and that a cached parse made before these facts existed is not served."""

from __future__ import annotations

import io
import json
import pickle
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg.pq import TransactionStatus

import schemacheck
from schemacheck.cli import run
from schemacheck.ddl import cache as cache_module
from schemacheck.ddl import parse_bytes, parse_text
from schemacheck.ddl.cache import ParseCache
from schemacheck.ddl.sections import section_text
from schemacheck.ddl.statement import SqlFile
from schemacheck.embedded import DatabaseServer
from schemacheck.lint import lint_files

# ---------------------------------------------------------------- files

SETUP = """
CREATE TABLE t (id int PRIMARY KEY, v int);
CREATE INDEX t_old_idx ON t (v);
CLUSTER t USING t_pkey;
CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
"""

# every statement SC007 knows, and their neighbours PostgreSQL runs in a transaction block
_MAINTENANCE = """ALTER TABLE t ADD COLUMN w int;
CREATE INDEX CONCURRENTLY t_v_idx ON t (v);
CREATE INDEX t_w_idx ON t (w);
VACUUM t;
ANALYZE t;
REINDEX TABLE CONCURRENTLY t;
REINDEX (CONCURRENTLY) INDEX t_old_idx;
REINDEX TABLE t;
REINDEX SCHEMA public;
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;
CLUSTER;
CLUSTER t USING t_pkey;
DISCARD ALL;
DISCARD PLANS;
ALTER SYSTEM RESET work_mem;
"""

GOOSE = f"""-- +goose Up
{_MAINTENANCE}
-- +goose Down
DROP INDEX CONCURRENTLY t_old_idx;
DROP INDEX t_w_idx;
ALTER TABLE t DROP COLUMN w;
"""

CASES: dict[str, tuple[str, str]] = {
    # name: (file name, text)
    "goose": ("20240101000001_maintenance.sql", GOOSE),
    "goose_no_transaction": (
        "20240101000002_maintenance.sql",
        "-- +goose NO TRANSACTION\n" + GOOSE,
    ),
    "goose_create_database": (
        "20240101000003_db.sql",
        "-- +goose Up\nCREATE DATABASE never_made_in_a_transaction;\n",
    ),
    "goose_commit_ends_its_transaction": (
        "20240101000004_commit.sql",
        "-- +goose Up\nALTER TABLE t ADD COLUMN z int;\nCOMMIT;\n"
        "CREATE INDEX CONCURRENTLY t_z_idx ON t (z);\n",
    ),
    "goose_nested_begin": (
        "20240101000005_nested.sql",
        "-- +goose Up\nBEGIN;\nCREATE INDEX CONCURRENTLY t_y_idx ON t (v);\nCOMMIT;\n",
    ),
    "dbmate_up_in_transaction": (
        "20240101000006_idx.sql",
        "-- migrate:up\nCREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n\n"
        "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY t_old_idx;\n",
    ),
    "dbmate_down_in_transaction": (
        "20240101000007_idx.sql",
        "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY t_v_idx ON t (v);\n"
        "VACUUM t;\n\n-- migrate:down\nDROP INDEX CONCURRENTLY t_v_idx;\nVACUUM t;\n",
    ),
    "flyway_reindex_concurrently": (
        "V8__reindex.sql",
        "REINDEX INDEX CONCURRENTLY t_old_idx;\n",
    ),
}


def _sections(f: SqlFile) -> list[SqlFile]:
    return [f] + ([f.down] if f.down is not None else [])


def _flagged(f: SqlFile, code: str = "SC007") -> set[tuple[str, int]]:
    """(section, line) of each finding of `code`."""
    report = lint_files(_sections(f))
    lines = {x.location.line for x in report.findings if x.code == code and x.location}
    down = f.down.statements[0].line if f.down is not None else 1 << 30
    return {("down" if line >= down else "up", line) for line in lines}


def _run_as_the_tool(dsn: str, f: SqlFile) -> tuple[set[tuple[str, int]], list[str]]:
    """Each section of `f` run as its tool runs it: inside BEGIN ... COMMIT when the tool opens
    a transaction around it, else statement by statement in autocommit. A statement run inside
    a transaction is run under a savepoint, so one refused does not stop the others. Returns
    the (section, line) of the statements refused as not runnable in a transaction block
    (SQLSTATE 25001), and every other error."""
    refused: set[tuple[str, int]] = set()
    others: list[str] = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        for sec in _sections(f):
            name = sec.section or "up"
            if sec.tool_transaction:
                conn.execute("BEGIN")
            for s in sec.statements:
                inside = conn.info.transaction_status == TransactionStatus.INTRANS
                if not inside or s.kind in ("begin", "commit", "rollback"):
                    try:
                        conn.execute(s.text)
                    except psycopg.Error as e:
                        others.append(f"{name}:{s.line}: {e.sqlstate} {e}")
                    continue
                conn.execute("SAVEPOINT one_statement")
                try:
                    conn.execute(s.text)
                except psycopg.Error as e:
                    conn.execute("ROLLBACK TO SAVEPOINT one_statement")
                    if e.sqlstate == "25001":
                        refused.add((name, s.line))
                    else:
                        others.append(f"{name}:{s.line}: {e.sqlstate} {e}")
                else:
                    conn.execute("RELEASE SAVEPOINT one_statement")
            if conn.info.transaction_status == TransactionStatus.INTRANS:
                conn.execute("COMMIT")
    return refused, others


@pytest.mark.parametrize("case", sorted(CASES))
def test_sc007_flags_exactly_what_postgresql_refuses_in_the_tools_transaction(
    case: str, fresh_db_any: str
) -> None:
    name, text = CASES[case]
    f = parse_text(text, f"db/migrations/{name}")
    flagged = _flagged(f)
    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        conn.execute(SETUP)
    try:
        refused, others = _run_as_the_tool(fresh_db_any, f)
    finally:
        with psycopg.connect(fresh_db_any, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS never_made_in_a_transaction")
    assert others == []
    assert refused == flagged
    # the opted-out file, and a CONCURRENTLY after the COMMIT that ended goose's transaction,
    # run (no other error above); every other case holds a refused statement
    assert (flagged == set()) == (
        case in ("goose_no_transaction", "goose_commit_ends_its_transaction")
    )


def test_the_goose_case_flags_every_statement_postgresql_refuses_there() -> None:
    f = parse_text(GOOSE, "db/migrations/20240101000001_maintenance.sql")
    body_line = {s.text: s.line for s in f.statements}
    refused_kinds = [
        "CREATE INDEX CONCURRENTLY t_v_idx ON t (v)",
        "VACUUM t",
        "REINDEX TABLE CONCURRENTLY t",
        "REINDEX (CONCURRENTLY) INDEX t_old_idx",
        "REINDEX SCHEMA public",
        "ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY",
        "CLUSTER",
        "DISCARD ALL",
        "ALTER SYSTEM RESET work_mem",
    ]
    assert f.down is not None
    expected = {("up", body_line[t]) for t in refused_kinds} | {("down", f.down.statements[0].line)}
    assert _flagged(f) == expected


# ---------------------------------------------------------------- the model


def test_goose_up_and_down_each_run_in_a_transaction_of_their_own() -> None:
    f = parse_text(GOOSE, "db/migrations/20240101000001_maintenance.sql")
    assert f.down is not None
    assert (f.tool, f.tool_transaction, f.down.tool, f.down.tool_transaction) == (
        "goose",
        True,
        "goose",
        True,
    )
    up = {s.transaction for s in f.statements}
    down = {s.transaction for s in f.down.statements}
    assert len(up) == 1 and len(down) == 1 and up != down and None not in up | down
    assert all(s.in_transaction and s.transaction_tool == "goose" for s in f.statements)
    no = parse_text("-- +goose NO TRANSACTION\n" + GOOSE, "db/migrations/20240101000002_x.sql")
    assert no.down is not None and not no.tool_transaction and not no.down.tool_transaction
    assert not any(s.in_transaction for s in no.statements + no.down.statements)


def test_dbmate_decides_per_section() -> None:
    _, text = CASES["dbmate_up_in_transaction"]
    f = parse_text(text, "db/migrations/20240101000006_idx.sql")
    assert f.down is not None
    assert (f.tool, f.tool_transaction, f.down.tool_transaction) == ("dbmate", True, False)
    assert [s.transaction_tool for s in f.statements + f.down.statements] == ["dbmate", ""]


def test_flyway_runs_a_migration_outside_a_transaction_when_it_knows_it_must() -> None:
    alone = parse_text("CREATE INDEX CONCURRENTLY i ON t (v);\n", "db/V1__i.sql")
    plain = parse_text("CREATE INDEX i ON t (v);\n", "db/V2__i.sql")
    undo = parse_text("DROP INDEX i;\n", "db/U2__i.sql")
    unknown = parse_text("REINDEX INDEX CONCURRENTLY i;\n", "db/V3__i.sql")
    assert (alone.tool, alone.tool_transaction) == ("flyway", False)
    assert (plain.tool_transaction, undo.tool_transaction, unknown.tool_transaction) == (
        True,
        True,
        True,
    )
    assert [s.transaction_tool for s in plain.statements] == ["flyway"]
    other = parse_text("CREATE INDEX i ON t (v);\n", "db/118_i.sql")
    assert (other.tool, other.tool_transaction, other.statements[0].in_transaction) == (
        "",
        False,
        False,
    )


def test_flyway_mixing_is_reported_at_the_statement_flyway_runs_outside() -> None:
    f = parse_text(
        "ALTER TABLE t ADD COLUMN x int;\nCREATE INDEX CONCURRENTLY i ON t (x);\n",
        "db/V4__mixed.sql",
    )
    (hit,) = [x for x in lint_files([f]).findings if x.code == "SC007"]
    assert hit.location is not None and hit.location.line == 2
    assert "refuses one that also holds other statements" in hit.message
    assert "mixed=true" in hit.message


def test_messages_name_the_tools_way_out() -> None:
    def sc007(text: str, name: str) -> list[str]:
        f = parse_text(text, f"db/migrations/{name}")
        return [x.message for x in lint_files(_sections(f)).findings if x.code == "SC007"]

    (goose,) = sc007(CASES["goose_create_database"][1], "20240101000003_db.sql")
    assert goose.startswith("CREATE DATABASE cannot run inside a transaction block, and goose")
    assert goose.endswith("add `-- +goose NO TRANSACTION` to the file")
    # its up section (transaction:false) holds two statements, which dbmate sends as one query
    messages = sc007(*reversed(CASES["dbmate_down_in_transaction"]))
    one_query, down = messages[:2], messages[2]
    assert [m.split(" cannot run")[0] for m in one_query] == ["CREATE INDEX CONCURRENTLY", "VACUUM"]
    for m in one_query:
        assert "dbmate sends this migrate:up section (transaction:false) to PostgreSQL as one" in m
        assert m.endswith(
            "move it to a migration file of its own (its marker `-- migrate:up transaction:false`)"
        )
    assert "`-- migrate:down transaction:false`" in down
    (up,) = sc007(*reversed(CASES["dbmate_up_in_transaction"]))
    assert "`-- migrate:up transaction:false`" in up
    (flyway,) = sc007("REINDEX INDEX CONCURRENTLY i;\n", "V8__reindex.sql")
    assert "V8__reindex.sql.conf saying executeInTransaction=false" in flyway
    (begin,) = sc007("BEGIN;\nVACUUM t;\nCOMMIT;\n", "118_x.sql")
    assert begin == (
        "VACUUM cannot run inside a transaction block (BEGIN is open): PostgreSQL rejects it"
    )


def test_sc001_and_sc008_advice_also_leaves_the_transaction() -> None:
    def message(code: str, text: str, name: str = "20240101000009_x.sql") -> str:
        f = parse_text(text, f"db/migrations/{name}")
        (hit,) = [x for x in lint_files(_sections(f)).findings if x.code == code]
        return hit.message

    goose = message("SC001", "-- +goose Up\nCREATE INDEX i ON t (v);\n")
    assert goose.endswith("so also add `-- +goose NO TRANSACTION` to the file")
    dbmate = message("SC008", "-- migrate:up\nDROP INDEX i;\n")
    assert dbmate.endswith("so also write its marker as `-- migrate:up transaction:false`")
    begin = message("SC001", "BEGIN;\nCREATE INDEX i ON t (v);\nCOMMIT;\n", "118_x.sql")
    assert begin.endswith("CONCURRENTLY also needs it moved out of BEGIN/COMMIT")
    plain = message("SC001", "CREATE INDEX i ON t (v);\n", "118_x.sql")
    assert plain.endswith("blocks all writes to it while the index builds")
    alone = message("SC008", "-- +goose NO TRANSACTION\n-- +goose Up\nDROP INDEX i;\n")
    assert alone.endswith("while it waits")


def _codes(text: str, name: str = "20240101000010_x.sql") -> dict[str, list[int]]:
    f = parse_text(text, f"db/migrations/{name}")
    out: dict[str, list[int]] = {}
    for x in lint_files(_sections(f)).findings:
        out.setdefault(x.code, []).append(x.location.line if x.location else 0)
    return out


def test_rules_reading_transactions_see_the_tools() -> None:
    backfill = "ALTER TABLE t ADD COLUMN c int;\nUPDATE t SET c = 1 WHERE c IS NULL;\n"
    assert _codes("-- +goose Up\n" + backfill).get("SC023") == [3]
    assert "SC023" not in _codes("-- +goose NO TRANSACTION\n-- +goose Up\n" + backfill)
    validate = (
        "ALTER TABLE t ADD CONSTRAINT c_pos CHECK (v > 0) NOT VALID;\n"
        "ALTER TABLE t VALIDATE CONSTRAINT c_pos;\n"
    )
    assert _codes("-- migrate:up\n" + validate).get("SC006") == [3]
    assert "SC006" not in _codes("-- +goose NO TRANSACTION\n-- +goose Up\n" + validate)
    # dbmate sends a transaction:false section as one query: one implicit transaction
    assert _codes("-- migrate:up transaction:false\n" + validate).get("SC006") == [3]
    create = "CREATE TABLE n (id int);\n"
    assert "SC025" not in _codes("-- +goose Up\n" + create)  # a failure rolls it back
    assert _codes("-- +goose NO TRANSACTION\n-- +goose Up\n" + create).get("SC025") == [3]


def test_a_begin_or_commit_inside_the_tools_transaction_is_a_mismatch() -> None:
    nested = _codes("-- +goose Up\nBEGIN;\nCREATE TABLE n (id int);\nCOMMIT;\n")
    assert nested.get("SC037") == [2] and "SC024" not in nested
    bare = _codes("-- migrate:up\nCREATE TABLE n (id int);\nCOMMIT;\n")
    assert bare.get("SC037") == [3]
    opted_out = _codes("-- +goose NO TRANSACTION\n-- +goose Up\nBEGIN;\nCREATE TABLE n (id int);\n")
    assert opted_out.get("SC024") == [3] and "SC037" not in opted_out
    f = parse_text("-- +goose Up\nBEGIN;\nSELECT 1;\n", "db/migrations/20240101000011_x.sql")
    assert [p.kind for p in f.problems] == ["nested_transaction"]
    assert "goose" in f.problems[0].message


# ---------------------------------------------------------------- the cache


def test_pickled_statements_keep_the_tools_transaction() -> None:
    f = parse_text(GOOSE, "db/migrations/20240101000001_maintenance.sql")
    back = pickle.loads(pickle.dumps(f, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == f and back.down is not None and back.down.tool_transaction
    assert [s.transaction_tool for s in back.statements] == ["goose"] * len(f.statements)


def test_a_parse_cached_by_other_code_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cache key holds the code fingerprint, which follows the size and time of every
    module: a goose file cached by code that did not know the tools' transactions (played
    here by an entry without them, under the fingerprint of a package copy before an edit of
    its statement model) is parsed again, with them, once the module changed."""
    package = tmp_path / "pkg" / "schemacheck"
    shutil.copytree(
        Path(schemacheck.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__")
    )
    monkeypatch.setattr(schemacheck, "__file__", str(package / "__init__.py"))
    name, text = CASES["goose"]
    data = text.encode()
    path = f"db/migrations/{name}"

    before = ParseCache(tmp_path / "cache")
    source = before.source(path, data)
    stale = parse_text(text, path)
    stale = SqlFile(stale.path, stale.role, stale.version, stale.statements[:1])  # no tool
    before._store("files", source.key, stale)
    assert before.parse(source) == stale and before.loaded == 1  # served while code is same

    with open(package / "ddl" / "statement.py", "a") as fh:
        fh.write("\n# the statement model changed\n")
    after = ParseCache(tmp_path / "cache")
    assert after.fingerprint != before.fingerprint
    assert cache_module.code_fingerprint() == after.fingerprint
    again = after.parse(after.source(path, data))
    assert (after.parsed, after.loaded) == (1, 0)
    assert again.tool == "goose" and again.tool_transaction


# ---------------------------------------------------------------- files sent as one query

# golang-migrate's PostgreSQL drivers (`database/postgres` `Run`, without x-multi-statement)
# send a whole file as one query string without parameters; dbmate sends a section with
# `transaction:false` as one `Exec`. PostgreSQL runs a query string of several statements as
# one implicit transaction block. psycopg sends a query without parameters the same way (the
# simple query protocol).
CASE_DIR = Path(__file__).resolve().parent / "rules" / "cases"
ONE_QUERY_PROJECTS = (
    "SC007/golang-migrate",
    "SC007/dbmate-no-transaction",
    "SC043/golang-migrate",
    "SC043/dbmate-no-transaction",
)
_GOLANG_MIGRATE_FILE = re.compile(r"^\d+_.*\.(?:up|down)\.sql$")
_DBMATE_MARKER = re.compile(r"^--\s*migrate:(up|down)\b(.*)$", re.M)
# what PostgreSQL answers a part that each rule flags
_REFUSAL = {"SC007": "25001", "SC043": "55P04"}


@dataclass(frozen=True)
class OneQueryPart:
    project: str
    path: str  # below the cases folder, as the rule cases lint it
    section: str  # `up`/`down` of a dbmate file; empty for a whole file
    text: str
    xfail: bool  # the case states behaviour lint lacks yet

    @property
    def id(self) -> str:
        return f"{self.path}:{self.section}" if self.section else self.path


def _one_query_parts() -> list[OneQueryPart]:
    """Each file (golang-migrate) or section (dbmate, `transaction:false`) of the projects
    above that its tool sends to PostgreSQL as one query."""
    out: list[OneQueryPart] = []
    for project in ONE_QUERY_PROJECTS:
        for p in sorted((CASE_DIR / project).rglob("*.sql")):
            if p.parent.name == "prerequisites":
                continue
            text = p.read_text()
            rel = p.relative_to(CASE_DIR).as_posix()
            xfail = "-- xfail:" in text
            if _GOLANG_MIGRATE_FILE.match(p.name):
                out.append(OneQueryPart(project, rel, "", text, xfail))
                continue
            for which, options in _DBMATE_MARKER.findall(text):
                if "transaction:false" in options.split():
                    part = section_text(text, which)
                    out.append(OneQueryPart(project, rel, which, part, xfail))
    return out


ONE_QUERY_PARTS = _one_query_parts()


def _flagged_parts(project: str) -> dict[tuple[str, str], set[str]]:
    """The SC007/SC043 codes lint raises in each file or section of a project (linted whole,
    each file under its path below the cases folder, as the rule cases are)."""
    root = CASE_DIR / project
    files = [
        parse_bytes(p.read_bytes(), p.relative_to(CASE_DIR).as_posix())
        for p in sorted(root.rglob("*.sql"))
    ]
    down_line = {f.path: f.down.statements[0].line for f in files if f.down is not None}
    out: dict[tuple[str, str], set[str]] = {}
    for x in lint_files(files).findings:
        if x.code not in _REFUSAL or x.location is None:
            continue
        path, line = x.location.path, x.location.line
        section = ""
        if _DBMATE_MARKER.search((CASE_DIR / path).read_text()):
            section = "down" if line >= down_line.get(path, 1 << 30) else "up"
        out.setdefault((path, section), set()).add(x.code)
    return out


def _run_as_one_query(dsn: str, part: OneQueryPart) -> str | None:
    """The project's prerequisites, then the part as ONE query, as its tool sends it; the
    SQLSTATE PostgreSQL refuses the part with, None when it runs."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        for p in sorted((CASE_DIR / part.project / "prerequisites").glob("*.sql")):
            conn.execute(p.read_text())
        try:
            conn.execute(part.text)
        except psycopg.Error as e:
            return e.sqlstate
    return None


def test_the_one_query_cases_hold_parts_postgresql_refuses_and_parts_it_runs() -> None:
    flagged = {key for project in ONE_QUERY_PROJECTS for key in _flagged_parts(project)}
    ids = {(p.path, p.section) for p in ONE_QUERY_PARTS}
    assert flagged <= ids  # every flagged part is one the tool sends as one query
    assert 0 < len(flagged) < len(ids)
    projects_flagging = {p.project for p in ONE_QUERY_PARTS if (p.path, p.section) in flagged}
    assert projects_flagging == set(ONE_QUERY_PROJECTS)


@pytest.mark.parametrize("part", ONE_QUERY_PARTS, ids=[p.id for p in ONE_QUERY_PARTS])
def test_exactly_the_parts_sc007_and_sc043_flag_fail_when_sent_as_one_query(
    part: OneQueryPart, fresh_db_any: str
) -> None:
    codes = _flagged_parts(part.project).get((part.path, part.section), set())
    refused = _run_as_one_query(fresh_db_any, part)
    if part.xfail:
        # the case lint does not meet yet: PostgreSQL refuses it, which is what the case says
        assert codes == set() and refused == "25001"
        return
    assert len(codes) <= 1
    assert refused == (_REFUSAL[next(iter(codes))] if codes else None)


def test_golang_migrate_files_of_several_statements_run_in_one_implicit_transaction() -> None:
    several = parse_text(
        "ALTER TABLE t ADD COLUMN x int;\nCREATE INDEX CONCURRENTLY i ON t (x);\n",
        "db/migrations/000001_x.up.sql",
    )
    assert (several.tool, several.tool_transaction) == ("golang-migrate", True)
    assert [s.transaction for s in several.statements] == [0, 0]
    assert all(s.in_transaction for s in several.statements)
    assert {s.transaction_tool for s in several.statements} == {"golang-migrate:one-query"}
    down = parse_text("DROP INDEX i;\nALTER TABLE t DROP COLUMN x;\n", "db/000001_x.down.sql")
    assert (down.role, down.tool, down.tool_transaction) == ("rollback", "golang-migrate", True)
    # one statement: no transaction block (sqlx would open one: nothing is claimed)
    alone = parse_text("CREATE INDEX CONCURRENTLY i ON t (x);\n", "db/000002_x.up.sql")
    assert (alone.tool, alone.tool_transaction) == ("golang-migrate", False)
    assert not alone.statements[0].in_transaction
    # empty statements and comments are no statements
    alone = parse_text("-- x\nCREATE INDEX CONCURRENTLY i ON t (x);\n;\n", "db/000003_x.up.sql")
    assert not alone.tool_transaction
    # Diesel's `up.sql` in a migration's folder is Diesel's (its own transaction), not
    # golang-migrate's; a plain migration is no tool's
    diesel = parse_text(several.text, "migrations/2024-01-01-000000_x/up.sql")
    plain = parse_text(several.text, "db/migrations/000001_x.sql")
    assert (diesel.tool, plain.tool) == ("diesel", "")
    assert all(s.in_transaction for s in diesel.statements)
    assert not any(s.in_transaction for s in plain.statements)


def test_a_file_with_its_own_transaction_control_is_read_as_written() -> None:
    for text in (
        "BEGIN;\nALTER TABLE t ADD COLUMN x int;\nCOMMIT;\nCREATE INDEX CONCURRENTLY i ON t (x);\n",
        "START TRANSACTION;\nALTER TABLE t ADD COLUMN x int;\nEND;\nVACUUM t;\n",
        "ALTER TABLE t ADD COLUMN x int;\nSAVEPOINT a;\nSELECT 1;\n",
    ):
        as_tool = parse_text(text, "db/migrations/000001_x.up.sql")
        as_written = parse_text(text, "db/migrations/001_x.sql")
        assert not as_tool.tool_transaction

        def txn(f: SqlFile) -> list[tuple[bool, int | None, str]]:
            return [(s.in_transaction, s.transaction, s.transaction_tool) for s in f.statements]

        assert txn(as_tool) == txn(as_written)
        assert as_tool.problems == as_written.problems


def test_dbmate_sends_a_transaction_false_section_as_one_query() -> None:
    text = (
        "-- migrate:up transaction:false\nALTER TABLE t ADD COLUMN x int;\n"
        "CREATE INDEX CONCURRENTLY i ON t (x);\n\n"
        "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY i;\n"
    )
    f = parse_text(text, "db/migrations/20240101000012_x.sql")
    assert f.down is not None
    assert (f.tool, f.tool_transaction, f.down.tool_transaction) == ("dbmate", True, False)
    assert [s.transaction_tool for s in f.statements + f.down.statements] == [
        "dbmate:one-query",
        "dbmate:one-query",
        "",
    ]
    # the down section of several statements, the up section of one
    swapped = (
        "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (x);\n\n"
        "-- migrate:down transaction:false\nDROP INDEX CONCURRENTLY i;\nSELECT 1;\n"
    )
    g = parse_text(swapped, "db/migrations/20240101000013_x.sql")
    assert g.down is not None and (g.tool_transaction, g.down.tool_transaction) == (False, True)
    assert g.statements[0].transaction is None
    (down_txn,) = {s.transaction for s in g.down.statements}
    assert down_txn is not None


def test_rules_see_the_implicit_transaction_and_name_the_way_out() -> None:
    def findings(text: str, name: str) -> list[tuple[str, int, str]]:
        f = parse_text(text, f"db/migrations/{name}")
        return [
            (x.code, x.location.line if x.location else 0, x.message)
            for x in lint_files(_sections(f)).findings
        ]

    mixed = "ALTER TABLE t ADD COLUMN x int;\nCREATE INDEX CONCURRENTLY i ON t (x);\n"
    ((_, line, message),) = [x for x in findings(mixed, "000001_x.up.sql") if x[0] == "SC007"]
    assert line == 2
    assert message == (
        "CREATE INDEX CONCURRENTLY cannot run inside a transaction block, and golang-migrate "
        "sends this file to PostgreSQL as one query, which PostgreSQL runs as one transaction "
        "block since it holds several statements: PostgreSQL rejects it; move it to a "
        "migration file of its own (for sqlx, which names its files alike, one starting with "
        "`-- no-transaction`)"
    )
    codes = {c for c, _, _ in findings(mixed, "000001_x.up.sql")}
    assert not codes & {"SC024", "SC037"}
    assert "SC007" not in {c for c, _, _ in findings(mixed, "001_x.sql")}
    # SC001's advice leaves the implicit transaction too
    plain_index = "CREATE INDEX i ON t (v);\nANALYZE t;\n"
    (sc001,) = [m for c, _, m in findings(plain_index, "000002_x.up.sql") if c == "SC001"]
    assert sc001.endswith(
        "(golang-migrate sends this file to PostgreSQL as one query, which PostgreSQL runs as "
        "one transaction block since it holds several statements), so also move it to a "
        "migration file of its own (for sqlx, which names its files alike, one starting with "
        "`-- no-transaction`)"
    )
    # a backfill in the same implicit transaction as the DDL: SC023
    backfill = "ALTER TABLE t ADD COLUMN c int;\nUPDATE t SET c = 1 WHERE c IS NULL;\n"
    assert [line for c, line, _ in findings(backfill, "000003_x.up.sql") if c == "SC023"] == [2]
    assert "SC023" not in {c for c, _, _ in findings(backfill, "003_x.sql")}
    # a failure rolls the whole file back: SC025 has nothing to say
    create = "CREATE TABLE n (id int);\nCREATE TABLE m (id int);\n"
    assert "SC025" not in {c for c, _, _ in findings(create, "000004_x.up.sql")}
    assert [line for c, line, _ in findings(create, "004_x.sql") if c == "SC025"] == [1, 2]


EMPTY_SPEC = '{"spec_version": 1, "schemas": {}}'


def _write_project(root: Path, second_up: str) -> Path:
    sql = root / "sql"
    (sql / "prerequisites").mkdir(parents=True)
    (sql / "migrations").mkdir()
    (sql / "prerequisites" / "001_messages.sql").write_text(
        "CREATE TABLE messages (id int PRIMARY KEY, sender_id int);\n"
    )
    migrations = sql / "migrations"
    (migrations / "000001_index_alone.up.sql").write_text(
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_messages_sender ON messages (sender_id);\n"
    )
    (migrations / "000001_index_alone.down.sql").write_text(
        "DROP INDEX CONCURRENTLY IF EXISTS idx_messages_sender;\n"
    )
    (migrations / "000002_column.up.sql").write_text(second_up)
    (migrations / "000002_column.down.sql").write_text(
        "DROP INDEX IF EXISTS idx_messages_x;\nALTER TABLE messages DROP COLUMN IF EXISTS x;\n"
    )
    (root / "spec.json").write_text(EMPTY_SPEC)
    return root


def _check(root: Path, dsn: str) -> tuple[int, dict[str, Any]]:
    out, err = io.StringIO(), io.StringIO()
    argv = ["check", "--sql", str(root / "sql"), "--dsn", dsn, "--no-lint"]
    code = run([*argv, "--spec", str(root / "spec.json"), "--format", "json"], out, err)
    assert err.getvalue() == ""
    report: dict[str, Any] = json.loads(out.getvalue())
    return code, report


def test_check_applies_a_file_sent_as_one_query_as_one_transaction(
    tmp_path: Path, pg_server: DatabaseServer
) -> None:
    """`check` runs a golang-migrate file of several statements in one transaction, as
    PostgreSQL runs the one query the tool sends, and a file of one statement outside any:
    the lone CREATE INDEX CONCURRENTLY applies, and rolls back, in both projects."""
    fine = _write_project(
        tmp_path / "fine",
        "ALTER TABLE messages ADD COLUMN x int;\nCREATE INDEX idx_messages_x ON messages (x);\n",
    )
    code, report = _check(fine, pg_server.dsn())
    assert [f["code"] for f in report["findings"]] == []
    assert code == 0
    refused = _write_project(
        tmp_path / "refused",
        "ALTER TABLE messages ADD COLUMN x int;\n"
        "CREATE INDEX CONCURRENTLY idx_messages_x ON messages (x);\n",
    )
    code, report = _check(refused, pg_server.dsn())
    assert code == 1
    (finding,) = report["findings"]
    assert finding["code"] == "SC920"
    assert finding["location"]["path"].endswith("000002_column.up.sql")
    assert finding["location"]["line"] == 2
    assert "cannot run inside a transaction block" in finding["message"]
    assert "25001" in finding["message"]
