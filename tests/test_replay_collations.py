"""Index collations, static: the replay of a migration writes a key's COLLATE exactly where
PostgreSQL keeps one, checked against the live catalog of the same migration on every
available major. A collation keeps its schema when it has one other than `pg_catalog`; a
COLLATE naming the collation the key has anyway (its column's, or "default" on an expression
of default-collated columns) is stored as no COLLATE at all, also after ALTER COLUMN ... TYPE
changes the column's collation and PostgreSQL rebuilds the index."""

from __future__ import annotations

from pathlib import Path

import pytest

from schemacheck.compare import diff
from schemacheck.embedded import apply_sql_files
from schemacheck.introspect import introspect
from schemacheck.model import Catalog, Index, Kind, ObjectRef
from schemacheck.replay import Replay, replay_paths

pytestmark = pytest.mark.db

# The collations the migration uses, created beforehand (the model holds no collations, so
# the replay has nothing to do with them).
COLLATIONS = """\
CREATE SCHEMA other;
CREATE COLLATION other.c2 FROM "C";
CREATE COLLATION other."Mixed" FROM "POSIX";
"""

MIGRATION = """\
CREATE TABLE ev (
    id int,
    name text,
    code text COLLATE "C",
    region text COLLATE other.c2,
    label text COLLATE pg_catalog."default",
    n name
);
-- a collation in another schema keeps it
CREATE INDEX ev_lower_c2 ON ev (lower(name) COLLATE other.c2);
CREATE INDEX ev_name_mixed ON ev (name COLLATE other."Mixed" DESC);
CREATE INDEX ev_region_c ON ev (region COLLATE "C");
-- pg_catalog is the schema PostgreSQL leaves out
CREATE INDEX ev_name_pg_c ON ev (name COLLATE pg_catalog."C");
-- the column's own collation named again: no COLLATE
CREATE INDEX ev_code_c ON ev (code COLLATE "C");
CREATE INDEX ev_code_pg_c ON ev (code COLLATE pg_catalog."C" text_pattern_ops);
CREATE INDEX ev_region_c2 ON ev (region COLLATE other.c2);
CREATE INDEX ev_name_default ON ev (name COLLATE "default");
CREATE INDEX ev_label_default ON ev (label COLLATE pg_catalog."default");
CREATE INDEX ev_n_c ON ev (n COLLATE "C");
CREATE INDEX ON ev ((code COLLATE "C"));
-- another collation than the column's: kept
CREATE INDEX ev_code_posix ON ev (code COLLATE "POSIX");
CREATE INDEX ev_code_default ON ev (code COLLATE "default");
CREATE INDEX ev_n_default ON ev (n COLLATE "default");
CREATE INDEX ON ev ((name COLLATE "C") text_pattern_ops);
-- an expression: "default" dropped when its columns are all of the default collation
CREATE INDEX ev_lower_default ON ev (lower(name) COLLATE "default");
CREATE INDEX ev_concat_default ON ev ((name || label) COLLATE "default" DESC);
CREATE INDEX ev_cast_default ON ev ((id::text) COLLATE "default");
CREATE INDEX ev_lower_code_default ON ev (lower(code) COLLATE "default");
CREATE INDEX ev_inner_default ON ev (lower(name COLLATE "C") COLLATE "default");
CREATE INDEX ON ev ((lower(name) COLLATE "C"));
-- a column added with a collation
ALTER TABLE ev ADD COLUMN extra text COLLATE "POSIX";
CREATE INDEX ev_extra_posix ON ev (extra COLLATE "POSIX");
CREATE INDEX ev_extra_c ON ev (extra COLLATE "C");
-- a partition takes its parent's column collations
CREATE TABLE pp (k text COLLATE "C", v text) PARTITION BY LIST (k);
CREATE TABLE pp1 PARTITION OF pp FOR VALUES IN ('a');
CREATE INDEX pp1_k_c ON pp1 (k COLLATE "C");
CREATE INDEX pp1_v_c ON pp1 (v COLLATE "C");
-- ALTER COLUMN ... TYPE: the collation given, else the type's own; the index is rebuilt
CREATE TABLE al (a text COLLATE "C", b text, c text COLLATE "C", d text COLLATE "C");
CREATE INDEX al_a_default ON al (a COLLATE "default");
CREATE INDEX al_b_posix ON al (b COLLATE "POSIX");
CREATE INDEX al_c_default ON al (lower(c) COLLATE "default");
CREATE INDEX al_d_c ON al (d COLLATE "C");
CREATE INDEX al_d_default ON al (d COLLATE "default");
ALTER TABLE al ALTER COLUMN a TYPE varchar(20);
ALTER TABLE al ALTER COLUMN b TYPE text COLLATE "POSIX";
ALTER TABLE al ALTER COLUMN c SET DATA TYPE text;
ALTER TABLE al ALTER COLUMN d TYPE varchar(10) COLLATE "POSIX";
"""

