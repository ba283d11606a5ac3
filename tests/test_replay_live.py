"""Static replay against a real PostgreSQL: the same files applied to a fresh database and
replayed without one must give the same catalog, object by object, on every available major.

The comparison runs both ways with `compare.diff`. A value the replay cannot know is `None`
(unknown, skipped by the comparison); the only such values allowed are listed in
`STATIC_UNKNOWN`, each checked to be unknown for the documented reason only.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

import psycopg

from schemacheck.check import plan_directory
from schemacheck.cli import run
from schemacheck.compare import MISMATCH, Outcome, diff, render_value
from schemacheck.coverage import coverage
from schemacheck.ddl import parse_file
from schemacheck.embedded import apply_sql_files
from schemacheck.findings import Location
from schemacheck.introspect import introspect
from schemacheck.model import Catalog, Kind, ObjectRef
from schemacheck.replay import Replay, replay_paths

FIXTURE = Path(__file__).parent / "fixtures" / "replay_every_kind.sql"

# (kind, attribute) the replay leaves unknown: the installed extension's version is whatever
# the server ships; a SQL-standard body (RETURN ... / BEGIN ATOMIC) is stored as a parse tree,
# so its hash comes from the server's deparsed text.
STATIC_UNKNOWN = frozenset({(Kind.EXTENSION, "version"), (Kind.FUNCTION, "body_hash")})
_QUOTED_BODY = re.compile(r"\bAS\s*(\$[A-Za-z0-9_]*\$|'|[Ee]')", re.IGNORECASE)


def _describe(outcome: Outcome, left: str, right: str) -> str:
    if outcome.kind == MISMATCH:
        return (
            f"{outcome.ref}: {outcome.attribute} {left}={render_value(outcome.expected)} "
            f"{right}={render_value(outcome.actual)}"
        )
    return f"{outcome.ref}: {outcome.kind} ({left} has it, {right} does not)"


def _statement_text(location: Location) -> str:
    sql_file = parse_file(location.path)
    return next(s.text for s in sql_file.statements if s.line == location.line)


def _unknown_for_a_reason(outcome: Outcome, static: Replay) -> bool:
    """A live value the replay leaves as None, for a reason `STATIC_UNKNOWN` documents."""
    if outcome.kind != MISMATCH or outcome.actual is not None:
        return False
    if (outcome.ref.kind, outcome.attribute) not in STATIC_UNKNOWN:
        return False
    if outcome.ref.kind is Kind.FUNCTION:  # only bodies that are not a quoted string
        return _QUOTED_BODY.search(_statement_text(static.locations[outcome.ref])) is None
    return True


def _static_and_live(dsn: str, paths: Sequence[Path]) -> tuple[Replay, Catalog]:
    apply_sql_files(dsn, paths)
    return replay_paths(paths), introspect(dsn).catalog


def _assert_same(static: Replay, live: Catalog) -> list[Outcome]:
    """Assert the two catalogs agree; return the live values the replay left unknown."""
    assert static.not_replayed == ()
    problems: list[str] = []
    only_static = sorted(set(static.catalog.objects) - set(live.objects))
    only_live = sorted(set(live.objects) - set(static.catalog.objects))
    problems += [f"{ref}: only in the static replay" for ref in only_static]
    problems += [f"{ref}: only in the live catalog" for ref in only_live]
    problems += [_describe(o, "static", "live") for o in diff(static.catalog, live)]
    unknown: list[Outcome] = []
    for outcome in diff(live, static.catalog):
        if _unknown_for_a_reason(outcome, static):
            unknown.append(outcome)
        else:
            problems.append(_describe(outcome, "live", "static"))
    assert not problems, "static replay differs from the live catalog:\n" + "\n".join(
        sorted(set(problems))
    )
    return unknown


def test_prerequisites_and_migrations_replay_to_the_live_catalog(
    fresh_db_any: str, sql_dir: Path
) -> None:
    plan = plan_directory(sql_dir)
    paths = [*plan.prerequisites, *(part.path for part in plan.migrations)]
    static, live = _static_and_live(fresh_db_any, paths)
    unknown = _assert_same(static, live)
    assert {(o.ref.kind, o.attribute) for o in unknown} <= {(Kind.EXTENSION, "version")}
    # the Batch 3 objects are there, so the agreement is not one of two empty catalogs
    index = ObjectRef(Kind.INDEX, "public", "idx_oauth_last_refresh", "oauth_connections")
    assert index in static.catalog and index in live
    assert len(live) > 100
    assert static.locations[index].path.endswith("118_oauth_encrypted_tokens.sql")


def test_every_kind_fixture_replays_to_the_live_catalog(fresh_db_any: str) -> None:
    static, live = _static_and_live(fresh_db_any, [FIXTURE])
    unknown = _assert_same(static, live)
    assert {ref.kind for ref in live.objects} == set(Kind)  # every kind is exercised
    unknown_refs = {o.ref for o in unknown}
    assert unknown_refs == {
        ObjectRef(Kind.EXTENSION, "", "pg_trgm"),
        ObjectRef(Kind.FUNCTION, "public", "standard_body(integer)"),
    }
    # quoted bodies are hashed statically and compared, not left unknown
    hashed = [f for f in static.catalog.of_kind(Kind.FUNCTION) if getattr(f, "body_hash", None)]
    assert len(hashed) >= 8


def test_a_real_difference_is_reported_with_both_values(fresh_db_any: str) -> None:
    """The comparison above would see a definition the replay got wrong: change the live
    database behind the replay's back and the message names object, attribute and values."""
    static, _ = _static_and_live(fresh_db_any, [FIXTURE])
    with psycopg.connect(fresh_db_any, autocommit=True) as conn:
        conn.execute("ALTER TABLE pairs ALTER COLUMN b SET DEFAULT 7")
    live = introspect(fresh_db_any).catalog
    try:
        _assert_same(static, live)
    except AssertionError as exc:
        message = str(exc)
    else:
        raise AssertionError("a changed default went unnoticed")
    assert "column public.pairs.b: default static=(none) live=7" in message
    assert "column public.pairs.b: default live=7 static=(none)" in message


