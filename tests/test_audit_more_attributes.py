"""A sequence's MINVALUE, MAXVALUE, CYCLE and CACHE, a unique or primary key constraint's
INITIALLY DEFERRED, a foreign key's MATCH type and ON DELETE SET NULL (columns), and a
column's collation: a snapshot records them, an audit against it finds nothing, and each single
change made afterwards gives exactly one SC902 naming the object, with expected and actual
(PostgreSQL 15 and 18). A spec that leaves them out asserts nothing about them. The static
replay of the migration that made the schema gives the values the live catalog holds; where it
cannot know one it leaves it unknown."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from live_specs import apply_migration, assert_one_mismatch, audit, execute, snapshot

from schemacheck.coverage import coverage
from schemacheck.ddl import parse_text
from schemacheck.errors import SpecError
from schemacheck.model import ABSENT, Catalog, Column, Constraint, ForeignKey, Kind, Sequence
from schemacheck.replay.build import build as build_catalog
from schemacheck.replay.engine import replay_statement
from schemacheck.replay.state import State
from schemacheck.spec import load_spec
from schemacheck.spec.load import parse_spec

MIGRATION = """
CREATE SCHEMA "Other";
CREATE COLLATION "Other".c2 FROM "C";
CREATE SEQUENCE counter AS integer INCREMENT BY 5 MAXVALUE 100000 CACHE 10;
CREATE SEQUENCE countdown INCREMENT BY -1 CYCLE;
CREATE SEQUENCE narrowed;
ALTER SEQUENCE narrowed AS smallint;
CREATE SEQUENCE bounded MINVALUE 10 MAXVALUE 20 NO CYCLE;
ALTER SEQUENCE bounded NO MAXVALUE CACHE 4;
CREATE TABLE parents (
    id integer PRIMARY KEY,
    code text COLLATE "C" NOT NULL,
    label varchar(40) COLLATE pg_catalog."POSIX",
    note text,
    plain text COLLATE "default",
    UNIQUE (id, code)
);
CREATE TABLE children (
    id serial PRIMARY KEY,
    parent_id integer,
    parent_code text,
    slot integer UNIQUE DEFERRABLE INITIALLY DEFERRED,
    rank integer,
    CONSTRAINT children_pair_key UNIQUE (parent_id, rank) DEFERRABLE,
    CONSTRAINT children_parent_fk FOREIGN KEY (parent_id, parent_code)
        REFERENCES parents (id, code) MATCH FULL,
    CONSTRAINT children_simple_fk FOREIGN KEY (parent_id) REFERENCES parents
        MATCH SIMPLE ON DELETE SET NULL,
    CONSTRAINT children_code_fk FOREIGN KEY (parent_id, parent_code)
        REFERENCES parents (id, code) ON DELETE SET NULL (parent_code)
);
ALTER TABLE children ADD CONSTRAINT children_late UNIQUE (id, rank)
    DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE children ADD CONSTRAINT children_id_fk FOREIGN KEY (parent_id) REFERENCES parents
    ON DELETE SET DEFAULT (parent_id);
