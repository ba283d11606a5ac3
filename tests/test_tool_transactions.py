"""The transaction a migration tool opens around a file (goose, dbmate, Flyway), as lint sees
it: which statements run inside it (`Statement.in_transaction`, `transaction_tool`), which of
them PostgreSQL refuses there (SC007, checked on real servers by running each section as the
tool does), how SC001/SC008 advise CONCURRENTLY there, how the rules that read transactions
judge such a file, and that a cached parse made before these facts existed is not served."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import psycopg
import pytest
from psycopg.pq import TransactionStatus

import schemacheck
from schemacheck.ddl import cache as cache_module
from schemacheck.ddl import parse_text
from schemacheck.ddl.cache import ParseCache
from schemacheck.ddl.statement import SqlFile
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
