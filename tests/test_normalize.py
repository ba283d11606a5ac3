"""Normalization: what a person writes, what the catalog prints and what sqlglot re-generates
compare equal; different things stay different.

Every "catalog side" string below is exactly what PostgreSQL 15.18 and 18.6 printed
(`format_type`, `pg_get_expr(adbin)`, `pg_get_constraintdef`, `pg_get_indexdef`,
`pg_get_triggerdef`, `pg_get_function_result`, `pg_get_viewdef`) for the spelling beside it.
Both majors printed the same text for everything but views (marked "15:" / "18:").
"""

from __future__ import annotations

import re
import time

import pytest
import sqlglot
from hypothesis import given, settings
from hypothesis import strategies as st

from schemacheck import normalize as norm
from schemacheck.model import Column, Constraint, Function, Index

# --- types ---------------------------------------------------------------------------------

SAME_TYPES = [
    ("VARCHAR(50)", "varchar(50)", "character varying(50)"),
    ("varchar", "character varying", "CHARACTER VARYING"),
    ("TIMESTAMPTZ", "timestamp with time zone", "timestamptz"),
    ("timestamptz(6)", "timestamp(6) with time zone", "TIMESTAMP(6) WITH TIME ZONE"),
    ("timestamp", "timestamp without time zone", "TIMESTAMP"),
    ("timestamp(3)", "timestamp(3) without time zone"),
    ("time", "time without time zone"),
    ("timetz(2)", "time(2) with time zone"),
    ("int", "int4", "integer", "serial", "serial4", "INTEGER"),
    ("bigint", "int8", "bigserial", "serial8"),
    ("smallint", "int2", "smallserial"),
    ("bool", "boolean", "BOOLEAN"),
    ("text[]", "_text", "text ARRAY", "TEXT[]"),
    ("integer[]", "int[][]", "int4[3]", "_int4"),
    ("numeric(10, 2)", "decimal(10,2)", "numeric(10,2)", "NUMERIC( 10 , 2 )"),
    ("numeric", "decimal"),
    ("double precision", "float8", "float", "float(53)"),
    ("real", "float4", "float(24)"),
    ("character(1)", "char(1)", "char", "character", "bpchar(1)"),
    ("character(2)", "char(2)"),
    ("bit(1)", "bit"),
    ("bit varying(5)", "varbit(5)"),
    ('"char"', 'pg_catalog."char"'),
    ("mood", "public.mood", "MOOD", '"mood"', 'public."mood"'),
    ("other.color", "Other.Color", '"other".color'),
    ("uuid", "UUID", "pg_catalog.uuid"),
    ("bytea", "BYTEA"),
    ("jsonb", "JSONB"),
    ("interval", "INTERVAL"),
    ("interval hour to minute", "INTERVAL HOUR TO MINUTE"),
]

# What format_type(atttypid, atttypmod) printed for each declared column type (15 and 18).
CATALOG_TYPES = [
    ("VARCHAR(50)", "character varying(50)"),
    ("TIMESTAMPTZ", "timestamp with time zone"),
    ("timestamptz(6)", "timestamp(6) with time zone"),
    ("timestamp", "timestamp without time zone"),
    ("timestamp(3) without time zone", "timestamp(3) without time zone"),
    ("time", "time without time zone"),
    ("timetz(2)", "time(2) with time zone"),
    ("serial", "integer"),
    ("bigserial", "bigint"),
    ("smallserial", "smallint"),
    ("int4", "integer"),
    ("int8", "bigint"),
    ("bool", "boolean"),
    ("_text", "text[]"),
    ("integer[][]", "integer[]"),
    ("numeric(10, 2)", "numeric(10,2)"),
    ("decimal(10,2)", "numeric(10,2)"),
    ("float8", "double precision"),
    ("float", "double precision"),
    ("float4", "real"),
    ("float(24)", "real"),
    ('"char"', '"char"'),
    ("character(1)", "character(1)"),
    ("char(1)", "character(1)"),
    ("char", "character(1)"),
    ("bpchar", "bpchar"),
    ("public.mood", "mood"),
    ("other.color", "other.color"),
    ("uuid", "uuid"),
    ("bytea", "bytea"),
    ("jsonb", "jsonb"),
    ("interval", "interval"),
    ("interval hour to minute", "interval hour to minute"),
    ("varbit(5)", "bit varying(5)"),
]

DIFFERENT_TYPES = [
    ("varchar(50)", "varchar(51)"),
    ("varchar(50)", "text"),
    ("timestamp", "timestamptz"),
    ("timestamptz(6)", "timestamptz"),
    ('"char"', "char"),
    ("bpchar", "char"),
    ("character(1)", "character(2)"),
    ("integer", "bigint"),
    ("text", "text[]"),
    ("numeric(10,2)", "numeric"),
    ('"Mood"', "mood"),
    ("mood", "other.mood"),
    ("json", "jsonb"),
    ("real", "double precision"),
]


@pytest.mark.parametrize("spellings", SAME_TYPES, ids=lambda s: s[0])
def test_type_spellings_compare_equal(spellings: tuple[str, ...]) -> None:
    assert len({norm.data_type(s) for s in spellings}) == 1


@pytest.mark.parametrize(("declared", "catalog"), CATALOG_TYPES)
def test_type_is_what_format_type_prints(declared: str, catalog: str) -> None:
    assert norm.data_type(declared) == catalog
    assert norm.data_type(catalog) == catalog


@pytest.mark.parametrize(("a", "b"), DIFFERENT_TYPES)
def test_different_types_stay_different(a: str, b: str) -> None:
    assert norm.data_type(a) != norm.data_type(b)


@pytest.mark.parametrize(
    ("declared", "catalog"),
    [
        ("varchar(10)", "character varying"),
        ("timestamptz(6)", "timestamp with time zone"),
        ("char(1)", "character"),
        ("bpchar", "character"),
        ("numeric(10,2)", "numeric"),
        ("int[]", "integer[]"),
        ('"char"', '"char"'),
        ("public.mood", "mood"),
    ],
)
def test_argument_types_drop_modifiers(declared: str, catalog: str) -> None:
    """pg_get_function_identity_arguments prints argument types without modifiers."""
    assert norm.argument_type(declared) == catalog


# --- return types --------------------------------------------------------------------------

# (declared in CREATE FUNCTION, pg_get_function_result on 15 and 18, canonical form)
CATALOG_RETURNS = [
    ("TRIGGER", "trigger", "trigger"),
    ("SETOF text", "SETOF text", "setof text"),
    ("setof public.mood", "SETOF mood", "setof mood"),
    (
        "TABLE(total bigint, encrypted bigint)",
        "TABLE(total bigint, encrypted bigint)",
        "table(total bigint, encrypted bigint)",
    ),
    (
        "table (total INT8, encrypted int8)",
        "TABLE(total bigint, encrypted bigint)",
        "table(total bigint, encrypted bigint)",
    ),
    (
        'TABLE("Total" bigint, ts timestamptz, v varchar(3))',
        'TABLE("Total" bigint, ts timestamp with time zone, v character varying)',
        'table("Total" bigint, ts timestamp with time zone, v character varying)',
    ),
    ("void", "void", "void"),
    ("int8", "bigint", "bigint"),
    ("varchar(10)", "character varying", "character varying"),
    ("int[]", "integer[]", "integer[]"),
    ("record", "record", "record"),
]


@pytest.mark.parametrize(("declared", "catalog", "canonical"), CATALOG_RETURNS)
def test_return_type_matches_pg_get_function_result(
    declared: str, catalog: str, canonical: str
) -> None:
    assert norm.return_type(declared) == norm.return_type(catalog) == canonical


def test_return_types_that_differ() -> None:
    assert norm.return_type("SETOF text") != norm.return_type("text")
    assert norm.return_type("TABLE(total bigint)") != norm.return_type("TABLE(n bigint)")
    assert norm.return_type('TABLE("Total" bigint)') != norm.return_type("TABLE(total bigint)")


# --- identifiers ---------------------------------------------------------------------------


def test_identifiers_fold_like_postgres() -> None:
    assert norm.identifier("Users") == norm.identifier("users") == norm.identifier('"users"')
    assert norm.identifier('"Users"') == "Users" != norm.identifier("Users")
    assert norm.identifier('"a""b"') == 'a"b'


def test_qualified_names() -> None:
    assert norm.qualified_name("users") == "public.users"
    assert norm.qualified_name("Users") == "public.users"
    assert norm.qualified_name('public."users"') == "public.users"
    assert norm.qualified_name('"S".t') == "S.t"
    assert norm.qualified_name('"a.b".c') == "a.b.c"
    assert norm.qualified_name("t", "app") == "app.t"


# --- defaults ------------------------------------------------------------------------------