ALTER TABLE parents ALTER COLUMN note TYPE text COLLATE "POSIX";
"""

# (change, object, attribute, expected, actual): each change alone, after the snapshot
CHANGES = [
    (
        "ALTER SEQUENCE counter MAXVALUE 50000",
        "sequence public.counter",
        "max_value",
        "100000",
        "50000",
    ),
    (
        "ALTER SEQUENCE countdown NO CYCLE",
        "sequence public.countdown",
        "cycle",
        "true",
        "false",
    ),
    (
        "ALTER SEQUENCE counter CACHE 1",
        "sequence public.counter",
        "cache",
        "10",
        "1",
    ),
    (
        "ALTER SEQUENCE bounded MINVALUE 1",
        "sequence public.bounded",
        "min_value",
        "10",
        "1",
    ),
    (
        "ALTER TABLE children DROP CONSTRAINT children_slot_key,"
        " ADD CONSTRAINT children_slot_key UNIQUE (slot) DEFERRABLE INITIALLY IMMEDIATE",
        "constraint public.children.children_slot_key",
        "initially_deferred",
        "true",
        "false",
    ),
    (
        "ALTER TABLE children DROP CONSTRAINT children_pair_key,"
        " ADD CONSTRAINT children_pair_key UNIQUE (parent_id, rank)"
        " DEFERRABLE INITIALLY DEFERRED",
        "constraint public.children.children_pair_key",
        "initially_deferred",
        "false",
        "true",
    ),
    (
        "ALTER TABLE children DROP CONSTRAINT children_parent_fk,"
        " ADD CONSTRAINT children_parent_fk FOREIGN KEY (parent_id, parent_code)"
        " REFERENCES parents (id, code)",
        "foreign_key public.children.children_parent_fk",
        "match",
        "full",
        "simple",
    ),
    (
        "ALTER TABLE children DROP CONSTRAINT children_simple_fk,"
        " ADD CONSTRAINT children_simple_fk FOREIGN KEY (parent_id) REFERENCES parents"
        " MATCH FULL ON DELETE SET NULL",
        "foreign_key public.children.children_simple_fk",
        "match",
        "simple",
        "full",
    ),
    (
        "ALTER TABLE children DROP CONSTRAINT children_code_fk,"
        " ADD CONSTRAINT children_code_fk FOREIGN KEY (parent_id, parent_code)"
        " REFERENCES parents (id, code) ON DELETE SET NULL",
        "foreign_key public.children.children_code_fk",
        "on_delete_columns",
        "(parent_code)",
        "()",
    ),
    (
        'ALTER TABLE parents ALTER COLUMN code TYPE text COLLATE "POSIX"',
        "column public.parents.code",
        "collation",
        '"C"',
        '"POSIX"',
    ),
    (
        "ALTER TABLE parents ALTER COLUMN label TYPE varchar(40)",
        "column public.parents.label",
        "collation",
        '"POSIX"',
        "(none)",
    ),
    (
        'ALTER TABLE parents ALTER COLUMN plain TYPE text COLLATE "Other".c2',
        "column public.parents.plain",
        "collation",
        "(none)",
        '"Other".c2',
    ),
]


def build(dsn: str, folder: Path) -> Path:
    """The schema applied from a migration file; the migration's path."""
    return apply_migration(dsn, folder / "0001_schema.sql", MIGRATION)


def test_the_snapshot_records_them_and_audits_clean(fresh_db_any: str, tmp_path: Path) -> None:
    build(fresh_db_any, tmp_path)
    doc = snapshot(fresh_db_any, tmp_path / "snap.json")
    public = doc["schemas"]["public"]
    sequences = public["sequences"]

    def bounds(name: str) -> tuple[Any, ...]:
        seq = sequences[name]
        return (seq["min_value"], seq["max_value"], seq["cycle"], seq["cache"])

    assert bounds("counter") == (1, 100000, False, 10)
    assert bounds("countdown") == (-(2**63), -1, True, 1)
    assert bounds("narrowed") == (1, 2**15 - 1, False, 1)
    assert bounds("bounded") == (10, 2**63 - 1, False, 4)
    assert bounds("children_id_seq") == (1, 2**31 - 1, False, 1)
    children = public["tables"]["children"]
    constraints = children["constraints"]
    assert constraints["children_slot_key"]["initially_deferred"] is True
    assert constraints["children_pair_key"]["initially_deferred"] is False
    assert constraints["children_late"]["initially_deferred"] is True
    assert constraints["children_pkey"]["initially_deferred"] is False
    fks = children["foreign_keys"]
    assert (fks["children_parent_fk"]["match"], fks["children_simple_fk"]["match"]) == (
        "full",
        "simple",
    )
    assert fks["children_simple_fk"]["on_delete_columns"] == []
    assert fks["children_code_fk"]["on_delete_columns"] == ["parent_code"]
    assert fks["children_id_fk"]["on_delete_columns"] == ["parent_id"]
    columns = public["tables"]["parents"]["columns"]
    assert {name: columns[name]["collation"] for name in columns} == {
        "id": None,
        "code": '"C"',
        "label": '"POSIX"',
        "note": '"POSIX"',
        "plain": None,
    }

    code, findings = audit(fresh_db_any, tmp_path / "snap.json")
    assert (findings, code) == ([], 0)


@pytest.mark.parametrize(
    ("change", "obj", "attribute", "expected", "actual"),
    CHANGES,
    ids=[f"{c[2]}-{i}" for i, c in enumerate(CHANGES)],
)
def test_each_change_gives_exactly_one_mismatch(
    change: str,
    obj: str,
    attribute: str,
    expected: str,
    actual: str,
    fresh_db_any: str,
    tmp_path: Path,
) -> None:
    build(fresh_db_any, tmp_path)
    snapshot(fresh_db_any, tmp_path / "snap.json")
    spec = tmp_path / "snap.json"
    assert_one_mismatch(fresh_db_any, spec, change, obj, attribute, expected, actual)


