"""Static replay without a database: PostgreSQL's implicit names, renames, cascades, the
search path, and statements it cannot replay. Expected names are those PostgreSQL 15 gives
for the same SQL (the live comparison in test_replay_live.py proves the rest per major)."""

from __future__ import annotations

from schemacheck.ddl import parse_text
from schemacheck.findings import Location
from schemacheck.model import (
    Column,
    ForeignKey,
    Index,
    Kind,
    ObjectRef,
    Sequence,
    Trigger,
    View,
)
from schemacheck.replay import Replay, replay

MIGRATION = "sql/migrations/001_x.sql"


def run(sql: str, path: str = MIGRATION) -> Replay:
    return replay([parse_text(sql, path)])


def names(result: Replay, *kinds: Kind) -> set[str]:
    return {ref.name for ref in result.catalog.objects if ref.kind in kinds}


KEYS = (Kind.CONSTRAINT, Kind.INDEX, Kind.FOREIGN_KEY)


def test_implicit_constraint_names() -> None:
    result = run(
        "CREATE TABLE t (id int PRIMARY KEY, col int UNIQUE,"
        " parent int REFERENCES t (id), c int CHECK (c > 0));"
    )
    assert names(result, *KEYS) == {"t_pkey", "t_col_key", "t_parent_fkey", "t_c_check"}


def test_implicit_names_collide_and_get_a_number() -> None:
    result = run(
        "CREATE TABLE u (a int, b int, CONSTRAINT u_a_key CHECK (a <> 5), UNIQUE (a),"
        " CHECK (a > 0), CHECK (a < 9), CHECK (a > b));\n"
        "CREATE INDEX ON u (a);\nCREATE INDEX ON u (a);\nCREATE INDEX ON u (lower(b::text));\n"
    )
    assert names(result, *KEYS) == {
        "u_a_key",  # the named CHECK takes it first
        "u_a_key1",
        "u_a_check",
        "u_a_check1",
        "u_check",  # a CHECK on two columns names none
        "u_a_idx",
        "u_a_idx1",
        "u_lower_idx",
    }


def test_long_names_are_cut_to_63_bytes_as_postgresql_cuts_them() -> None:
    table = "orders_with_an_extraordinarily_long_table_name_for_testing_limits"
    column = "customer_reference_with_an_extraordinarily_long_column_name"
    result = run(
        f"CREATE TABLE {table} ({column} int UNIQUE, id int PRIMARY KEY);\n"
        f"CREATE TABLE {'é' * 33} (ü int UNIQUE);\n"
    )
    assert names(result, Kind.TABLE) == {table[:63], "é" * 31}
    assert names(result, Kind.CONSTRAINT) == {
        "orders_with_an_extraordinaril_customer_reference_with_an_ex_key",
        "orders_with_an_extraordinarily_long_table_name_for_testing_pkey",
        "é" * 28 + "_ü_key",  # 62 bytes cut to 57, then back to a character boundary
    }
    assert all(len(n.encode()) <= 63 for n in names(result, Kind.TABLE, *KEYS))


def test_alter_table_rename_keeps_children_and_references() -> None:
    result = run(
        "CREATE TABLE parent (id int PRIMARY KEY);\n"
        "CREATE TABLE t (id int PRIMARY KEY, parent_id int REFERENCES parent (id));\n"
        "CREATE INDEX t_parent_idx ON t (parent_id);\n"
        "ALTER TABLE parent RENAME TO mother;\n"
        "ALTER TABLE t RENAME COLUMN parent_id TO mother_id;\n"
        "ALTER INDEX t_parent_idx RENAME TO t_mother_idx;\n"
        "ALTER TABLE t RENAME CONSTRAINT t_pkey TO t_primary;\n"
    )
    catalog = result.catalog
    assert names(result, Kind.TABLE) == {"mother", "t"}
    # a renamed table keeps its constraint's name, as PostgreSQL does
    assert ObjectRef(Kind.CONSTRAINT, "public", "parent_pkey", "mother") in catalog
    assert ObjectRef(Kind.CONSTRAINT, "public", "t_primary", "t") in catalog
    assert ObjectRef(Kind.COLUMN, "public", "parent_id", "t") not in catalog
    fk = catalog.get(ObjectRef(Kind.FOREIGN_KEY, "public", "t_parent_id_fkey", "t"))
    assert isinstance(fk, ForeignKey)
    assert (fk.columns, fk.references) == (("mother_id",), "public.mother")
    index = catalog.get(ObjectRef(Kind.INDEX, "public", "t_mother_idx", "t"))
    assert isinstance(index, Index) and index.columns == ("mother_id",)
    assert result.skipped == ()