# (as written in CREATE TABLE, pg_get_expr(adbin, adrelid) on 15 and 18)
CATALOG_DEFAULTS = [
    ("NOW()", "now()"),
    ("CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP"),
    ("now()", "CURRENT_TIMESTAMP"),
    ("transaction_timestamp()", "transaction_timestamp()"),
    ("uuid_generate_v4()", "uuid_generate_v4()"),
    ("public.uuid_generate_v4()", "uuid_generate_v4()"),
    ("gen_random_uuid()", "gen_random_uuid()"),
    ("'x'", "'x'::character varying"),
    ("'x'::character varying", "'x'::character varying"),
    ("'x'", "'x'::text"),
    ("'x'::varchar", "'x'::character varying"),
    ("'it''s'", "'it''s'::text"),
    ("''::text", "''::text"),
    ("1", "1"),
    ("'1'::integer", "1"),
    ("-1", "'-1'::integer"),
    ("-1.5", "'-1.5'::numeric"),
    ("1.50", "1.50"),
    ("1::bigint", "(1)::bigint"),
    ("TRUE", "true"),
    ("false", "false"),
    (
        "nextval('messages_sequence_number_seq')",
        "nextval('messages_sequence_number_seq'::regclass)",
    ),
    (
        "nextval('public.messages_sequence_number_seq'::regclass)",
        "nextval('messages_sequence_number_seq'::regclass)",
    ),
    ("(0)", "0"),
    ("'{}'", "'{}'::jsonb"),
    ("'{}'::jsonb", "'{}'::jsonb"),
    ("'{}'", "'{}'::text[]"),
    ("ARRAY[1,2]", "ARRAY[1, 2]"),
    ("'{1,2}'", "'{1,2}'::integer[]"),
    ("'1 day'", "'1 day'::interval"),
    ("interval '1 day'", "'1 day'::interval"),
    ("'ok'", "'ok'::mood"),
    ("'ab'", "'ab'::bpchar"),
    ("'2020-01-01'", "'2020-01-01'::date"),
    ("CURRENT_DATE", "CURRENT_DATE"),
    ("LOCALTIMESTAMP", "LOCALTIMESTAMP"),
    ("current_user", "CURRENT_USER"),
    ("1 + 2", "(1 + 2)"),
    ("E'accepted'", "'accepted'::text"),
    ("e'a\\nb'", "'a\nb'::text"),
    ("E'it\\'s'", "'it''s'::character varying"),
    ("E'a\\\\b'", "'a\\b'::text"),
    ("B'101'", "'101'::\"bit\""),
    ("b'101'::bit(3)", "'101'::\"bit\""),
    ("X'1F'", "'00011111'::\"bit\""),
    ("x'1f'", "'00011111'::\"bit\""),
    ("B'1'", "'1'::\"bit\""),
]

DIFFERENT_DEFAULTS = [
    ("now()", "LOCALTIMESTAMP"),
    ("now()", "statement_timestamp()"),
    ("now()", "clock_timestamp()"),
    ("CURRENT_DATE", "now()"),
    ("uuid_generate_v4()", "gen_random_uuid()"),
    ("uuid_generate_v4()", "other.uuid_generate_v4()"),
    ("'x'", "'X'"),
    ("1", "2"),
    ("1", "-1"),
    ("1.5", "1.50"),
    ("true", "false"),
    ("nextval('a_seq'::regclass)", "nextval('b_seq'::regclass)"),
    ("nextval('a_seq'::regclass)", "nextval('other.a_seq'::regclass)"),
    ("'{}'::jsonb", "'[]'::jsonb"),
    ("1.5::integer", "1.5"),
    ("now()::date", "now()"),
    ("E'a\\nb'", "'a\\nb'"),
    ("B'101'", "B'110'"),
    ("B'101'", "B'0101'"),
    ("X'1F'", "B'11111'"),
    ("X'0F'", "B'1111'"),
]


@pytest.mark.parametrize(("written", "catalog"), CATALOG_DEFAULTS)
def test_default_matches_catalog(written: str, catalog: str) -> None:
    assert norm.default(written) == norm.default(catalog)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_DEFAULTS)
def test_different_defaults_stay_different(a: str, b: str) -> None:
    assert norm.default(a) != norm.default(b)


def test_default_canonical_forms_read_well() -> None:
    assert norm.default("CURRENT_TIMESTAMP") == "now()"
    assert norm.default("'x'::character varying") == "'x'"
    assert norm.default("nextval('s'::regclass)") == "nextval('s')"
    assert norm.default("'-1'::integer") == "-1"
    assert norm.default("(1 + 2)") == "1 + 2"


# --- CHECK constraints ---------------------------------------------------------------------

# (as written in the migration, pg_get_constraintdef(oid) on 15 and 18)
CATALOG_CHECKS = [
    ("encryption_version IN (1, 2)", "CHECK ((encryption_version = ANY (ARRAY[1, 2])))"),
    ("ev3 IN (1, 2, 3)", "CHECK ((ev3 = ANY (ARRAY[1, 2, 3])))"),
    (
        "provider IN ('google','github')",
        "CHECK (((provider)::text = ANY ((ARRAY['google'::character varying, "
        "'github'::character varying])::text[])))",
    ),
    (
        "provider_text IN ('google','github')",
        "CHECK ((provider_text = ANY (ARRAY['google'::text, 'github'::text])))",
    ),
    ("provider_eq = 'google'", "CHECK (((provider_eq)::text = 'google'::text))"),
    ("length(shared_secret_hash) = 32", "CHECK ((length(shared_secret_hash) = 32))"),
    ("a > 0 AND b > 0", "CHECK (((a > 0) AND (b > 0)))"),
    ("x IS NOT NULL", "CHECK ((x IS NOT NULL))"),
    ("x <> y", "CHECK ((x <> y))"),
    ("x != y", "CHECK ((x <> y))"),
    ("NOT (a = b)", "CHECK ((NOT (a = b)))"),
    ("a <> b", "CHECK ((NOT (a = b)))"),
    ("x BETWEEN 1 AND 5", "CHECK (((x >= 1) AND (x <= 5)))"),
    ("x NOT BETWEEN 1 AND 5", "CHECK (((x < 1) OR (x > 5)))"),
    ("coalesce(a, 0) >= 0", "CHECK ((COALESCE(a, 0) >= 0))"),
    ("lower(email) = email", "CHECK ((lower((email)::text) = (email)::text))"),
    ("name LIKE 'a%'", "CHECK ((name ~~ 'a%'::text))"),
    ("name ~~ 'a%'", "CHECK ((name ~~ 'a%'::text))"),
    ("name ILIKE 'a%'", "CHECK ((name ~~* 'a%'::text))"),
    ("s NOT LIKE 'a%'", "CHECK (((s)::text !~~ 'a%'::text))"),
    ("s !~ 'a'", "CHECK (((s)::text !~ 'a'::text))"),
    ("a NOT IN (1, 2)", "CHECK ((a <> ALL (ARRAY[1, 2])))"),
    (
        "s NOT IN ('a', 'b')",
        "CHECK (((s)::text <> ALL ((ARRAY['a'::character varying, "
        "'b'::character varying])::text[])))",
    ),
    ("a IN (1)", "CHECK ((a = 1))"),
    ("s IN ('a')", "CHECK (((s)::text = 'a'::text))"),
    ("a = ANY ('{1,2}'::int[])", "CHECK ((a = ANY ('{1,2}'::integer[])))"),
    ("a IN (1, 2)", "CHECK ((a = ANY ('{1,2}'::integer[])))"),
    ("a > 0 OR b > 0 AND x > 0", "CHECK (((a > 0) OR ((b > 0) AND (x > 0))))"),
    ("(a > 0 OR b > 0) AND x > 0", "CHECK ((((a > 0) OR (b > 0)) AND (x > 0)))"),
    ("a + b * 2 > x", "CHECK (((a + (b * 2)) > x))"),
    ("(a + b) * 2 > x", "CHECK ((((a + b) * 2) > x))"),
    ("a - b > -5", "CHECK (((a - b) > '-5'::integer))"),
    ("a > -1", "CHECK ((a > '-1'::integer))"),
    ("a % 2 = 0", "CHECK (((a % 2) = 0))"),
    (
        "email IS NOT NULL OR name IS NOT NULL",
        "CHECK (((email IS NOT NULL) OR (name IS NOT NULL)))",
    ),
    ("a IS DISTINCT FROM b", "CHECK ((a IS DISTINCT FROM b))"),
    ("NOT (a IS DISTINCT FROM b)", "CHECK ((NOT (a IS DISTINCT FROM b)))"),
    ("a IS NOT DISTINCT FROM b", "CHECK ((NOT (a IS DISTINCT FROM b)))"),
    ("email ~ '^[^@]+@[^@]+$'", "CHECK (((email)::text ~ '^[^@]+@[^@]+$'::text))"),
    ("email ~* '^a'", "CHECK (((email)::text ~* '^a'::text))"),
    ("char_length(name) <= 100", "CHECK ((char_length(name) <= 100))"),
    ("tokens_encrypted = true", "CHECK ((tokens_encrypted = true))"),
    ("tokens_encrypted", "CHECK ((tokens_encrypted = true))"),
    ("tokens_encrypted", "CHECK (tokens_encrypted)"),
    ("NOT tokens_encrypted", "CHECK ((NOT tokens_encrypted))"),
    ("flag = false", "CHECK ((flag = false))"),
    ("NOT flag", "CHECK ((flag = false))"),
    ("NOT flag", "CHECK ((flag <> true))"),
    ("flag IS NOT TRUE", "CHECK ((flag IS NOT TRUE))"),
    (
        "CASE WHEN a > 0 THEN b > 0 ELSE true END",
        "CHECK (\nCASE\n    WHEN (a > 0) THEN (b > 0)\n    ELSE true\nEND)",
    ),
    (
        "updated_at < created_at + interval '1 day'",
        "CHECK ((updated_at < (created_at + '1 day'::interval)))",
    ),
    (
        "created_at <= now() + '1 day'::interval",
        "CHECK ((created_at <= (now() + '1 day'::interval)))",
    ),
    ("name IS NOT NULL AND name <> ''", "CHECK (((name IS NOT NULL) AND (name <> ''::text)))"),
    ("NOT (name IS NULL)", "CHECK ((NOT (name IS NULL)))"),
    ("name IS NOT NULL", "CHECK ((NOT (name IS NULL)))"),
    ("NOT (s IS NOT NULL)", "CHECK ((NOT (s IS NOT NULL)))"),
    ("s IS NULL", "CHECK ((NOT (s IS NOT NULL)))"),
    ("NOT (a > 0 OR b > 0)", "CHECK ((NOT ((a > 0) OR (b > 0))))"),
    ("a <= 0 AND b <= 0", "CHECK ((NOT ((a > 0) OR (b > 0))))"),
    ("\"Foo\" <> 'Google'", "CHECK ((\"Foo\" <> 'Google'::text))"),
    ("btrim(name) = name", "CHECK ((btrim(name) = name))"),
    (
        "substring(name from 1 for 2) <> 'zz'",
        "CHECK ((SUBSTRING(name FROM 1 FOR 2) <> 'zz'::text))",
    ),
    ("position('@' in email) > 1", "CHECK ((POSITION(('@'::text) IN (email)) > 1))"),
    (
        "extract(year from created_at) > 2000",
        "CHECK ((EXTRACT(year FROM created_at) > (2000)::numeric))",
    ),
    ("a = ANY (ARRAY[1, 2])", "CHECK ((a = ANY (ARRAY[1, 2])))"),
    ("array_length(ARRAY[a, b], 1) = 2", "CHECK ((array_length(ARRAY[a, b], 1) = 2))"),
    ("name || 'x' <> 'yx'", "CHECK (((name || 'x'::text) <> 'yx'::text))"),
    ("updated_at >= created_at", "CHECK ((updated_at >= created_at))"),
    ("c = 'ab'", "CHECK ((c = 'ab'::bpchar))"),
    ("n > 0", "CHECK ((n > (0)::numeric))"),
    ("a::bigint < 10", "CHECK (((a)::bigint < 10))"),
    ("char_length(s) > 1", "CHECK ((char_length((s)::text) > 1))"),
    (
        "jsonb_typeof('{}'::jsonb) = 'object'",
        "CHECK ((jsonb_typeof('{}'::jsonb) = 'object'::text))",
    ),
    ("upper(s) = s", "CHECK ((upper((s)::text) = (s)::text))"),
    ("a IS NULL OR a BETWEEN 1 AND 10", "CHECK (((a IS NULL) OR ((a >= 1) AND (a <= 10))))"),
    ("NOT flag OR a > 0", "CHECK (((NOT flag) OR (a > 0)))"),
    # NOT VALID / NO INHERIT are properties of the constraint, not of its expression.
    ("a > 0", "CHECK ((a > 0)) NOT VALID"),
    ("b > 0", "CHECK ((b > 0)) NO INHERIT"),
    # AND chains flatten: pg_get_constraintdef keeps the nesting the user wrote.
    ("a > 0 AND b > 0 AND s <> ''", "CHECK (((a > 0) AND ((b > 0) AND ((s)::text <> ''::text))))"),
    ("a > 0 AND b > 0 AND s <> ''", "CHECK (((a > 0) AND (b > 0) AND ((s)::text <> ''::text)))"),
]