# Each index's keys as PostgreSQL prints them: a COLLATE kept where it differs from the key's
# own collation, none where it is the same.
KEYS = {
    ("ev", "ev_lower_c2"): ["lower(name) COLLATE other.c2"],
    ("ev", "ev_name_mixed"): ['name COLLATE other."Mixed" DESC'],
    ("ev", "ev_region_c"): ['region COLLATE "C"'],
    ("ev", "ev_name_pg_c"): ['name COLLATE "C"'],
    ("ev", "ev_code_c"): ["code"],
    ("ev", "ev_code_pg_c"): ["code text_pattern_ops"],
    ("ev", "ev_region_c2"): ["region"],
    ("ev", "ev_name_default"): ["name"],
    ("ev", "ev_label_default"): ["label"],
    ("ev", "ev_n_c"): ["n"],
    ("ev", "ev_code_idx"): ["code"],
    ("ev", "ev_code_posix"): ['code COLLATE "POSIX"'],
    ("ev", "ev_code_default"): ['code COLLATE "default"'],
    ("ev", "ev_n_default"): ['n COLLATE "default"'],
    ("ev", "ev_name_idx"): ['name COLLATE "C" text_pattern_ops'],
    ("ev", "ev_lower_default"): ["lower(name)"],
    ("ev", "ev_concat_default"): ["(name || label) DESC"],
    ("ev", "ev_cast_default"): ["(id::text)"],
    ("ev", "ev_lower_code_default"): ['lower(code) COLLATE "default"'],
    ("ev", "ev_inner_default"): ['lower(name COLLATE "C") COLLATE "default"'],
    ("ev", "ev_lower_idx"): ['lower(name) COLLATE "C"'],
    ("ev", "ev_extra_posix"): ["extra"],
    ("ev", "ev_extra_c"): ['extra COLLATE "C"'],
    ("pp1", "pp1_k_c"): ["k"],
    ("pp1", "pp1_v_c"): ['v COLLATE "C"'],
    ("al", "al_a_default"): ["a"],
    ("al", "al_b_posix"): ["b"],
    ("al", "al_c_default"): ["lower(c)"],
    ("al", "al_d_c"): ["d"],
    ("al", "al_d_default"): ['d COLLATE "default"'],
}


def _indexes(catalog: Catalog) -> dict[tuple[str, str], tuple[str, ...] | None]:
    return {
        (o.table, o.name): o.columns
        for o in catalog.of_kind(Kind.INDEX)
        if isinstance(o, Index) and o.schema == "public"
    }


def _expected(table: str, name: str, columns: list[str]) -> tuple[str, ...] | None:
    """The keys as the model normalizes them, like any spec's."""
    return Index(schema="public", table=table, name=name, columns=tuple(columns)).columns


def _static_and_live(dsn: str, tmp_path: Path) -> tuple[Replay, Catalog]:
    before = tmp_path / "000_collations.sql"
    before.write_text(COLLATIONS)
    path = tmp_path / "001_indexes.sql"
    path.write_text(MIGRATION)
    apply_sql_files(dsn, [before, path])
    return replay_paths([path]), introspect(dsn).catalog


def test_live_keys_hold_a_collation_exactly_where_postgresql_keeps_one(
    fresh_db_any: str, tmp_path: Path
) -> None:
    _, live = _static_and_live(fresh_db_any, tmp_path)
    expected = {(t, n): _expected(t, n, cols) for (t, n), cols in KEYS.items()}
    assert _indexes(live) == expected


def test_static_replay_agrees_with_the_live_catalog_object_by_object(
    fresh_db_any: str, tmp_path: Path
) -> None:
    static, live = _static_and_live(fresh_db_any, tmp_path)
    assert static.not_replayed == ()
    prerequisite = ObjectRef(Kind.SCHEMA, "other", "other")  # created with the collations
    assert prerequisite in live
    assert set(static.catalog.objects) == set(live.objects) - {prerequisite}
    problems = [
        f"{o.ref}: {o.kind} {o.attribute} static={o.expected!r} live={o.actual!r}"
        for o in diff(static.catalog, live)
    ]
    problems += [
        f"{o.ref}: {o.kind} {o.attribute} live={o.expected!r} static={o.actual!r}"
        for o in diff(live, static.catalog)
        if o.ref != prerequisite
    ]
    assert problems == []
    assert _indexes(static.catalog) == _indexes(live)


def test_a_key_on_a_relation_whose_columns_are_unknown_keeps_its_collation(
    tmp_path: Path,
) -> None:
    """A table the files never create, or a materialized view: whether the COLLATE repeats
    the column's collation cannot be known, so the key stays as written."""
    path = tmp_path / "001_elsewhere.sql"
    path.write_text(
        'CREATE INDEX elsewhere_code ON elsewhere (code COLLATE "C");\n'
        "CREATE TABLE t (name text);\n"
        "CREATE MATERIALIZED VIEW mv AS SELECT name FROM t;\n"
        'CREATE INDEX mv_name ON mv (name COLLATE "default");\n'
        'CREATE INDEX t_name ON t (name COLLATE "default");\n'
    )
    static = _indexes(replay_paths([path]).catalog)
    assert static[("elsewhere", "elsewhere_code")] == _expected(
        "elsewhere", "elsewhere_code", ['code COLLATE "C"']
    )
    assert static[("mv", "mv_name")] == _expected("mv", "mv_name", ['name COLLATE "default"'])
    assert static[("t", "t_name")] == _expected("t", "t_name", ["name"])
