"""The names the rules expect PostgreSQL to give unnamed indexes and constraints (so that a
rollback dropping `messages_sender_id_fkey` is matched with the `ADD FOREIGN KEY (sender_id)`
of its migration) are the names PostgreSQL really gives them."""

from __future__ import annotations

import psycopg
import pytest

from schemacheck.ddl import parse_text
from schemacheck.rules._common import implicit_constraint_names, implicit_index_name

pytestmark = pytest.mark.db

SETUP = """
CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE messages (id bigint NOT NULL, sender_id bigint, reply_to bigint, body text,
    encryption_version int, created_at timestamp, "Mixed" text);
CREATE TABLE a_table_name_that_is_quite_long_to_force_shortening_of_names (
    a_column_name_that_is_also_rather_long_for_the_test bigint, other_column bigint);
"""

ALTERS = [
    "ALTER TABLE messages ADD FOREIGN KEY (sender_id) REFERENCES users (id) NOT VALID",
    "ALTER TABLE messages ADD PRIMARY KEY (id)",
    "ALTER TABLE messages ADD UNIQUE (sender_id, reply_to)",
    "ALTER TABLE messages ADD CHECK (encryption_version > 0) NOT VALID",
    "ALTER TABLE messages ADD CHECK (encryption_version > 0 AND id > 0) NOT VALID",
    "ALTER TABLE messages ADD COLUMN device_id bigint REFERENCES users (id) UNIQUE",
    "ALTER TABLE messages ADD COLUMN score int CHECK (score > 0)",
    "ALTER TABLE a_table_name_that_is_quite_long_to_force_shortening_of_names "
    "ADD UNIQUE (a_column_name_that_is_also_rather_long_for_the_test, other_column)",
]

INDEXES = [
    ("messages", "sender_id"),
    ("messages", "lower(body)"),
    ("messages", "(created_at::date)"),
    ("messages", "(sender_id + reply_to)"),
    ("messages", '"Mixed" DESC NULLS LAST, body text_pattern_ops'),
    ("messages", 'body COLLATE "C", id'),
    (
        "a_table_name_that_is_quite_long_to_force_shortening_of_names",
        "a_column_name_that_is_also_rather_long_for_the_test, other_column",
    ),
]


def _constraint_names(conn: psycopg.Connection[tuple[str]]) -> set[str]:
    rows = conn.execute(
        "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
        "WHERE n.nspname = 'public' AND c.contype <> 'n'"
    ).fetchall()
    return {r[0] for r in rows}


def test_implicit_names_match_postgresql(fresh_db: str) -> None:
    expected_constraints: set[str] = set()
    expected_indexes: set[str] = set()
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        conn.execute(SETUP)
        before = _constraint_names(conn)
        for sql in ALTERS:
            stmt = parse_text(sql + ";", "migrations/001_x.sql").statements[0]
            for action in stmt.facts.actions:
                expected_constraints.update(
                    n
                    for n in implicit_constraint_names(stmt.facts.table, action)
                    if not n.endswith("_not_null")
                )
            conn.execute(sql)
        made = _constraint_names(conn) - before
        for table, columns in INDEXES:
            stmt = parse_text(f"CREATE INDEX ON {table} ({columns});", "migrations/001_x.sql")
            facts = stmt.statements[0].facts
            assert facts.table is not None
            name = implicit_index_name(facts.table, facts.index_columns)
            expected_indexes.add(name)
            conn.execute(f"CREATE INDEX ON {table} ({columns})")
            row = conn.execute(
                "SELECT 1 FROM pg_indexes WHERE schemaname = 'public' AND indexname = %s",
                (name,),
            ).fetchone()
            assert row is not None, f"CREATE INDEX ON {table} ({columns}): not named {name}"
    assert made == expected_constraints
    assert len(expected_indexes) == len(INDEXES)


# Index elements around a call: the call names the index when it is the whole expression (cast,
# collated, with an operator class or an order), otherwise PostgreSQL names it `expr`.
EXPRESSION_ELEMENTS = [
    "(code_of(code) || 'x')",
    "(code_of(code) IS NULL)",
    "(lower(email) LIKE 'a%')",
    "(code_of(code) = 'x')",
    "(code_of(code))",
    "((code_of(code)))",
    "(code_of(code)::varchar)",
    '(code_of(code) COLLATE "C")',
    "code_of(code) DESC NULLS LAST",
    "code_of(code) text_pattern_ops",
    "(code::text)",
    "(id + 1)",
]


def test_implicit_index_names_of_expressions_match_postgresql(fresh_db: str) -> None:
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        conn.execute(
            "CREATE FUNCTION code_of(t text) RETURNS text IMMUTABLE LANGUAGE sql AS 'SELECT t'"
        )
        for element in EXPRESSION_ELEMENTS:
            conn.execute("DROP TABLE IF EXISTS members")
            conn.execute("CREATE TABLE members (id int, code text, email text)")
            sql = f"CREATE INDEX ON members ({element})"
            conn.execute(sql)
            row = conn.execute(
                "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' "
                "AND tablename = 'members'"
            ).fetchone()
            assert row is not None
            facts = parse_text(sql + ";", "migrations/001_x.sql").statements[0].facts
            assert facts.table is not None
            assert implicit_index_name(facts.table, facts.index_columns) == row[0], sql