# pg_get_constraintdef(oid, true) (pretty) for the same constraints: also equal.
PRETTY_CHECKS = [
    ("a > 0 AND b > 0 AND s <> ''", "CHECK (a > 0 AND b > 0 AND s::text <> ''::text)"),
    ("a IS NULL OR a BETWEEN 1 AND 10", "CHECK (a IS NULL OR a >= 1 AND a <= 10)"),
    ("NOT (a IS DISTINCT FROM b)", "CHECK (NOT a IS DISTINCT FROM b)"),
    ("NOT (s IS NOT NULL)", "CHECK (NOT s IS NOT NULL)"),
    (
        "s NOT IN ('a', 'b')",
        "CHECK (s::text <> ALL (ARRAY['a'::character varying, 'b'::character varying]::text[]))",
    ),
    ("a - b > -5", "CHECK ((a - b) > '-5'::integer)"),
    ("NOT flag OR a > 0", "CHECK (NOT flag OR a > 0)"),
    ("a > 0", "CHECK (a > 0) NOT VALID"),
]

DIFFERENT_CHECKS = [
    ("encryption_version IN (1, 2)", "encryption_version IN (1, 2, 3)"),
    ("CHECK ((encryption_version = ANY (ARRAY[1, 2])))", "CHECK ((ev3 = ANY (ARRAY[1, 2, 3])))"),
    ("a > 0", "a >= 0"),
    ("provider IN ('google', 'github')", "provider IN ('Google', 'github')"),
    ("provider = 'google'", "provider = 'Google'"),
    ("a IN (1, 2)", "a NOT IN (1, 2)"),
    ("a IN (1, 2)", "a IN (2, 1)"),
    ("x BETWEEN 1 AND 5", "x BETWEEN 1 AND 6"),
    ("x BETWEEN 1 AND 5", "x NOT BETWEEN 1 AND 5"),
    ("a > 0 AND b > 0", "a > 0 OR b > 0"),
    ("a > 0 OR b > 0 AND x > 0", "(a > 0 OR b > 0) AND x > 0"),
    ("a + b * 2 > x", "(a + b) * 2 > x"),
    ("x IS NOT NULL", "x IS NULL"),
    ("flag IS FALSE", "NOT flag"),
    ("flag IS NOT TRUE", "NOT flag"),
    ("flag IS TRUE", "flag"),
    ("a IS DISTINCT FROM b", "a <> b"),
    ("name LIKE 'a%'", "name ILIKE 'a%'"),
    ("name LIKE 'a%'", "name NOT LIKE 'a%'"),
    ("email ~ 'a'", "email ~* 'a'"),
    ("\"Foo\" <> 'x'", "foo <> 'x'"),
    ("lower(email) = email", "upper(email) = email"),
    ("a::date = b", "a = b"),
    ("a = -1", "a = 1"),
    ("a > 1.5", "a > 1.50"),
]


@pytest.mark.parametrize(("written", "catalog"), CATALOG_CHECKS + PRETTY_CHECKS)
def test_check_matches_pg_get_constraintdef(written: str, catalog: str) -> None:
    assert norm.expression(written) == norm.expression(catalog)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_CHECKS)
def test_different_checks_stay_different(a: str, b: str) -> None:
    assert norm.expression(a) != norm.expression(b)


def test_check_canonical_forms_read_well() -> None:
    catalog = (
        "CHECK (((provider)::text = ANY ((ARRAY['google'::character varying, "
        "'github'::character varying])::text[])))"
    )
    assert norm.expression(catalog) == "provider IN ('google', 'github')"
    assert norm.expression("CHECK (((a > 0) AND (b > 0)))") == "(a > 0) AND (b > 0)"
    assert norm.expression("x BETWEEN 1 AND 5") == "(x >= 1) AND (x <= 5)"
    assert norm.expression("a NOT IN (1, 2)") == "NOT (a IN (1, 2))"
    assert norm.expression("(a)::numeric > 1.5") == "a::numeric > 1.5"
    assert norm.expression("x::timestamptz(6)") == "x::timestamp(6) with time zone"


def test_implicit_numeric_cast_of_a_column_is_kept() -> None:
    """`a > 1.5` on an integer column prints as `((a)::numeric > 1.5)`: the cast is kept
    because without the column's type the normalizer cannot know it was implicit."""
    assert norm.expression("CHECK (((a)::numeric > 1.5))") == "a::numeric > 1.5"
    assert norm.expression("a > 1.5") != norm.expression("CHECK (((a)::numeric > 1.5))")


# What PostgreSQL 15 and 18 printed for interval and SIMILAR TO spellings.
CATALOG_REWRITES = [
    ("interval '1 minute'", "'00:01:00'::interval"),
    ("'1 minute'::interval", "'00:01:00'::interval"),
    ("interval '24 hours'", "'24:00:00'::interval"),
    ("'2 days 3 hours'::interval", "'2 days 03:00:00'::interval"),
    ("ts > now() - interval '1 minute'", "CHECK ((ts > (now() - '00:01:00'::interval)))"),
    ("s SIMILAR TO 'a%'", "CHECK (((s)::text ~ similar_to_escape('a%'::text)))"),
    ("s SIMILAR TO 'a%'", "s::text ~ similar_to_escape('a%'::text)"),
]


@pytest.mark.parametrize(("written", "catalog"), CATALOG_REWRITES)
def test_values_postgres_rewrites(written: str, catalog: str) -> None:
    assert norm.expression(written) == norm.expression(catalog)


@pytest.mark.parametrize(
    ("written", "printed"),
    [
        ("1 minute", "00:01:00"),
        ("24 hours", "24:00:00"),
        ("2 days 3 hours", "2 days 03:00:00"),
        ("14 months", "1 year 2 mons"),
        ("2 weeks", "14 days"),
        ("90 seconds", "00:01:30"),
        ("1 day 25:00", "1 day 25:00:00"),
        ("0 seconds", "00:00:00"),
        ("@ 1 day", "1 day"),
        ("1 y 2 mon", "1 year 2 mons"),
        ("1 decade", "10 years"),
        ("1:30:15", "01:30:15"),
        ("30 days", "30 days"),
    ],
)
def test_interval_literals_print_like_postgres(written: str, printed: str) -> None:
    """Pairs from `SELECT 'written'::interval::text` on PostgreSQL 15."""
    assert norm.interval_literal(written) == printed


def test_interval_literals_left_alone_when_not_simple() -> None:
    assert norm.interval_literal("1.5 hours") == "1.5 hours"
    assert norm.interval_literal("1 hour -5 minutes") == "1 hour -5 minutes"
    assert norm.interval_literal("P1D") == "p1d"


def test_values_postgres_rewrites_but_the_normalizer_cannot() -> None:
    """Without the column's type or the server's TimeZone these stay apart; a spec should
    spell them as the catalog prints them."""
    assert norm.default("'1 minute'") != norm.default("'00:01:00'::interval")  # untyped
    assert norm.expression("created_at > '2020-01-01'::timestamptz") != norm.expression(
        "created_at > '2020-01-01 00:00:00+00'::timestamp with time zone"
    )


