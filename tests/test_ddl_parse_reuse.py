"""`schemacheck.ddl` parses each statement from the tokens the file was split with: the tree,
its comments and the parse error must be what parsing the statement's text alone gives.
No database: text in, model out."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlglot import exp

from schemacheck.ddl import parse_bytes, parse_text
from schemacheck.ddl.parse import _parse_tree
from schemacheck.ddl.statement import SqlFile

ROOT = Path(__file__).resolve().parents[1]

TRICKY = [
    # comments before a statement, after it on its line, before its `;`, inside it
    "-- first\nCREATE TABLE a (id int); -- after\n-- lead\nALTER TABLE a ADD COLUMN b int;\n",
    "SELECT 1 -- before the semicolon\n;\n/* block */ SELECT 2 /* in */ + 3;\n",
    "CREATE TABLE t ( -- the table\n  id int /* key */ PRIMARY KEY\n);\n",
    # statements the tokenizer reads as a command (the rest is one string)
    "VACUUM FULL t;\nVACUUM;\nANALYZE t;\nCALL p(1);\nDO $$ BEGIN PERFORM 1; END $$;\n",
    "BEGIN; -- open\nVACUUM t; COMMIT AND CHAIN;\nCOMMIT;\n",
    # psql meta-commands end statements without a `;`
    "SELECT 1\n\\g\nVACUUM t\n\\gset\nSELECT 2;\n\\i other.sql\nDELETE FROM t WHERE a = 1;\n",
    # errors worded with the statement's own lines and columns
    "SELECT 1;\n  CREATE TABLE (;\nSELECT\n  1 +;\nALTER TABLE t ADD COLUMN;\n",
    "CREATE RULE r AS ON INSERT TO t DO (INSERT INTO u VALUES (1); DELETE FROM v);\n",
    "SELECT (1;\nSELECT 2;\n",
    "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n",
    "SELECT 'unterminated;\nSELECT 2;\n",
    "SELECT $x$ unterminated;\n",
    "-- only a comment\n",
]


def _comments(tree: exp.Expr | None) -> list[tuple[str, tuple[str, ...]]] | None:
    if tree is None:
        return None
    return [(type(n).__name__, tuple(n.comments or ())) for n in tree.walk()]


def _check(f: SqlFile) -> int:
    for s in f.statements:
        tree, error = _parse_tree(s.text, s.line)
        assert repr(s.tree) == repr(tree), (f.path, s.line, s.text)
        assert _comments(s.tree) == _comments(tree), (f.path, s.line, s.text)
        assert s.parse_error == error, (f.path, s.line, s.text)
    return len(f.statements)


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_statements_parse_as_alone(text: str) -> None:
    f = parse_text(text, "sql/migrations/300_x.sql")
    assert _check(f) >= 1 or not f.statements


def test_errors_keep_the_statement_line() -> None:
    f = parse_text("SELECT 1;\n\nSELECT\n  1 +;\n", "sql/migrations/300_x.sql")
    bad = f.statements[1]
    assert bad.parse_error is not None
    assert "(line 4," in bad.parse_error


def test_every_sql_file_of_the_repository_parses_as_alone() -> None:
    paths = sorted((ROOT / "sql").rglob("*.sql")) + sorted((ROOT / "tests").rglob("*.sql"))
    assert paths
    total = sum(_check(parse_bytes(p.read_bytes(), str(p))) for p in paths)
    assert total > 100