def test_drop_cascade_removes_dependents() -> None:
    result = run(
        "CREATE TABLE a (id int PRIMARY KEY);\n"
        "CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (id));\n"
        "CREATE VIEW v AS SELECT id FROM a;\n"
        "CREATE VIEW w AS SELECT id FROM v;\n"
        "CREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
        "CREATE TRIGGER b_f BEFORE UPDATE ON b FOR EACH ROW EXECUTE FUNCTION f();\n"
        "DROP TABLE a CASCADE;\n"
        "DROP FUNCTION f() CASCADE;\n"
        "CREATE SCHEMA s;\nCREATE TABLE s.x (id serial);\nDROP SCHEMA s CASCADE;\n"
    )
    kinds = {ref.kind for ref in result.catalog.objects}
    assert [str(ref) for ref in result.catalog.objects if ref.kind is not Kind.COLUMN] == [
        "schema public",
        "table public.b",
        "constraint public.b.b_pkey",
    ]
    assert Kind.VIEW not in kinds and Kind.SEQUENCE not in kinds
    assert result.skipped == ()


def test_drop_without_cascade_of_a_table_with_dependents_is_refused() -> None:
    result = run(
        "CREATE TABLE a (id int PRIMARY KEY);\n"
        "CREATE TABLE b (a_id int REFERENCES a (id));\n"
        "DROP TABLE a;\n"
        "DROP TABLE a, b;\n"  # both at once: nothing outside the statement depends on them
    )
    assert result.not_replayed == (
        f"not replayed: {MIGRATION}:3 drop_table (dependents without CASCADE: b.b_a_id_fkey)",
    )
    assert names(result, Kind.TABLE) == set()


def test_search_path_places_and_resolves_names() -> None:
    result = run(
        "CREATE SCHEMA billing;\n"
        "SET search_path TO billing, public;\n"
        "CREATE SEQUENCE counter_seq;\n"
        "CREATE TABLE invoices (id serial PRIMARY KEY, n int DEFAULT nextval('counter_seq'));\n"
        "RESET search_path;\n"
        "CREATE TABLE invoices (id int);\n"
    )
    catalog = result.catalog
    assert names(result, Kind.TABLE) == {"invoices"}
    assert {ref.schema for ref in catalog.objects if ref.kind is Kind.TABLE} == {
        "billing",
        "public",
    }
    n = catalog.get(ObjectRef(Kind.COLUMN, "billing", "n", "invoices"))
    assert isinstance(n, Column) and n.default == "nextval('billing.counter_seq')"
    id_ = catalog.get(ObjectRef(Kind.COLUMN, "billing", "id", "invoices"))
    assert isinstance(id_, Column) and id_.default == "nextval('billing.invoices_id_seq')"
    seq = catalog.get(ObjectRef(Kind.SEQUENCE, "billing", "invoices_id_seq"))
    owner = Sequence(schema="billing", name="s", owned_by="billing.invoices.id").owned_by
    assert isinstance(seq, Sequence) and seq.owned_by == owner


def test_each_file_starts_on_the_default_search_path() -> None:
    first = parse_text(
        "CREATE SCHEMA app;\nSET search_path TO app;\nCREATE TABLE a (id int);\n",
        "sql/migrations/001_a.sql",
    )
    second = parse_text("CREATE TABLE b (id int);\n", "sql/migrations/002_b.sql")
    result = replay([second, first])  # replayed by version, whatever the order given
    tables = {str(ref) for ref in result.catalog.objects if ref.kind is Kind.TABLE}
    assert tables == {"table app.a", "table public.b"}
    assert result.files == ("sql/migrations/001_a.sql", "sql/migrations/002_b.sql")