# --- index keys and predicates ---------------------------------------------------------------

# (as written in CREATE INDEX, what pg_get_indexdef / pg_get_expr(indpred) printed)
CATALOG_PREDICATES = [
    ("WHERE token_expires_at IS NOT NULL", "(token_expires_at IS NOT NULL)"),
    ("token_expires_at IS NOT NULL", "token_expires_at IS NOT NULL"),
    ("WHERE tokens_encrypted = false", "(tokens_encrypted = false)"),
    ("tokens_encrypted = false", "(NOT tokens_encrypted)"),
    ("WHERE NOT tokens_encrypted", "(NOT tokens_encrypted)"),
    ("tokens_encrypted = true", "tokens_encrypted"),
    ("flag = true", "flag = true"),
    ("provider = 'google'", "((provider)::text = 'google'::text)"),
    (
        "provider IN ('google', 'github')",
        "((provider)::text = ANY ((ARRAY['google'::character varying, "
        "'github'::character varying])::text[]))",
    ),
    ("tokens_encrypted IS FALSE", "(tokens_encrypted IS FALSE)"),
    ("email IS NOT NULL", "(email IS NOT NULL)"),
    ("flag IS NOT NULL AND a > 0", "((flag IS NOT NULL) AND (a > 0))"),
    ("flag IS NOT NULL AND a > 0", "flag IS NOT NULL AND a > 0"),
]


@pytest.mark.parametrize(("written", "catalog"), CATALOG_PREDICATES)
def test_index_predicate_matches_catalog(written: str, catalog: str) -> None:
    assert norm.expression(written) == norm.expression(catalog)


def test_boolean_predicates_that_differ() -> None:
    """`= false` and `NOT` agree (the same rows, NULLs excluded by both); `IS FALSE` and
    `IS NOT TRUE` keep their own NULL handling."""
    assert norm.expression("flag = false") == norm.expression("NOT flag")
    assert norm.expression("flag IS FALSE") != norm.expression("flag = false")
    assert norm.expression("flag IS NOT TRUE") != norm.expression("flag IS FALSE")
    assert norm.expression("flag") != norm.expression("NOT flag")


# (as written, pg_get_indexdef(indexrelid, k, true) or the key text of pg_get_indexdef)
CATALOG_KEYS = [
    ("lower(email)", "lower((email)::text)"),
    ("lower(email)", "lower(email::text)"),
    ("LOWER(Email)", "lower((email)::text)"),
    ("upper(s)", "upper((s)::text)"),
    ("lower(name)", "lower(name)"),
    ("coalesce(a, 0)", "COALESCE(a, 0)"),
    ("(a + b)", "((a + b))"),
    ("(a + b)", "(a + b)"),
    ("(a + 1) DESC NULLS LAST", "((a + 1)) DESC NULLS LAST"),
    ("created_at DESC", "created_at DESC"),
    ("created_at DESC NULLS FIRST", "created_at DESC"),
    ("created_at ASC", "created_at"),
    ("created_at ASC NULLS LAST", "created_at"),
    ("created_at NULLS FIRST", "created_at NULLS FIRST"),
    ("Created_At", "created_at"),
    ('"Foo"', '"Foo"'),
    ("email varchar_pattern_ops", "email varchar_pattern_ops"),
    ('name COLLATE "C"', 'name COLLATE "C"'),
    ("c_jsonb jsonb_path_ops", "c_jsonb jsonb_path_ops"),
    (
        "date_trunc('day', created_at AT TIME ZONE 'UTC')",
        "date_trunc('day'::text, (created_at AT TIME ZONE 'UTC'::text))",
    ),
]

DIFFERENT_KEYS = [
    ("created_at", "created_at DESC"),
    ("created_at DESC", "created_at DESC NULLS LAST"),
    ("created_at", "created_at NULLS FIRST"),
    ('"Foo"', "foo"),
    ("lower(email)", "upper(email)"),
    ("lower(email)", "email"),
    ("email", "email varchar_pattern_ops"),
    ("name", 'name COLLATE "C"'),
]


@pytest.mark.parametrize(("written", "catalog"), CATALOG_KEYS)
def test_index_key_matches_catalog(written: str, catalog: str) -> None:
    assert norm.index_key(written) == norm.index_key(catalog)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_KEYS)
def test_different_index_keys_stay_different(a: str, b: str) -> None:
    assert norm.index_key(a) != norm.index_key(b)


def test_index_key_forms() -> None:
    assert norm.index_key("Email") == "email"
    assert norm.index_key('"Foo"') == "Foo"
    assert norm.index_key("lower((email)::text)") == "lower(email)"
    assert norm.index_key("created_at DESC NULLS FIRST") == "created_at DESC"
    assert norm.index_key("(a + 1) DESC NULLS LAST") == "(a + 1) DESC NULLS LAST"
    assert norm.index_key('"userId" DESC') == '"userId" DESC'
    assert norm.index_key("(email::text) text_pattern_ops") == "email text_pattern_ops"


# --- trigger WHEN ------------------------------------------------------------------------------

# (CREATE TRIGGER ... WHEN (...), the WHEN part of pg_get_triggerdef(oid) / (oid, true))
CATALOG_WHEN = [
    ("OLD.* IS DISTINCT FROM NEW.*", "(old.* IS DISTINCT FROM new.*)"),
    ("NEW.a <> OLD.a", "(new.a <> old.a)"),
    (
        "NEW.provider IN ('google', 'github')",
        "((new.provider)::text = ANY ((ARRAY['google'::character varying, "
        "'github'::character varying])::text[]))",
    ),
    (
        "NEW.provider IN ('google', 'github')",
        "new.provider::text = ANY (ARRAY['google'::character varying, "
        "'github'::character varying]::text[])",
    ),
    ("NEW.email IS NOT NULL AND NEW.a > 0", "((new.email IS NOT NULL) AND (new.a > 0))"),
    ("NEW.email IS NOT NULL AND NEW.a > 0", "new.email IS NOT NULL AND new.a > 0"),
]


@pytest.mark.parametrize(("written", "catalog"), CATALOG_WHEN)
def test_trigger_when_matches_pg_get_triggerdef(written: str, catalog: str) -> None:
    assert norm.expression(written) == norm.expression(catalog)


# --- view queries --------------------------------------------------------------------------

V1_SOURCE = "SELECT id, email FROM messages WHERE a > 0 ORDER BY id"
V1_15 = " SELECT messages.id,\n    messages.email\n   FROM messages\n  WHERE messages.a > 0\n  ORDER BY messages.id;"  # noqa: E501
V1_15_RAW = " SELECT messages.id,\n    messages.email\n   FROM messages\n  WHERE (messages.a > 0)\n  ORDER BY messages.id;"  # noqa: E501
V1_18 = " SELECT id,\n    email\n   FROM messages\n  WHERE a > 0\n  ORDER BY id;"

V2_SOURCE = """
  select m.id, lower(m.email) as le, count(*) AS n
  from messages m join t on t.id = m.a
  where m.provider in ('google','github') and m.created_at > now() - interval '1 day'
  group by m.id, m.email"""
V2_PRETTY = """ SELECT m.id,
    lower(m.email::text) AS le,
    count(*) AS n
   FROM messages m
     JOIN t ON t.id = m.a
  WHERE (m.provider::text = ANY (ARRAY['google'::character varying, 'github'::character varying]::text[])) AND m.created_at > (now() - '1 day'::interval)
  GROUP BY m.id, m.email;"""  # noqa: E501
V2_RAW = """ SELECT m.id,
    lower((m.email)::text) AS le,
    count(*) AS n
   FROM (messages m
     JOIN t ON ((t.id = m.a)))
  WHERE (((m.provider)::text = ANY ((ARRAY['google'::character varying, 'github'::character varying])::text[])) AND (m.created_at > (now() - '1 day'::interval)))
  GROUP BY m.id, m.email;"""  # noqa: E501

V3_SOURCE = "SELECT provider, count(*) FROM messages GROUP BY provider HAVING count(*) > 1"
V3_15 = " SELECT messages.provider,\n    count(*) AS count\n   FROM messages\n  GROUP BY messages.provider\n HAVING count(*) > 1;"  # noqa: E501
V3_18 = " SELECT provider,\n    count(*) AS count\n   FROM messages\n  GROUP BY provider\n HAVING count(*) > 1;"  # noqa: E501

V4_SOURCE = "SELECT id FROM messages UNION ALL SELECT id FROM t"
V4_15 = " SELECT messages.id\n   FROM messages\nUNION ALL\n SELECT t.id\n   FROM t;"
V4_18 = " SELECT id\n   FROM messages\nUNION ALL\n SELECT id\n   FROM t;"

V5_SOURCE = (
    "SELECT \"Foo\", CASE WHEN a > 0 THEN 'p' ELSE 'n' END AS sign, a::text AS at FROM messages"
)
V5_15 = """ SELECT messages."Foo",
        CASE
            WHEN messages.a > 0 THEN 'p'::text
            ELSE 'n'::text
        END AS sign,
    messages.a::text AS at
   FROM messages;"""
V5_18 = """ SELECT "Foo",
        CASE
            WHEN a > 0 THEN 'p'::text
            ELSE 'n'::text
        END AS sign,
    a::text AS at
   FROM messages;"""

V6_SOURCE = "WITH x AS (SELECT id FROM messages) SELECT * FROM x"
V6_15 = " WITH x AS (\n         SELECT messages.id\n           FROM messages\n        )\n SELECT x.id\n   FROM x;"  # noqa: E501
V6_18 = (
    " WITH x AS (\n         SELECT id\n           FROM messages\n        )\n SELECT id\n   FROM x;"
)