def test_a_spec_that_leaves_them_out_asserts_nothing(fresh_db_any: str, tmp_path: Path) -> None:
    build(fresh_db_any, tmp_path)
    doc = snapshot(fresh_db_any, tmp_path / "snap.json")
    public = doc["schemas"]["public"]
    for body in public["sequences"].values():
        for key in ("min_value", "max_value", "cycle", "cache"):
            del body[key]
    for table in public["tables"].values():
        for body in table.get("constraints", {}).values():
            del body["initially_deferred"]
        for body in table.get("foreign_keys", {}).values():
            del body["match"]
            del body["on_delete_columns"]
        for body in table["columns"].values():
            del body["collation"]
    spec = tmp_path / "partial.json"
    spec.write_text(json.dumps(doc), "utf-8")
    for change, *_ in CHANGES:
        if "counter CACHE" not in change:  # MAXVALUE and CACHE of one sequence in one go
            execute(fresh_db_any, change)
    assert audit(fresh_db_any, spec) == (0, [])
    # the full snapshot sees every one
    code, findings = audit(fresh_db_any, tmp_path / "snap.json")
    assert code == 1 and sorted(f["object"] for f in findings) == sorted(
        obj for change, obj, *_ in CHANGES if "counter CACHE" not in change
    )


def test_a_spec_can_require_them(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {
                "spec_version": 1,
                "schemas": {
                    "public": {
                        "tables": {
                            "t": {
                                "columns": {
                                    "a": {"collation": 'pg_catalog."C"'},
                                    "b": {"collation": None},
                                    "c": {"collation": 'public."Mine"'},
                                    "d": {"collation": '"default"'},
                                },
                                "constraints": {
                                    "k": {
                                        "type": "unique",
                                        "columns": ["a"],
                                        "initially_deferred": True,
                                    }
                                },
                                "foreign_keys": {
                                    "f": {
                                        "columns": ["a", "B"],
                                        "references": {"table": "u"},
                                        "match": "full",
                                        "on_delete_columns": ["B"],
                                    }
                                },
                            }
                        },
                        "sequences": {
                            "s": {"min_value": -5, "max_value": 5, "cycle": True, "cache": 3}
                        },
                    }
                },
            }
        ),
        "utf-8",
    )
    catalog = load_spec(spec)
    columns = {o.ref.name: o for o in catalog.of_kind(Kind.COLUMN)}
    assert {n: getattr(c, "collation", None) for n, c in columns.items()} == {
        "a": '"C"',
        "b": ABSENT,
        "c": '"Mine"',
        "d": "default",
    }
    (con,) = catalog.of_kind(Kind.CONSTRAINT)
    assert isinstance(con, Constraint) and con.initially_deferred is True
    (fk,) = catalog.of_kind(Kind.FOREIGN_KEY)
    assert isinstance(fk, ForeignKey)
    assert (fk.match, fk.on_delete_columns) == ("full", ("b",))
    (seq,) = catalog.of_kind(Kind.SEQUENCE)
    assert isinstance(seq, Sequence)
    assert (seq.min_value, seq.max_value, seq.cycle, seq.cache) == (-5, 5, True, 3)
    bad = json.loads(spec.read_text("utf-8"))
    bad["schemas"]["public"]["sequences"]["s"]["cache"] = 0
    bad["schemas"]["public"]["tables"]["t"]["foreign_keys"]["f"]["match"] = "loose"
    with pytest.raises(SpecError) as raised:
        parse_spec(bad)
    assert [e.split(":")[0] for e in raised.value.errors] == [
        "$.schemas.public.sequences.s.cache",
        "$.schemas.public.tables.t.foreign_keys.f.match",
    ]


def _replayed(sql: str) -> Catalog:
    """The catalog the static replay builds from `sql`."""
    state = State()
    for statement in parse_text(sql, "migrations/0001_schema.sql").statements:
        replay_statement(state, statement)
    assert state.skipped == []
    objects, _, _ = build_catalog(state)
    return Catalog.of(objects)


