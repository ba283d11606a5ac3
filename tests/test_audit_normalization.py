"""Normalization does not hide real changes, on PostgreSQL 15 and 18: a view calling the user's
own `group_concat` aggregate (and `ifnull`, `nvl`, `len` functions) is snapshotted as written
and audits clean, and the same view rewritten to `string_agg(x, ',')` (what sqlglot would make
of `group_concat(x)`) is a different view; a function body whose string constant changes only
in its inner whitespace is a different body, while re-indenting it is not."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

import pytest
from live_specs import apply_migration, audit, execute, snapshot

from schemacheck.cli import run
from schemacheck.introspect import body_hash

SCHEMA = """
CREATE FUNCTION concat_step(acc text, v text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN acc IS NULL THEN v ELSE acc || ',' || v END $$;
CREATE AGGREGATE group_concat(text) (SFUNC = concat_step, STYPE = text);
CREATE FUNCTION ifnull(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE
    AS 'SELECT coalesce(a, b)';
CREATE FUNCTION nvl(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE
    AS 'SELECT coalesce(a, b)';
CREATE FUNCTION len(s text) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT length(s)';
CREATE TABLE people (id integer PRIMARY KEY, team text, name text, nick text);
CREATE INDEX people_nick_len ON people (len(nick));
CREATE INDEX people_shown ON people (ifnull(nick, name));
CREATE VIEW team_names AS SELECT team, group_concat(name) AS names FROM people GROUP BY team;
CREATE VIEW shown_names AS
    SELECT id, ifnull(nick, name) AS shown, nvl(nick, '-') AS nick, len(name) AS size
    FROM people;
CREATE FUNCTION greeting() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    -- two blanks, on purpose
    RETURN 'hello  world';
END
$$;
"""

GREETING = """CREATE OR REPLACE FUNCTION greeting() RETURNS text LANGUAGE plpgsql AS $$
{body}
$$"""


def build(dsn: str, folder: Path) -> Path:
    """The schema applied from a migration file; the migrations folder."""
    return apply_migration(dsn, folder / "migrations" / "001_schema.sql", SCHEMA).parent


def findings(dsn: str, spec: Path) -> tuple[int, list[tuple[str, str]]]:
    code, found = audit(dsn, spec)
    return code, sorted((f["code"], f["object"]) for f in found)


def test_the_users_own_functions_are_snapshotted_as_written(
    fresh_db_any: str, tmp_path: Path
) -> None:
    build(fresh_db_any, tmp_path)
    spec = tmp_path / "snap.json"
    doc = snapshot(fresh_db_any, spec)
    views = doc["schemas"]["public"]["views"]  # type: ignore[index]
    team, shown = views["team_names"]["definition"], views["shown_names"]["definition"]
    assert "group_concat(name)" in team and "string_agg" not in team
    for call in ("ifnull(nick, name)", "nvl(nick, '-')", "len(name)"):
        assert call in shown
    assert "coalesce" not in shown and "length" not in shown
    assert findings(fresh_db_any, spec) == (0, [])


def test_the_migration_replays_to_the_snapshot(fresh_db_any: str, tmp_path: Path) -> None:
    """The static side reads the views' calls and the function bodies as the live side."""
    migrations = build(fresh_db_any, tmp_path)
    spec = tmp_path / "snap.json"
    snapshot(fresh_db_any, spec)
    out, err = io.StringIO(), io.StringIO()
    command = ["lint", "--no-cache", "--spec", str(spec), str(migrations), "--format", "json"]
    run(command, out, err)
    found = {(f["code"], f["object"]) for f in json.loads(out.getvalue())["findings"]}
    assert {(c, o) for c, o in found if c in ("SC950", "SC951", "SC952")} == set()
    assert ("SC025", "view public.team_names") in found  # the lint read the file


def test_string_agg_is_not_the_users_group_concat(fresh_db_any: str, tmp_path: Path) -> None:
    build(fresh_db_any, tmp_path)
    spec = tmp_path / "snap.json"
    snapshot(fresh_db_any, spec)
    execute(
        fresh_db_any,
        "CREATE OR REPLACE VIEW team_names AS"
        " SELECT team, string_agg(name, ',') AS names FROM people GROUP BY team",
    )
    assert findings(fresh_db_any, spec) == (1, [("SC902", "view public.team_names")])
    execute(
        fresh_db_any,
        "CREATE OR REPLACE VIEW shown_names AS SELECT id, coalesce(nick, name) AS shown,"
        " coalesce(nick, '-') AS nick, length(name) AS size FROM people",
    )
    assert findings(fresh_db_any, spec) == (
        1,
        [("SC902", "view public.shown_names"), ("SC902", "view public.team_names")],
    )


def test_whitespace_inside_a_string_constant_is_part_of_the_body(
    fresh_db_any: str, tmp_path: Path
) -> None:
    build(fresh_db_any, tmp_path)
    spec = tmp_path / "snap.json"
    snapshot(fresh_db_any, spec)
    reindented = "  BEGIN\n  -- two blanks, on purpose\n        RETURN 'hello  world';\n\n  END"
    execute(fresh_db_any, GREETING.format(body=reindented))
    assert findings(fresh_db_any, spec) == (0, [])

    one_blank = "BEGIN\n    -- two blanks, on purpose\n    RETURN 'hello world';\nEND"
    execute(fresh_db_any, GREETING.format(body=one_blank))
    assert findings(fresh_db_any, spec) == (1, [("SC902", "function public.greeting()")])


# --- the hash itself (no database) ---------------------------------------------------------

SAME_BODIES = [
    ("BEGIN\n  RETURN 1;\nEND;", "  BEGIN RETURN 1;   END; "),
    ("RETURN 'a  b';", "RETURN   'a  b';"),
    ("-- note\n    RETURN 1;", "-- note\nRETURN 1;"),
    ("x := $q$ a  b $q$;\n", "x :=  $q$ a  b $q$;"),
    ('SELECT "a  b"\n FROM t', 'SELECT "a  b" FROM t'),
    ("s := E'it\\'s  x'  ||  'y';", "s := E'it\\'s  x' || 'y';"),
]

DIFFERENT_BODIES = [
    ("RETURN 'a  b';", "RETURN 'a b';"),
    ("RETURN 'a\nb';", "RETURN 'a b';"),
    ("RETURN 'it''s  a';", "RETURN 'it''s a';"),
    ("x := $q$ a  b $q$;", "x := $q$ a b $q$;"),
    ("x := $$a  b$$;", "x := $$a b$$;"),
    ('SELECT "a  b" FROM t', 'SELECT "a b" FROM t'),
    ("s := E'it\\'s  x';", "s := E'it\\'s x';"),
    ("-- note\nRETURN 1;", "-- note RETURN 1;"),
    ("/* a  b */ RETURN 1;", "/* a b */ RETURN 1;"),
    ("RETURN 1;", "RETURN 2;"),
]


@pytest.mark.parametrize(("a", "b"), SAME_BODIES)
def test_whitespace_between_tokens_is_not_part_of_the_body(a: str, b: str) -> None:
    assert body_hash(a) == body_hash(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_BODIES)
def test_quoted_text_and_comments_keep_their_whitespace(a: str, b: str) -> None:
    assert body_hash(a) != body_hash(b)


def test_a_body_without_quoted_text_hashes_as_before() -> None:
    """A body hash a spec holds from before still matches a body with no quoted text or
    comment: its whitespace folds as it always did."""
    body = "BEGIN\n  NEW.updated_at = now();\n  RETURN NEW;\nEND;"
    folded = b"BEGIN NEW.updated_at = now(); RETURN NEW; END;"
    assert body_hash(body) == hashlib.md5(folded, usedforsecurity=False).hexdigest()