EV_SOURCE = (
    "SELECT a, b::text, count(*), lower(s), 1, 'x' AS xx, CASE WHEN a > 0 THEN 1 END, "
    "s AS s, a AS b2, coalesce(b, 0) AS cb, n::int, now(), e.c, max(e.n) AS mx "
    "FROM e GROUP BY a, s, b, n, c"
)
EV_15 = """ SELECT e.a,
    e.b::text AS b,
    count(*) AS count,
    lower(e.s::text) AS lower,
    1 AS "?column?",
    'x'::text AS xx,
        CASE
            WHEN e.a > 0 THEN 1
            ELSE NULL::integer
        END AS "case",
    e.s,
    e.a AS b2,
    COALESCE(e.b, 0) AS cb,
    e.n::integer AS n,
    now() AS now,
    e.c,
    max(e.n) AS mx
   FROM e
  GROUP BY e.a, e.s, e.b, e.n, e.c;"""
EV_18 = """ SELECT a,
    b::text AS b,
    count(*) AS count,
    lower(s::text) AS lower,
    1 AS "?column?",
    'x'::text AS xx,
        CASE
            WHEN a > 0 THEN 1
            ELSE NULL::integer
        END AS "case",
    s,
    a AS b2,
    COALESCE(b, 0) AS cb,
    n::integer AS n,
    now() AS now,
    c,
    max(n) AS mx
   FROM e
  GROUP BY a, s, b, n, c;"""

EV3_SOURCE = (
    "SELECT DISTINCT a FROM e LEFT JOIN (SELECT b FROM e) sub ON sub.b = e.a "
    "ORDER BY a DESC LIMIT 5 OFFSET 2"
)
EV3_PRETTY = """ SELECT DISTINCT e.a
   FROM e
     LEFT JOIN ( SELECT e_1.b
           FROM e e_1) sub ON sub.b = e.a
  ORDER BY e.a DESC
 OFFSET 2
 LIMIT 5;"""
EV3_RAW = """ SELECT DISTINCT e.a
   FROM (e
     LEFT JOIN ( SELECT e_1.b
           FROM e e_1) sub ON ((sub.b = e.a)))
  ORDER BY e.a DESC
 OFFSET 2
 LIMIT 5;"""

W1_SOURCE = (
    "SELECT m.id, t.c_int, e.a FROM messages m JOIN t ON t.id = m.a "
    "LEFT JOIN e ON e.a = m.b WHERE m.a > 0"
)
W1_PRETTY = """ SELECT m.id,
    t.c_int,
    e.a
   FROM messages m
     JOIN t ON t.id = m.a
     LEFT JOIN e ON e.a = m.b
  WHERE m.a > 0;"""
W1_RAW = """ SELECT m.id,
    t.c_int,
    e.a
   FROM ((messages m
     JOIN t ON ((t.id = m.a)))
     LEFT JOIN e ON ((e.a = m.b)))
  WHERE (m.a > 0);"""

W4_SOURCE = (
    "SELECT id, CAST(created_at AS date) AS d, created_at::date, a BETWEEN 1 AND 3 AS btw, "
    "coalesce(name, 'none') FROM messages "
    "WHERE provider IN ('google','github') AND NOT tokens_encrypted"
)
W4_15 = """ SELECT messages.id,
    messages.created_at::date AS d,
    messages.created_at::date AS created_at,
    messages.a >= 1 AND messages.a <= 3 AS btw,
    COALESCE(messages.name, 'none'::text) AS "coalesce"
   FROM messages
  WHERE (messages.provider::text = ANY (ARRAY['google'::character varying, 'github'::character varying]::text[])) AND NOT messages.tokens_encrypted;"""  # noqa: E501
W4_18 = """ SELECT id,
    created_at::date AS d,
    created_at::date AS created_at,
    a >= 1 AND a <= 3 AS btw,
    COALESCE(name, 'none'::text) AS "coalesce"
   FROM messages
  WHERE (provider::text = ANY (ARRAY['google'::character varying, 'github'::character varying]::text[])) AND NOT tokens_encrypted;"""  # noqa: E501

SAME_VIEWS = [
    ("v1", (V1_SOURCE, V1_15, V1_15_RAW, V1_18)),
    ("v3", (V3_SOURCE, V3_15, V3_18)),
    ("v4", (V4_SOURCE, V4_15, V4_18)),
    ("v5", (V5_SOURCE, V5_15, V5_18)),
    ("v6 cte", (V6_15, V6_18)),
    ("ev aliases", (EV_15, EV_18)),
    ("join", (V2_PRETTY, V2_RAW)),
    ("subquery", (EV3_PRETTY, EV3_RAW)),
    ("three-way join", (W1_SOURCE, W1_PRETTY, W1_RAW)),
    ("casts, between, coalesce", (W4_SOURCE, W4_15, W4_18)),
]


@pytest.mark.parametrize(("name", "texts"), SAME_VIEWS, ids=[v[0] for v in SAME_VIEWS])
def test_view_texts_compare_equal(name: str, texts: tuple[str, ...]) -> None:
    assert len({norm.query(t) for t in texts}) == 1, name


def test_view_written_by_hand_matches_catalog() -> None:
    """Qualified the way the catalog prints a join, a hand-written view matches too."""
    hand = """select m.id, lower(m.email) as le, count(*) AS n
      from messages m join t on t.id = m.a
      where m.provider in ('google','github') and m.created_at > now() - interval '1 day'
      group by m.id, m.email;"""
    assert norm.query(hand) == norm.query(V2_PRETTY) == norm.query(V2_RAW)
    assert norm.query(V2_SOURCE) == norm.query(V2_PRETTY)
    simple = "SELECT a, b::text, count(*), lower(s), 1 AS \"?column?\", 'x' AS xx, "
    simple += "CASE WHEN a > 0 THEN 1 END, s, a AS b2, coalesce(b, 0) AS cb, n::int, now(), "
    simple += "c, max(n) AS mx FROM e GROUP BY a, s, b, n, c"
    assert norm.query(simple) == norm.query(EV_18)


def test_views_that_differ() -> None:
    assert norm.query(V1_SOURCE) != norm.query(V1_SOURCE.replace("a > 0", "a >= 0"))
    assert norm.query(V1_SOURCE) != norm.query(V1_SOURCE + " DESC")
    assert norm.query("SELECT a AS x FROM t") != norm.query("SELECT a FROM t")
    assert norm.query("SELECT t.a FROM t JOIN u ON u.id = t.id") != norm.query(
        "SELECT u.a FROM t JOIN u ON u.id = t.id"
    )


def test_star_is_not_expanded() -> None:
    """`pg_get_viewdef` expands `*` into the column list; without the table's columns the
    normalizer cannot, so a spec must list the columns as the catalog does."""
    assert norm.query("SELECT * FROM messages") != norm.query(
        " SELECT id,\n    a\n   FROM messages;"
    )


# --- the model uses these at construction ------------------------------------------------------


def test_model_objects_from_spec_and_catalog_compare_equal() -> None:
    spec = Column(schema="public", table="t", name="c", type="TIMESTAMPTZ", default="NOW()")
    live = Column(
        schema="public",
        table="t",
        name="c",
        type="timestamp with time zone",
        default="CURRENT_TIMESTAMP",
    )
    assert spec == live
    check = Constraint(
        schema="public", table="t", name="k", expression="encryption_version IN (1, 2)"
    )
    live_check = Constraint(
        schema="public",
        table="t",
        name="k",
        expression="CHECK ((encryption_version = ANY (ARRAY[1, 2])))",
    )
    assert check == live_check
    index = Index(schema="public", table="t", name="i", columns=("lower(email)", "Created_at DESC"),
                  predicate="WHERE token_expires_at IS NOT NULL")  # fmt: skip
    live_index = Index(schema="public", table="t", name="i",
                       columns=("lower((email)::text)", "created_at DESC"),
                       predicate="(token_expires_at IS NOT NULL)")  # fmt: skip
    assert index == live_index


def test_model_function_identity_ignores_modifiers() -> None:
    spec = Function(schema="public", name="f_vc", arguments=("varchar(10)", "timestamptz", "int[]"))
    live = Function(
        schema="public",
        name="f_vc",
        arguments=("character varying", "timestamp with time zone", "integer[]"),
    )
    assert spec.ref == live.ref


# --- signatures and foreign-key actions -------------------------------------------------------


@pytest.mark.parametrize(
    ("signature", "expected"),
    [
        ("f()", ("f", ())),
        ("f(uuid, integer)", ("f", ("uuid", "integer"))),
        ("f(a uuid, b integer)", ("f", ("uuid", "integer"))),
        ("f(IN a uuid, OUT b integer)", ("f", ("uuid",))),
        ("f(INOUT a int, VARIADIC c int[])", ("f", ("int", "int[]"))),
        ("f(a int DEFAULT 1, b text = 'x')", ("f", ("int", "text"))),
        (
            "f(double precision, character varying)",
            ("f", ("double precision", "character varying")),
        ),
        (
            "f(x double precision, y timestamp with time zone)",
            ("f", ("double precision", "timestamp with time zone")),
        ),
        ("f(numeric(10, 2), public.mood)", ("f", ("numeric(10, 2)", "public.mood"))),
        ('f("My Arg" int)', ("f", ("int",))),
        (
            "f_vc(a character varying, b timestamp with time zone, VARIADIC c integer[])",
            ("f_vc", ("character varying", "timestamp with time zone", "integer[]")),
        ),
    ],
)
def test_split_signature(signature: str, expected: tuple[str, tuple[str, ...]]) -> None:
    assert norm.split_signature(signature) == expected