def test_the_migration_replays_to_the_snapshot(fresh_db_any: str, tmp_path: Path) -> None:
    migration = build(fresh_db_any, tmp_path)
    spec = tmp_path / "snap.json"
    snapshot(fresh_db_any, spec)
    result = coverage(spec, [parse_text(MIGRATION, str(migration))])
    assert result.findings == ()
    # what the replay builds is what the live catalog holds, attribute by attribute
    live = load_spec(spec)
    static = _replayed(MIGRATION)
    attributes = {
        Kind.SEQUENCE: ("min_value", "max_value", "cycle", "cache", "start"),
        Kind.CONSTRAINT: ("deferrable", "initially_deferred"),
        Kind.FOREIGN_KEY: ("match", "on_delete_columns"),
        Kind.COLUMN: ("collation",),
    }
    compared = 0
    for kind, names in attributes.items():
        for obj in static.of_kind(kind):
            have = live.get(obj.ref)
            assert have is not None, obj.ref
            for name in names:
                assert getattr(obj, name) is not None, (obj.ref, name)
                assert getattr(have, name) == getattr(obj, name), (obj.ref, name)
                compared += 1
    assert compared == 5 * 5 + 2 * 6 + 2 * 4 + 10


def test_what_the_replay_cannot_know_is_left_unknown() -> None:
    static = _replayed(
        'CREATE TABLE t (a code COLLATE "C", b code, c text COLLATE "C");\n'
        "CREATE SEQUENCE s AS mytype;\n"
    )

    def collation(name: str) -> str | None:
        col = static.get(Column(schema="public", table="t", name=name).ref)
        assert isinstance(col, Column), name
        return col.collation

    # `code` (a domain, say) has a collation the files do not tell: a COLLATE on it is not
    # decided statically
    assert (collation("a"), collation("b"), collation("c")) == (None, ABSENT, '"C"')
    seq = static.get(Sequence(schema="public", name="s").ref)
    assert isinstance(seq, Sequence) and (seq.min_value, seq.max_value) == (None, None)
    assert (seq.cycle, seq.cache) == (False, 1)


def test_the_replay_follows_alter_sequence_as_postgresql_does(fresh_db_any: str) -> None:
    """Bounds on CREATE and ALTER ... AS / NO MINVALUE / INCREMENT, statically and live."""
    sql = (
        "CREATE SEQUENCE down_small AS smallint INCREMENT BY -1;\n"
        "CREATE SEQUENCE widened AS smallint;\n"
        "ALTER SEQUENCE widened AS bigint;\n"
        "CREATE SEQUENCE kept AS integer MAXVALUE 1000;\n"
        "ALTER SEQUENCE kept AS bigint;\n"
        "CREATE SEQUENCE flipped;\n"
        "ALTER SEQUENCE flipped INCREMENT BY -1 START 1 NO MINVALUE;\n"
        "CREATE SEQUENCE top_down AS integer INCREMENT BY -2 MAXVALUE -10 MINVALUE -100;\n"
    )
    execute(fresh_db_any, sql)
    from schemacheck.introspect import introspect

    live = introspect(fresh_db_any).catalog
    static = _replayed(sql)
    for name in ("down_small", "widened", "kept", "flipped", "top_down"):
        ref = Sequence(schema="public", name=name).ref
        have, want = live.get(ref), static.get(ref)
        assert isinstance(have, Sequence) and isinstance(want, Sequence), name
        assert (want.data_type, want.min_value, want.max_value, want.cycle, want.cache) == (
            have.data_type,
            have.min_value,
            have.max_value,
            have.cycle,
            have.cache,
        ), name
    kept = live.get(Sequence(schema="public", name="kept").ref)
    assert isinstance(kept, Sequence) and kept.max_value == 1000


def test_the_replay_reads_set_null_columns_and_follows_their_renames() -> None:
    static = _replayed(
        "CREATE TABLE p (a int, b int, PRIMARY KEY (a, b));\n"
        'CREATE TABLE c (a int, "B" int, CONSTRAINT c_set FOREIGN KEY (a, "B") REFERENCES p'
        ' ON DELETE SET NULL ("B") ON UPDATE CASCADE);\n'
        'ALTER TABLE c ADD CONSTRAINT c_alt FOREIGN KEY (a, "B") REFERENCES p MATCH FULL'
        ' ON DELETE SET DEFAULT (a, "B");\n'
        'ALTER TABLE c RENAME COLUMN "B" TO b2;\n'
    )
    found = {o.ref.name: o for o in static.of_kind(Kind.FOREIGN_KEY)}
    c_set, c_alt = found["c_set"], found["c_alt"]
    assert isinstance(c_set, ForeignKey) and isinstance(c_alt, ForeignKey)
    assert (c_set.on_delete, c_set.on_update, c_set.on_delete_columns) == (
        "set null",
        "cascade",
        ("b2",),
    )
    assert (c_alt.match, c_alt.on_delete_columns) == ("full", ("a", "b2"))