def test_unreplayable_statement_is_skipped_with_its_place_and_the_rest_goes_on() -> None:
    result = run(
        "CREATE TABLE a (id int);\n"
        "\n"
        "CREATE FOO BAR BAZ;\n"
        "CREATE DOMAIN posint AS integer CHECK (VALUE > 0);\n"
        "CREATE TABLE b (id int);\n"
    )
    assert result.not_replayed == (
        f"not replayed: {MIGRATION}:3 create_unknown",
        f"not replayed: {MIGRATION}:4 create_domain",
    )
    assert names(result, Kind.TABLE) == {"a", "b"}


def test_locations_and_assumed_tables() -> None:
    result = run(
        "CREATE TABLE a (id int);\n"
        "ALTER TABLE users ADD COLUMN last_seen timestamptz;\n"
        "CREATE INDEX a_id_idx\n    ON a (id);\n"
        "CREATE VIEW v AS SELECT id FROM a;\n"
    )
    assert result.assumed == frozenset({ObjectRef(Kind.TABLE, "public", "users")})
    locations = result.locations
    assert locations[ObjectRef(Kind.TABLE, "public", "a")] == Location(MIGRATION, 1, 1)
    assert locations[ObjectRef(Kind.INDEX, "public", "a_id_idx", "a")] == Location(MIGRATION, 3, 1)
    assert locations[ObjectRef(Kind.COLUMN, "public", "last_seen", "users")].line == 2
    view = result.catalog.get(ObjectRef(Kind.VIEW, "public", "v"))
    assert isinstance(view, View) and view.materialized is False


def test_rollbacks_and_checks_are_not_replayed_by_default() -> None:
    files = [
        parse_text("CREATE TABLE a (id int);\n", "sql/migrations/001_a.sql"),
        parse_text("DROP TABLE a;\n", "sql/rollbacks/001_a.rollback.sql"),
        parse_text("CREATE TABLE scratch (id int);\n", "sql/checks/smoke.sql"),
    ]
    assert names(replay(files), Kind.TABLE) == {"a"}
    assert names(replay(files, roles=("migration", "rollback")), Kind.TABLE) == set()


def test_unreadable_trailing_clause_is_reported_and_the_columns_still_replayed() -> None:
    result = run(
        "CREATE TABLE t (id int, note text) WITH GARBAGE ((;\n"
        "CREATE TABLE u (id int) WITH (fillfactor=70) NONSENSE;\n"
        "CREATE TABLE v (id int, extra int) INHERITS (t);\n"
        "CREATE TABLE w (id int) PARTITION BY RANGE (id) junk;\n"
        "CREATE TABLE x (id int, y int;\n"
    )
    assert result.not_replayed == (
        f"not replayed: {MIGRATION}:1 create_table (clause not read: WITH GARBAGE (()",
        f"not replayed: {MIGRATION}:2 create_table"
        " (clause not read: WITH (fillfactor=70) NONSENSE)",
        f"not replayed: {MIGRATION}:3 create_table"
        " (inherited columns and constraints: INHERITS (t))",
        f"not replayed: {MIGRATION}:4 create_table (clause not read: PARTITION BY RANGE (id) junk)",
        f"not replayed: {MIGRATION}:5 create_table (element list not closed)",
    )
    columns = {
        f"{ref.table}.{ref.name}" for ref in result.catalog.objects if ref.kind is Kind.COLUMN
    }
    assert columns == {"t.id", "t.note", "u.id", "v.id", "v.extra", "w.id", "x.id", "x.y"}


def test_unreadable_element_is_reported_and_the_others_still_replayed() -> None:
    result = run(
        "CREATE TABLE t (\n"
        "    id int,\n"
        "    x int STORAGE PLAIN,\n"
        "    CONSTRAINT c CHECK (id > 0) NO INHERIT,\n"
        "    LIKE other INCLUDING ALL,\n"
        "    g int GENERATED ALWAYS AS (id * 2),\n"
        "    r int REFERENCES p (id) NOT ENFORCED,\n"
        "    n int NOT NULL\n"
        ");\n"
        "CREATE TABLE p (id int, n int) PARTITION BY LIST (id);\n"
        "CREATE TABLE q PARTITION OF p (id PRIMARY KEY, nope NOT NULL) FOR VALUES IN (1);\n"
    )
    assert result.not_replayed == (
        f"not replayed: {MIGRATION}:1 create_table (table element: x int STORAGE PLAIN)",
        f"not replayed: {MIGRATION}:1 create_table"
        " (table element: CONSTRAINT c CHECK (id > 0) NO INHERIT)",
        f"not replayed: {MIGRATION}:1 create_table (table element: (LIKE other INCLUDING ALL))",
        f"not replayed: {MIGRATION}:1 create_table (column g: virtual generated column)",
        f"not replayed: {MIGRATION}:1 create_table (foreign key option: NOT ENFORCED)",
        f"not replayed: {MIGRATION}:11 create_table (column without a type: nope NOT NULL)",
    )
    n = result.catalog.get(ObjectRef(Kind.COLUMN, "public", "n", "t"))
    assert isinstance(n, Column) and n.nullable is False
    g = result.catalog.get(ObjectRef(Kind.COLUMN, "public", "g", "t"))
    assert isinstance(g, Column) and not g.identity and not g.generated
    assert ObjectRef(Kind.COLUMN, "public", "x", "t") not in result.catalog
    assert names(result, Kind.CONSTRAINT) == {"q_pkey"}