def test_fk_actions() -> None:
    assert norm.fk_action("CASCADE") == norm.fk_action("c") == "cascade"
    assert norm.fk_action("NO  ACTION") == norm.fk_action("a") == "no action"
    assert norm.fk_action("set null") == norm.fk_action("n") == "set null"


# --- operators mixed with casts ------------------------------------------------------------------

# (as written, pg_get_expr(conbin, conrelid, true) on 15 and 18): a cast of an operator's result
# keeps the operator in parentheses, whichever node sqlglot makes of the operator.
CATALOG_OPERATOR_CASTS = [
    ("((j->>'v')::int) >= 1", "((j ->> 'v'::text)::integer) >= 1"),
    ("(data->'a'->>'b')::numeric > 0",
     "(((data -> 'a'::text) ->> 'b'::text)::numeric) > 0::numeric"),
    ("(data #>> '{a,b}')::int < 5", "((data #>> '{a,b}'::text[])::integer) < 5"),
    ("(data #> '{a}')::text <> ''", "((data #> '{a}'::text[])::text) <> ''::text"),
    ("(data->>'a')::int + 1 > (data->>'b')::int",
     "(((data ->> 'a'::text)::integer) + 1) > ((data ->> 'b'::text)::integer)"),
    ("(data->0)::int > 0", "(data -> 0)::integer > 0"),
    ("(data -> 'a' -> 'b' ->> 'c')::int > 0",
     "((((data -> 'a'::text) -> 'b'::text) ->> 'c'::text)::integer) > 0"),
    ("data @> '{\"a\": 1}'", "data @> '{\"a\": 1}'::jsonb"),
    ("data ? 'k'", "data ? 'k'::text"),
    ("NOT (data ? 'z')", "NOT data ? 'z'::text"),
    ("data ?| array['a','b']", "data ?| ARRAY['a'::text, 'b'::text]"),
    ("(data - 'a') <> '{}'", "(data - 'a'::text) <> '{}'::jsonb"),
    ("(data #- '{a}') <> '{}'", "(data #- '{a}'::text[]) <> '{}'::jsonb"),
    ("(data->>'a' || 'x') = 'y'", "((data ->> 'a'::text) || 'x'::text) = 'y'::text"),
    ("coalesce((data->>'a')::int, 0) > 0", "COALESCE((data ->> 'a'::text)::integer, 0) > 0"),
    ("(p && int4range(1,5))::int = 0", "(p && int4range(1, 5))::integer = 0"),
    ("(arr @> array[1])::int = 1", "(arr @> ARRAY[1])::integer = 1"),
    ("(t ~ '^a')::int = 1", "(t ~ '^a'::text)::integer = 1"),
    ("(a IN (1,2))::int = 1", "(a = ANY (ARRAY[1, 2]))::integer = 1"),
    ("(-a)::bigint < 0", "(- a)::bigint < 0"),
    ("(arr || 4)[1] > 0", "(arr || 4)[1] > 0"),
    ("(arr[1])::text <> ''", "arr[1]::text <> ''::text"),
    ("(ts AT TIME ZONE 'UTC')::date > '2020-01-01'",
     "(ts AT TIME ZONE 'UTC'::text)::date > '2020-01-01'::date"),
    ("(t || 'x') COLLATE \"C\" > 'a'", "((t || 'x'::text) COLLATE \"C\") > 'a'::text"),
]  # fmt: skip

# (as written, the key of pg_get_indexdef(indexrelid) and of pg_get_indexdef(indexrelid, k, true))
CATALOG_OPERATOR_KEYS = [
    ("((data->>'x')::int)", "(((data ->> 'x'::text))::integer)"),
    ("((data->>'x')::int)", "((data ->> 'x'::text)::integer)"),
    ("(data->>'y')", "((data ->> 'y'::text))"),
    ("((data#>>'{a,b}')::int) DESC", "(((data #>> '{a,b}'::text[]))::integer) DESC"),
    ("((data->'a'->>'b')::numeric)", "((((data -> 'a'::text) ->> 'b'::text))::numeric)"),
    ("((data->'a'->>'b')::numeric)", "(((data -> 'a'::text) ->> 'b'::text)::numeric)"),
    ("((a + b)::bigint)", "((((a + b))::bigint))"),
    ("((t || 'x') COLLATE \"C\")", "(((t || 'x'::text)) COLLATE \"C\")"),
    ('"userId" DESC', '"userId" DESC'),
]

DIFFERENT_OPERATOR_CASTS = [
    ("(data ->> 'x')::integer > 0", "data ->> 'x' > 0"),
    ("(data -> 'a')::text <> ''", "data -> 'a' <> ''"),
    ("(data #>> '{a}')::integer > 0", "data #>> '{a}' > 0"),
    ("(a + b)::bigint > 0", "a + b > 0"),
    ("(arr || b)[1] > 0", "arr || b[1] > 0"),
    ("(t || u) COLLATE \"C\" > 'a'", "t || u COLLATE \"C\" > 'a'"),
    ("(data -> 'a') ->> 'b' = 'x'", "data -> ('a' ->> 'b') = 'x'"),
    ("(-1)::numeric(3,1) < a", "-1 < a"),
]


@pytest.mark.parametrize(("written", "catalog"), CATALOG_OPERATOR_CASTS)
def test_operator_casts_match_catalog(written: str, catalog: str) -> None:
    assert norm.expression(written) == norm.expression(catalog)


@pytest.mark.parametrize(("written", "catalog"), CATALOG_OPERATOR_KEYS)
def test_operator_index_keys_match_catalog(written: str, catalog: str) -> None:
    assert norm.index_key(written) == norm.index_key(catalog)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_OPERATOR_CASTS)
def test_operator_casts_that_differ(a: str, b: str) -> None:
    assert norm.expression(a) != norm.expression(b)


def test_a_cast_of_an_operator_keeps_its_parentheses() -> None:
    assert norm.index_key("(((data ->> 'x'::text))::integer)") == "(data ->> 'x')::integer"
    assert norm.index_key("((data ->> 'x'::text))") == "data ->> 'x'"
    assert norm.index_key("((data->>'x')::int)") != norm.index_key("(data->>'x')")
    assert norm.expression("((j ->> 'v'::text))::integer >= 1") == "(j ->> 'v')::integer >= 1"
    assert norm.expression("(data @> '{}'::jsonb)::integer") == "(data @> '{}')::integer"
    assert norm.expression("(data ? 'k'::text)::integer") == "(data ? 'k')::integer"
    assert norm.expression("(lower(t))::varchar(3)") == "lower(t)::character varying(3)"
    assert norm.expression("(lower(t) || upper(t))::varchar(9)") == (
        "(lower(t) || upper(t))::character varying(9)"
    )


# --- exclusion constraints -----------------------------------------------------------------------

# (as a migration writes it or the replay renders it, pg_get_constraintdef(oid, true) on 15 and
# 18 without its DEFERRABLE part)
CATALOG_EXCLUSIONS = [
    (
        "EXCLUDE USING gist (daterange(ci, co, '[)') WITH &&) WHERE ((room IS NOT NULL))",
        "EXCLUDE USING gist (daterange(ci, co, '[)'::text) WITH &&) WHERE (room IS NOT NULL)",
    ),
    (
        "exclude using GIST (room with =, daterange(ci, co, '[)') with &&)"
        " where (room is not null)",
        "EXCLUDE USING gist (room WITH =, daterange(ci, co, '[)'::text) WITH &&)"
        " WHERE (room IS NOT NULL)",
    ),
    (
        "EXCLUDE USING gist (p WITH &&) WHERE ((st = 'confirmed'))",
        "EXCLUDE USING gist (p WITH &&) WHERE (st = 'confirmed'::status)",
    ),
    (
        "EXCLUDE (room WITH =) WHERE ((st = 'confirmed' AND room > 0))",
        "EXCLUDE USING btree (room WITH =) WHERE (st = 'confirmed'::status AND room > 0)",
    ),
    (
        "EXCLUDE USING btree ((room+1) WITH =, lower(p) WITH =)",
        "EXCLUDE USING btree ((room + 1) WITH =, lower(p) WITH =)",
    ),
    (
        "EXCLUDE USING gist (p WITH OPERATOR(pg_catalog.&&))",
        "EXCLUDE USING gist (p WITH &&)",
    ),
    (
        "EXCLUDE USING btree (((data->>'x')::int) WITH =)",
        "EXCLUDE USING btree (((data ->> 'x'::text)::integer) WITH =)",
    ),
    (
        'EXCLUDE USING gist ("Room" WITH =) INCLUDE (Ci) WHERE ("Room" > 0)',
        'EXCLUDE USING gist ("Room" WITH =) INCLUDE (ci) WHERE ("Room" > 0)',
    ),
]

DIFFERENT_EXCLUSIONS = [
    ("EXCLUDE USING gist (p WITH &&)", "EXCLUDE USING gist (p WITH =)"),
    ("EXCLUDE USING gist (p WITH &&)", "EXCLUDE USING spgist (p WITH &&)"),
    ("EXCLUDE USING gist (p WITH &&)", "EXCLUDE USING gist (p WITH &&) WHERE (room > 0)"),
    ("EXCLUDE USING gist (p WITH &&) WHERE (a > 0)", "EXCLUDE USING gist (p WITH &&) WHERE a >= 0"),
    ("EXCLUDE USING gist (room WITH =, p WITH &&)", "EXCLUDE USING gist (p WITH &&, room WITH =)"),
    ('EXCLUDE USING gist ("Room" WITH =)', "EXCLUDE USING gist (room WITH =)"),
    ("EXCLUDE USING gist (p WITH &&)", "EXCLUDE USING gist (p WITH OPERATOR(other.&&))"),
    ("EXCLUDE ((data->>'x') WITH =)", "EXCLUDE (((data->>'x')::int) WITH =)"),
    (
        "EXCLUDE USING gist (daterange(ci, co, '[)') WITH &&)",
        "EXCLUDE USING gist (daterange(ci, co, '[]') WITH &&)",
    ),
]


