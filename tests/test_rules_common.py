"""The rules' shared reading of a CREATE TABLE's column definitions (`_common.column_definitions`)
and what is built on it (the names written for inline foreign keys)."""

from __future__ import annotations

from pathlib import Path

import psycopg
from hypothesis import given, settings
from hypothesis import strategies as st

from schemacheck.ddl import parse_bytes, parse_text
from schemacheck.rules._common import column_definitions, objects_of

REPO = Path(__file__).resolve().parent.parent


def test_strings_holding_parentheses_and_commas_end_nothing() -> None:
    text = (
        "CREATE TABLE notes (\n"
        "  a text DEFAULT 'x), (y',\n"
        "  b text CHECK (b <> E'\\')') DEFAULT E'it\\'s, (',\n"
        "  c text DEFAULT $$a,b)$$,\n"
        "  d text DEFAULT $tag$ ) , ( $tag$ NOT NULL,\n"
        "  e int\n"
        ")"
    )
    assert column_definitions(text) == {
        "a": "a text DEFAULT 'x), (y'",
        "b": "b text CHECK (b <> E'\\')') DEFAULT E'it\\'s, ('",
        "c": "c text DEFAULT $$a,b)$$",
        "d": "d text DEFAULT $tag$ ) , ( $tag$ NOT NULL",
        "e": "e int",
    }


def test_quoted_identifiers_holding_parentheses_commas_and_quotes() -> None:
    text = (
        'CREATE TABLE "odd(table," ("a,b" int, "c)" int REFERENCES "odd(table," ("a,b"), '
        '"say ""hi""" text, "Mixed" int, Plain int)'
    )
    assert column_definitions(text) == {
        "a,b": '"a,b" int',
        "c)": '"c)" int REFERENCES "odd(table," ("a,b")',
        'say "hi"': '"say ""hi""" text',
        "Mixed": '"Mixed" int',
        "plain": "Plain int",
    }


def test_nested_parentheses_stay_in_their_column() -> None:
    text = (
        "CREATE TABLE t (total numeric(12, 2) DEFAULT round((1.5 * (2 + 3)), 2)"
        " CHECK ((total >= 0) AND (total < (10 ^ 9))), n int GENERATED ALWAYS AS"
        " ((total * (2)) ::int) STORED) WITH (fillfactor = 70)"
    )
    assert column_definitions(text) == {
        "total": "total numeric(12, 2) DEFAULT round((1.5 * (2 + 3)), 2)"
        " CHECK ((total >= 0) AND (total < (10 ^ 9)))",
        "n": "n int GENERATED ALWAYS AS ((total * (2)) ::int) STORED",
    }


def test_table_constraints_and_like_are_not_columns() -> None:
    text = (
        "CREATE TABLE t (LIKE base INCLUDING ALL, a int, CONSTRAINT t_a_check CHECK (a > 0),"
        " b int, PRIMARY KEY (a), UNIQUE (b), FOREIGN KEY (b) REFERENCES u (id),"
        ' CHECK (a < b), EXCLUDE USING gist (a WITH =), "check" int, "like" text)'
    )
    assert column_definitions(text) == {
        "a": "a int",
        "b": "b int",
        "check": '"check" int',
        "like": '"like" text',
    }


def test_comments_are_not_read_for_parentheses() -> None:
    text = (
        "CREATE TABLE -- the (new) table\n"
        "t ( -- columns: a, (b\n"
        "  a int /* ) , */ NOT NULL, -- a) c\n"
        "  b int\n"
        ")"
    )
    assert column_definitions(text) == {"a": "a int /* ) , */ NOT NULL", "b": "b int"}


def test_no_column_list() -> None:
    assert column_definitions("CREATE TABLE t AS SELECT lower(x) AS a FROM u") == {}
    assert column_definitions("CREATE TABLE t AS (SELECT 1 AS a, 2 AS b)") == {}
    assert column_definitions("CREATE TABLE t OF some_type") == {}
    assert column_definitions("CREATE TABLE t (a text DEFAULT 'unclosed") == {}
    assert column_definitions("CREATE TABLE t PARTITION OF p (a WITH OPTIONS NOT NULL)") == {
        "a": "a WITH OPTIONS NOT NULL"
    }


def test_the_columns_are_the_ones_the_statement_facts_name() -> None:
    """Over every CREATE TABLE of the repository's SQL (the rule cases, the fixtures, the
    project's migrations), the columns read are the ones the statement's facts name, named
    alike."""
    paths = [
        *sorted((REPO / "tests").rglob("*.sql")),
        *sorted((REPO / "sql").rglob("*.sql")),
    ]
    checked = 0
    for path in paths:
        for s in parse_bytes(path.read_bytes(), path.name).statements:
            if s.kind != "create_table" or not s.facts.columns:
                continue
            read = column_definitions(s.text)
            assert list(read) == [c.name for c in s.facts.columns], f"{path}:{s.line}"
            checked += 1
    assert checked > 100


def test_column_names_are_folded_as_postgresql_folds_them(fresh_db: str) -> None:
    text = (
        'CREATE TABLE folding (Plain int, "Quoted" int, "with ""quote""" int, "a,(b" int,'
        " MiXeD_9$ text DEFAULT 'A, (B)', CONSTRAINT c CHECK (plain > 0))"
    )
    with psycopg.connect(fresh_db, autocommit=True) as conn:
        conn.execute(text.encode())
        rows = conn.execute(
            "SELECT attname FROM pg_attribute WHERE attrelid = 'folding'::regclass"
            " AND attnum > 0 ORDER BY attnum"
        ).fetchall()
    assert list(column_definitions(text)) == [r[0] for r in rows]


_NAME = st.one_of(
    st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True),
    st.text(alphabet="abC(),' $-*/", min_size=1, max_size=8),
)
_LITERAL = st.text(alphabet="ab(),'\"$-*/ \n", max_size=12)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(_NAME, _LITERAL, st.booleans()), min_size=1, max_size=6, unique_by=lambda c: c[0]
    ),
)
def test_any_names_and_string_defaults_round_trip(columns: list[tuple[str, str, bool]]) -> None:
    definitions = {
        name: f"{_quoted(name)} text DEFAULT {_string(value)}"
        + (f" CHECK ({_quoted(name)} <> {_string(value + ')')})" if check else "")
        for name, value, check in columns
    }
    text = "CREATE TABLE t (" + ", ".join(definitions.values()) + ", PRIMARY KEY (x))"
    assert column_definitions(text) == definitions


# ---------------------------------------------------------------- inline foreign key names


def test_inline_foreign_key_names_after_a_string_holding_a_parenthesis() -> None:
    """The names written for inline foreign keys are read from each column's definition: a
    `)` in an earlier column's string does not end the column list."""
    made = objects_of(
        parse_text(
            "CREATE TABLE orders (\n"
            "  note text CHECK (note <> ')'),\n"
            "  customer_id int CONSTRAINT orders_customer_fk REFERENCES customers,\n"
            '  "Shop" int CONSTRAINT "Shop_FK" REFERENCES shops (id),\n'
            "  plain_id int REFERENCES plains\n"
            ")",
            "migrations/001_orders.sql",
        ).statements
    )
    names = {fk.target: fk.names for fk in made.fkeys}
    assert names == {
        "public.customers": frozenset({"orders_customer_id_fkey", "orders_customer_fk"}),
        "public.shops": frozenset({"orders_Shop_fkey", "Shop_FK"}),
        "public.plains": frozenset({"orders_plain_id_fkey"}),
    }