def test_clauses_without_catalog_effect_are_not_reported() -> None:
    """What PostgreSQL accepts around the element list and the model does not hold
    (storage parameters, tablespace, access method, ON COMMIT, persistence, MATCH type,
    collation, default constraint timing), through sqlglot's tree and the element rebuild."""
    result = run(
        "CREATE TABLE a (id int) USING heap WITH (fillfactor=70, autovacuum_enabled=false)"
        " TABLESPACE pg_default;\n"
        'CREATE UNLOGGED TABLE b (id int PRIMARY KEY, y text COLLATE "C") WITHOUT OIDS;\n'
        "CREATE TEMP TABLE c (id int) ON COMMIT DROP;\n"
        "CREATE LOCAL TEMPORARY TABLE d (id int) ON COMMIT DELETE ROWS;\n"
        "CREATE GLOBAL TEMP TABLE e (id int) ON COMMIT PRESERVE ROWS;\n"
        "CREATE TABLE f (id int, b_id int REFERENCES b (id) MATCH FULL ON DELETE SET NULL"
        " NOT DEFERRABLE INITIALLY IMMEDIATE) WITH (fillfactor=70);\n"
        "CREATE TABLE p (id int NOT NULL, n int) PARTITION BY LIST (id) WITH (fillfactor=70);\n"
        "CREATE TABLE p1 PARTITION OF p (id PRIMARY KEY, n DEFAULT 0) FOR VALUES IN (1)"
        " PARTITION BY RANGE (n) TABLESPACE pg_default;\n"
        "CREATE TABLE p2 PARTITION OF p (n NOT NULL) FOR VALUES IN (2) WITHOUT OIDS;\n"
        "CREATE TABLE p3 PARTITION OF p DEFAULT;\n"
        "CREATE TABLE h (id int) PARTITION BY HASH (id);\n"
        "CREATE TABLE h0 PARTITION OF h FOR VALUES WITH (MODULUS 2, REMAINDER 0);\n"
        "CREATE TABLE h1 PARTITION OF h (CHECK (id > 0)) FOR VALUES WITH (MODULUS 2, REMAINDER 1)"
        " WITHOUT OIDS;\n"
    )
    assert result.not_replayed == ()
    assert names(result, Kind.TABLE) == set("abcdef") | {"p", "p1", "p2", "p3", "h", "h0", "h1"}
    assert names(result, Kind.CONSTRAINT) == {"b_pkey", "p1_pkey", "h1_id_check"}
    assert ObjectRef(Kind.FOREIGN_KEY, "public", "f_b_id_fkey", "f") in result.catalog
    n1 = result.catalog.get(ObjectRef(Kind.COLUMN, "public", "n", "p1"))
    assert isinstance(n1, Column) and n1.default == "0"
    n2 = result.catalog.get(ObjectRef(Kind.COLUMN, "public", "n", "p2"))
    assert isinstance(n2, Column) and n2.nullable is False