@pytest.mark.parametrize(("written", "catalog"), CATALOG_EXCLUSIONS)
def test_exclusion_matches_pg_get_constraintdef(written: str, catalog: str) -> None:
    assert norm.expression(written) == norm.expression(catalog)
    spec = Constraint(schema="public", table="r", name="x", type="exclusion", expression=written)
    live = Constraint(schema="public", table="r", name="x", type="exclusion", expression=catalog)
    assert spec == live


@pytest.mark.parametrize(("a", "b"), DIFFERENT_EXCLUSIONS)
def test_exclusions_that_differ(a: str, b: str) -> None:
    assert norm.expression(a) != norm.expression(b)


def test_exclusion_canonical_form_reads_well() -> None:
    printed = "EXCLUDE USING gist (daterange(ci, co, '[)'::text) WITH &&) WHERE ((room > 0))"
    assert norm.expression(printed) == (
        "EXCLUDE USING gist (daterange(ci, co, '[)') WITH &&) WHERE (room > 0)"
    )
    assert norm.expression("EXCLUDE (a WITH =)") == "EXCLUDE USING btree (a WITH =)"


# --- idempotence ---------------------------------------------------------------------------------

PRINTED_EXPRESSIONS = sorted(
    {
        catalog
        for pairs in (
            CATALOG_DEFAULTS,
            CATALOG_CHECKS,
            PRETTY_CHECKS,
            CATALOG_PREDICATES,
            CATALOG_WHEN,
            CATALOG_OPERATOR_CASTS,
            CATALOG_EXCLUSIONS,
        )
        for _, catalog in pairs
    }
)
PRINTED_KEYS = sorted({catalog for _, catalog in CATALOG_KEYS + CATALOG_OPERATOR_KEYS})


@pytest.mark.parametrize("printed", PRINTED_EXPRESSIONS)
def test_expression_normalization_is_idempotent(printed: str) -> None:
    """A snapshot writes the normalized text into a spec, and reading the spec normalizes it
    again: the second pass must change nothing."""
    once = norm.expression(printed)
    assert norm.expression(once) == once


@pytest.mark.parametrize("printed", PRINTED_KEYS)
def test_index_key_normalization_is_idempotent(printed: str) -> None:
    """As a snapshot writes a key into a spec: a bare name quoted as needed, an expression as
    it is."""
    once = norm.index_key(printed)
    written = norm.quote_identifier(once) if re.fullmatch(r"[^\s()\"]+", once) else once
    assert norm.index_key(written) == once


_JSON = st.deferred(
    lambda: (
        st.sampled_from(["data", "j"])
        | st.builds(
            "({} {} {})".format,
            _JSON,
            st.sampled_from(["->", "#>", "-", "#-", "||"]),
            st.sampled_from(["'k'", "0", "'{a,b}'"]),
        )
        | st.builds("({})::jsonb".format, _JSON)
    )
)
_SCALAR = st.deferred(
    lambda: (
        st.sampled_from(["a", "1", "2.5", "'s'", "t"])
        | st.builds("({} {} {})".format, _JSON, st.sampled_from(["->>", "#>>"]), st.just("'k'"))
        | st.builds("({} {} {})".format, _SCALAR, st.sampled_from(["+", "*", "||", "%"]), _SCALAR)
        | st.builds("({})::{}".format, _SCALAR, st.sampled_from(["integer", "numeric", "text"]))
        | st.builds("-({})".format, _SCALAR)
        | st.builds("lower({})".format, _SCALAR)
    )
)
_OPERATOR = st.one_of(
    st.builds("({} {} {})".format, _JSON, st.sampled_from(["@>", "<@"]), st.just("'{}'")),
    st.builds("({} {} {})".format, _JSON, st.sampled_from(["?", "?|", "?&"]), st.just("'k'")),
    st.builds("({} {} {})".format, _JSON, st.sampled_from(["->>", "#>>"]), st.just("'k'")),
    st.builds("({} {} {})".format, _SCALAR, st.sampled_from(["+", "||", "=", ">"]), _SCALAR),
)


@given(st.one_of(_JSON, _SCALAR, _OPERATOR))
@settings(max_examples=300, deadline=None)
def test_normalizing_twice_changes_nothing(text: str) -> None:
    once = norm.expression(text)
    assert norm.expression(once) == once


@given(_OPERATOR, st.sampled_from(["integer", "numeric", "jsonb", "date"]))
@settings(max_examples=300, deadline=None)
def test_a_cast_applies_to_the_whole_operator(text: str, target: str) -> None:
    """`(x op y)::t` stays the cast of the operator's result, not of `y`, and not nothing."""
    inner = norm.expression(text)
    cast = norm.expression(f"({text})::{target}")
    assert cast == f"({inner})::{target}"
    assert norm.expression(cast) == cast


# --- robustness and speed -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["", "   ", "((", "CHECK (", "SELECT FROM WHERE", "x::", "'unterminated", "a ==== b"]
)
def test_odd_input_never_raises(text: str) -> None:
    for fn in (norm.expression, norm.default, norm.index_key, norm.query, norm.data_type):
        assert isinstance(fn(text), str)
    assert isinstance(norm.return_type(text), str)
    assert isinstance(norm.split_signature(text), tuple)


def test_unparsable_text_falls_back_to_folded_whitespace() -> None:
    a = norm.expression("FOO  BAR(  'Keep Case' )  ~~~ 1")
    b = norm.expression("foo bar('Keep Case') ~~~ 1")
    assert a == b
    assert "'Keep Case'" in a


def test_sequence_names_fold_like_regclass() -> None:
    assert norm.default("nextval('public.\"Seq\"'::regclass)") == "nextval('\"Seq\"')"
    assert norm.default("nextval('Public.Seq')") == norm.default("nextval('seq'::regclass)")
    assert norm.default("nextval('other.seq'::regclass)") == "nextval('other.seq')"


def test_sqlglot_still_needs_the_workarounds() -> None:
    """Guards for what sqlglot 30 gets wrong, so a new release that fixes it is noticed."""
    assert sqlglot.parse_one("now()", read="postgres").sql("postgres") == "CURRENT_TIMESTAMP"
    ordered = sqlglot.parse_one("created_at DESC", read="postgres")
    assert ordered.sql("postgres") == "created_at AS DESC"  # a key needs an index context


def test_repeated_strings_are_cheap() -> None:
    text = "CHECK ((encryption_version = ANY (ARRAY[1, 2])))"
    norm.expression(text)
    start = time.perf_counter()
    for _ in range(10000):
        norm.expression(text)
    per_call = (time.perf_counter() - start) / 10000
    assert per_call < 20e-6


# --- date/time literals as stored -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "type_name", "printed"),
    [
        ("0001-01-01 00:00:00Z", "timestamptz", "0001-01-01 00:00:00+00"),
        ("2020-06-01T05:30+05:30", "timestamp with time zone", "2020-06-01 00:00:00+00"),
        ("2020-06-01 10:00:00.50-0200", "timestamptz(2)", "2020-06-01 12:00:00.5+00"),
        ("0001-01-01 00:09:21+00:09:21", "timestamptz", "0001-01-01 00:00:00+00"),
        ("epoch", "timestamptz", "1970-01-01 00:00:00+00"),
        ("Infinity", "timestamptz", "infinity"),
        ("2020-6-1T7:08", "timestamp", "2020-06-01 07:08:00"),
        ("2020-06-01 07:08:09+03", "timestamp(0)", "2020-06-01 07:08:09"),
        ("2020-6-1", "date", "2020-06-01"),
        ("7:08:09.25", "time", "07:08:09.25"),
        # not knowable from the text alone: the session's TimeZone, `now`, rounding, year 0
        ("2020-01-01 00:00:00", "timestamptz", None),
        ("now", "timestamptz", None),
        ("2020-01-01 00:00:00.125Z", "timestamptz(2)", None),
        ("0001-01-01 00:30:00+01", "timestamptz", None),
        ("01/02/2020", "date", None),
        ("12:00+02", "timetz", None),
        ("2020-01-01", "text", None),
    ],
)
def test_temporal_literal_as_postgresql_prints_it(
    value: str, type_name: str, printed: str | None
) -> None:
    assert norm.temporal_literal(value, type_name) == printed


def test_timestamptz_defaults_compare_as_instants() -> None:
    under_utc = "'0001-01-01 00:00:00+00'::timestamp with time zone"
    assert norm.default("'0001-01-01 00:00:00Z'::timestamptz") == norm.default(under_utc)
    assert norm.default("'2020-01-01 02:00:00+02'::timestamptz") == norm.default(
        "'2020-01-01 00:00:00+00'::timestamp with time zone"
    )
    assert norm.default("'2020-01-01 02:00:00+02'::timestamptz") != norm.default(under_utc)


@pytest.mark.parametrize(
    ("signature", "types"),
    [
        ('f(x "Sales Ops".t)', ('"Sales Ops".t',)),
        ('f("Sales Ops".t, n int)', ('"Sales Ops".t', "int")),
        ('f(x plain."Big T", OUT y text)', ('plain."Big T"',)),
        ('f("a b" int)', ("int",)),
    ],
)
def test_a_quoted_type_name_with_a_blank_is_one_argument_type(
    signature: str, types: tuple[str, ...]
) -> None:
    assert norm.split_signature(signature)[1] == types