FOUND_ON_PROJECTS = Path(__file__).parent / "fixtures" / "replay_found_on_projects.sql"


def test_forms_found_on_projects_replay_to_the_live_catalog(fresh_db_any: str) -> None:
    static, live = _static_and_live(fresh_db_any, [FOUND_ON_PROJECTS])
    assert _assert_same(static, live) == []
    # the objects are there, so the agreement is not one of two empty catalogs
    taken = ObjectRef(Kind.CONSTRAINT, "public", "taken_pkey", "taken")
    assert taken in live and taken in static.catalog
    assert ObjectRef(Kind.INDEX, "elsewhere", "base_snapshot_id", "base_snapshot") in live
    assert ObjectRef(Kind.TRIGGER, "public", "base_touched", "base") in live
    assert ObjectRef(Kind.FUNCTION, "public", "plus(integer, integer)") in live
    assert ObjectRef(Kind.ENUM, "public", "Tone") in live


# Statements the replay does not follow, as real projects write them: the objects they
# create must be listed as not checked, never reported as missing from the migrations.
NOT_FOLLOWED = """\
DO $$ BEGIN
    CREATE TYPE factor_type AS ENUM ('phone', 'webauthn');
EXCEPTION WHEN duplicate_object THEN null;
END $$;
CREATE TABLE p (id int PRIMARY KEY);
CREATE TABLE c (pid int);
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'c_p_fk') THEN
    ALTER TABLE c ADD CONSTRAINT c_p_fk FOREIGN KEY (pid) REFERENCES p (id);
  END IF;
END $$;
DO $$ BEGIN PERFORM 1; END $$;
CREATE TABLE a (id int PRIMARY KEY, code text UNIQUE, n int DEFAULT 0 CHECK (n >= 0));
CREATE TABLE b (LIKE a INCLUDING ALL);
"""


def test_objects_of_statements_not_followed_are_not_checked_not_missing(
    fresh_db_any: str, tmp_path: Path
) -> None:
    """The method of a coverage check on a real project: apply the migration, snapshot the
    database as the spec, then lint the same migration against it."""
    migration = tmp_path / "migrations" / "0001_x.sql"
    migration.parent.mkdir()
    migration.write_text(NOT_FOLLOWED, "utf-8")
    apply_sql_files(fresh_db_any, [migration])
    spec = tmp_path / "snapshot.json"
    out, err = io.StringIO(), io.StringIO()
    assert run(["snapshot", "--dsn", fresh_db_any, "-o", str(spec)], out, err) == 0, err
    result = coverage(spec, [tmp_path / "migrations"])
    assert [f.object for f in result.findings] == []
    lines = {n.split(": not created by", 1)[0]: n for n in result.not_checked}
    # each DO block with DDL is not replayed, the one without DDL is a no-op
    not_replayed = [n for n in result.not_checked if n.startswith("not replayed")]
    assert sorted(n.split(f"{migration}:", 1)[1] for n in not_replayed) == [
        "1 do (DO block with DDL)",
        "14 create_table (table element: (LIKE a INCLUDING ALL))",
        "7 do (DO block with DDL)",
    ]
    assert f"{migration}:1 that may" in lines["enum public.factor_type"]
    assert f"{migration}:7 that may" in lines["foreign key public.c.c_p_fk"]
    copied = [obj for obj, line in lines.items() if f"{migration}:14 that may" in line]
    assert {"column public.b.id", "column public.b.n", "constraint public.b.b_pkey"} <= set(copied)
    assert all(".b." in obj for obj in copied)


COMPARED_WITH_SNAPSHOTS = Path(__file__).parent / "fixtures" / "replay_compared_with_snapshots.sql"


def test_forms_compared_with_snapshots_replay_to_the_live_catalog(fresh_db_any: str) -> None:
    static, live = _static_and_live(fresh_db_any, [COMPARED_WITH_SNAPSHOTS])
    assert _assert_same(static, live) == []
    # the objects are there, so the agreement is not one of two empty catalogs
    checks = {r.name for r in live.objects if r.kind is Kind.CONSTRAINT and r.table == "ck"}
    assert checks == {
        "ck_a_check",
        "ck_a_check1",
        "ck_b_check",
        "ck_check",
        "ck_check1",
        "ck_b_check1",
        "ck_x_y_check1",
    }
    assert ObjectRef(Kind.CONSTRAINT, "public", "ck_x_y_check", "ck_x") in live
    assert ObjectRef(Kind.CONSTRAINT, "public", "ev_during_excl1", "ev") in live
    for trigger in (
        ObjectRef(Kind.TRIGGER, "public", "v_ins", "v"),
        ObjectRef(Kind.TRIGGER, "public", "v_update", "v"),
        ObjectRef(Kind.TRIGGER, "s3", "w_ins", "w"),
    ):
        assert trigger in live
    assert ObjectRef(Kind.TABLE, "public", "v") not in static.catalog
    moved = live.get(ObjectRef(Kind.COLUMN, "s3", "id", "mv_me"))
    assert moved is not None and "s3.mv_me_id_seq" in str(getattr(moved, "default", ""))