def test_alter_table_actions_that_would_fail_or_are_unread_are_reported() -> None:
    result = run(
        "CREATE TABLE t (id int PRIMARY KEY, a int, CONSTRAINT a_pos CHECK (a > 0));\n"
        "ALTER TABLE t DROP COLUMN nope;\n"
        "ALTER TABLE t DROP CONSTRAINT nope, DROP COLUMN IF EXISTS nope,"
        " DROP CONSTRAINT IF EXISTS nope;\n"
        "ALTER TABLE t ENABLE TRIGGER nope, DISABLE TRIGGER ALL;\n"
        "ALTER TABLE t ALTER COLUMN a RESET (n_distinct), ALTER COLUMN a SET STATISTICS 100;\n"
        "ALTER TABLE t ALTER COLUMN a SET DEFAULT 1 garbage, ADD COLUMN b int;\n"
        # a table from earlier migrations: what it holds is not known, so nothing to report
        "ALTER TABLE legacy DROP COLUMN old, DROP CONSTRAINT legacy_check,"
        " ENABLE TRIGGER legacy_trg;\n"
    )
    assert result.not_replayed == (
        f"not replayed: {MIGRATION}:2 alter_table (drop unknown column nope)",
        f"not replayed: {MIGRATION}:3 alter_table (drop unknown constraint nope)",
        f"not replayed: {MIGRATION}:4 alter_table (enable unknown trigger nope)",
        f"not replayed: {MIGRATION}:6 alter_table (ALTER COLUMN a SET DEFAULT 1 garbage)",
    )
    b = result.catalog.get(ObjectRef(Kind.COLUMN, "public", "b", "t"))
    assert isinstance(b, Column) and b.type == "integer"
    a = result.catalog.get(ObjectRef(Kind.COLUMN, "public", "a", "t"))
    assert isinstance(a, Column) and not a.default


def test_generated_constraint_names_avoid_names_taken_anywhere_in_the_schema() -> None:
    """PostgreSQL picks a generated constraint name unused by any constraint of the schema:
    names renamed onto another table count, names of dropped tables and of other schemas
    do not."""
    result = run(
        "CREATE TABLE a (x int CHECK (x > 0));\n"
        "ALTER TABLE a RENAME CONSTRAINT a_x_check TO b_y_check;\n"
        "CREATE TABLE b (y int CHECK (y > 0));\n"  # b_y_check is a's now: b_y_check1
        "CREATE TABLE gone (z int);\n"
        "ALTER TABLE gone ADD CONSTRAINT c_z_check CHECK (z > 0);\n"
        "DROP TABLE gone;\n"
        "CREATE TABLE c (z int CHECK (z > 0));\n"  # the dropped table's name is free again
        "CREATE SCHEMA other;\n"
        "CREATE TABLE other.d (w int CONSTRAINT d_w_check CHECK (w > 0));\n"
        "CREATE TABLE d (w int CHECK (w > 0));\n"  # taken in another schema only
    )
    assert names(result, *KEYS) == {"b_y_check", "b_y_check1", "c_z_check", "d_w_check"}


def test_an_unnamed_check_it_cannot_replay_is_reported_as_written() -> None:
    result = run("CREATE TABLE t (a int);\nALTER TABLE t ADD CHECK (a > 0) NO INHERIT;\n")
    assert result.not_replayed == (
        f"not replayed: {MIGRATION}:2 alter_table (ADD CHECK (a > 0) NO INHERIT)",
    )
    assert names(result, Kind.CONSTRAINT) == set()


def test_an_owned_sequence_is_not_moved_apart_from_its_table() -> None:
    """PostgreSQL refuses `cannot move an owned sequence into another schema`."""
    result = run(
        "CREATE SCHEMA s;\nCREATE TABLE t (id serial);\nALTER SEQUENCE t_id_seq SET SCHEMA s;\n"
    )
    assert result.not_replayed == (
        f"not replayed: {MIGRATION}:3 alter_sequence (sequence t_id_seq moved apart from "
        "its table)",
    )
    assert ObjectRef(Kind.SEQUENCE, "public", "t_id_seq") in result.catalog


def test_a_trigger_follows_its_update_of_column_through_a_rename() -> None:
    result = run(
        "CREATE TABLE t (a int, b int);\n"
        "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
        "CREATE TRIGGER g BEFORE UPDATE OF a, b ON t FOR EACH ROW EXECUTE FUNCTION tf('x', 'y');\n"
        "ALTER TABLE t RENAME COLUMN a TO renamed;\n"
    )
    trigger = result.catalog.get(ObjectRef(Kind.TRIGGER, "public", "g", "t"))
    assert isinstance(trigger, Trigger)
    assert sorted(trigger.columns or ()) == ["b", "renamed"]
    assert trigger.arguments == ("x", "y")