# --- function calls sqlglot would rewrite ----------------------------------------------------

# (as written, what sqlglot 30 alone makes of it with the PostgreSQL dialect). In PostgreSQL
# each is a call of its own function, printed back as written (`pg_get_viewdef`,
# `pg_get_expr`): another dialect's function of that name means nothing there, and the name is
# often the user's own (an aggregate `group_concat`, a function `ifnull`).
SQLGLOT_REWRITES = [
    ("group_concat(name)", "STRING_AGG(name, ',')"),
    ("group_concat(name, ';')", "STRING_AGG(name, ';')"),
    ("ifnull(a, 0)", "COALESCE(a, 0)"),
    ("nvl(a, 0)", "COALESCE(a, 0)"),
    ("nvl2(a, b, c)", "CASE WHEN NOT a IS NULL THEN b ELSE c END"),
    ("len(name)", "LENGTH(name)"),
    ("iif(a > 0, b, c)", "CASE WHEN a > 0 THEN b ELSE c END"),
    ("if(a > 0, b, c)", "CASE WHEN a > 0 THEN b ELSE c END"),
    ("instr(name, 'x')", "POSITION('x' IN name)"),
    ("strpos(name, 'x')", "POSITION('x' IN name)"),
    ("locate('x', name)", "POSITION('x' IN name)"),
    ("charindex('x', name)", "POSITION('x' IN name)"),
    ("substr(name, 1, 2)", "SUBSTRING(name FROM 1 FOR 2)"),
    ("substring(name, 1, 2)", "SUBSTRING(name FROM 1 FOR 2)"),
    ("date_add(d, 1)", "d + INTERVAL '1'"),
    ("date_add(d, i)", "d + (INTERVAL '1' * i)"),
    ("date_sub(d, 1)", "d - INTERVAL '1'"),
    (
        "datediff(a, b)",
        "CAST(EXTRACT(epoch FROM CAST(a AS TIMESTAMP) - CAST(b AS TIMESTAMP)) / 86400 AS BIGINT)",
    ),
    ("decode(a, 1, 'one')", "CASE WHEN a = 1 THEN 'one' END"),
    ("mod(a, 3)", "a % 3"),
    ("max(a, b)", "GREATEST(a, b)"),
    ("min(a, b)", "LEAST(a, b)"),
    ("char_length(name)", "LENGTH(name)"),
    ("character_length(name)", "LENGTH(name)"),
    ("pow(a, 2)", "POWER(a, 2)"),
    ("rand()", "RANDOM()"),
    ("ceiling(a)", "CEIL(a)"),
    ("lcase(name)", "LOWER(name)"),
    ("ucase(name)", "UPPER(name)"),
    ("log10(a)", "LOG(10, a)"),
    ("log2(a)", "LOG(2, a)"),
    ("btrim(name)", "TRIM(name)"),
    ("ltrim(name, 'x')", "TRIM(LEADING 'x' FROM name)"),
    ("rtrim(name, 'x')", "TRIM(TRAILING 'x' FROM name)"),
    ("date_part('year', d)", "EXTRACT(YEAR FROM d)"),
    ("array_length(arr)", "ARRAY_LENGTH(arr, 1)"),
    ("array_cat(arr)", "ARRAY_CAT(arr, ARRAY[])"),
    ("array_agg(a, b)", "ARRAY_AGG(a)"),
    ("sha2(s)", "ENCODE(SHA256(s), 'hex')"),
    ("space(3)", "REPEAT(' ', 3)"),
    ("signum(a)", "SIGN(a)"),
    ("stdev(a)", "STDDEV(a)"),
    ("variance(a)", "VAR_SAMP(a)"),
    ("median(a)", "PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY a)"),
    ("count_if(a > 0)", "SUM(CASE WHEN a > 0 THEN 1 ELSE 0 END)"),
    ("array_size(arr)", "ARRAY_LENGTH(arr, 1)"),
    ("regexp_like(s, 'x')", "s ~ 'x'"),
    ("date_trunc(unit, d)", "DATE_TRUNC('UNIT', d)"),
    ("now(a)", "CURRENT_TIMESTAMP"),
    ("array_join(arr, ',')", "ARRAY_TO_STRING(arr, ',')"),
    ("explode(arr)", "UNNEST(arr)"),
    ("generate_uuid()", "GEN_RANDOM_UUID()"),
    ("json_extract(data, 'k')", "JSON_EXTRACT_PATH(data, 'k')"),
    ("approx_count_distinct(a)", "APPROX_DISTINCT(a)"),
    ("arrayagg(a)", "ARRAY_AGG(a)"),
    ("startswith(s, 'a')", "STARTS_WITH(s, 'a')"),
    ("convert(a, b)", "CAST(a AS b)"),
    ("to_hex(a)", "HEX(a)"),
]  # fmt: skip


@pytest.mark.parametrize(("written", "rewritten"), SQLGLOT_REWRITES)
def test_sqlglot_rewrites_these_calls(written: str, rewritten: str) -> None:
    """The table above is what sqlglot does: a release that changes it is noticed."""
    assert sqlglot.transpile(written, read="postgres", write="postgres") == [rewritten]


@pytest.mark.parametrize(("written", "rewritten"), SQLGLOT_REWRITES)
def test_a_rewritten_call_keeps_its_name_and_arguments(written: str, rewritten: str) -> None:
    kept = written.replace("'x'", "'x'::text")  # the casts PostgreSQL prints still go
    assert norm.expression(written) == written
    assert norm.expression(kept) == written
    name, _, rest = written.partition("(")
    assert norm.expression(f"public.{name.upper()}({rest}") == norm.expression(written)
    assert norm.expression(written) != norm.expression(rewritten)
    view = f"SELECT {written} AS v FROM t"
    assert norm.query(view) == view
    assert norm.query(view) != norm.query(f"SELECT {rewritten} AS v FROM t")
    assert norm.query(norm.query(view)) == norm.query(view)


# Words sqlglot lists as functions that are PostgreSQL syntax, not a function's name:
# `ARRAY(SELECT ..)` and `EXISTS (SELECT ..)` take a query, never a list of arguments.
SYNTAX_WORDS = frozenset({"ARRAY", "EXISTS"})
_SQLGLOT_FUNCTIONS = sorted(
    set(norm._POSTGRES.parser_class.FUNCTIONS) | set(norm._POSTGRES.parser_class.FUNCTION_PARSERS)
)


def test_every_function_sqlglot_knows_keeps_its_call() -> None:
    """Every name in sqlglot's PostgreSQL tables (its FUNCTIONS and FUNCTION_PARSERS: several
    hundred, most of them other dialects' functions), called with none to three arguments,
    keeps its name and arguments in a view: sqlglot may not read it as another function.
    (Some arities sqlglot cannot read at all; the view then falls back to its folded text,
    which keeps the call too.)"""
    changed = []
    for name in _SQLGLOT_FUNCTIONS:
        for count in range(4):
            call = f"{name.lower()}({', '.join('abc'[:count])})"
            printed = norm.query(f"SELECT {call} AS v FROM t")
            if call.replace(" ", "") not in printed.lower().replace(" ", ""):
                changed.append((call, printed))
    assert {call.split("(")[0].upper() for call, _ in changed} == SYNTAX_WORDS, changed
    assert len(_SQLGLOT_FUNCTIONS) > 600


# Spellings PostgreSQL means alike stay equal with the calls kept.
SAME_CALLS = [
    ("NOW()", "now()"),
    ("CURRENT_TIMESTAMP", "now()"),
    ("x IN (1, 2)", "x = ANY (ARRAY[1, 2])"),
    ("IFNULL(a,0) > 0", "(ifnull(a, 0) > 0)"),
    ("public.group_concat(name)", "group_concat(name)"),
    ('"substring"(name, 1, 2)', "substring(name, 1, 2)"),
    ("substring(name from 1 for 2)", "SUBSTRING(name FROM 1 FOR 2)"),
    ("extract(year from d)", "EXTRACT(year FROM d)"),
    ("trim(both 'x' from s)", "TRIM(BOTH 'x'::text FROM s)"),
    ("position('x' in s)", "POSITION(('x'::text) IN (s))"),
    ("string_agg(s, ',' ORDER BY s)", "string_agg(s, ','::text ORDER BY s)"),
    ("count(*)", "COUNT(*)"),
    ("coalesce(a, 0)", "COALESCE(a, 0)"),
    ("date_trunc('day', d)", "date_trunc('day'::text, d)"),
    ("gen_random_uuid()", "GEN_RANDOM_UUID()"),
    ("left(s, 2)", '"left"(s, 2)'),
]


@pytest.mark.parametrize(("a", "b"), SAME_CALLS)
def test_calls_postgres_means_alike_compare_equal(a: str, b: str) -> None:
    assert norm.expression(a) == norm.expression(b)


def test_a_call_of_the_users_own_function_is_not_a_builtin() -> None:
    assert norm.expression('"GROUP_CONCAT"(name)') == '"GROUP_CONCAT"(name)'
    assert norm.expression('"GROUP_CONCAT"(name)') != norm.expression("group_concat(name)")
    assert norm.expression("app.ifnull(a, 0)") == "app.ifnull(a, 0)"
    assert norm.expression("app.ifnull(a, 0)") != norm.expression("ifnull(a, 0)")


def test_a_column_named_like_a_function_is_a_column() -> None:
    assert norm.expression("len > 0 AND nvl IS NULL") == "(len > 0) AND (nvl IS NULL)"
    assert norm.index_key("len") == "len"
    assert norm.query("SELECT t.len, ifnull FROM t") == "SELECT len, ifnull FROM t"
