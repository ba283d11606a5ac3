"""Live introspection on real PostgreSQL servers (every available major)."""

from __future__ import annotations

import re
import socket
import time
import uuid
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from schemacheck.embedded import DatabaseServer, apply_sql_files
from schemacheck.errors import DatabaseError
from schemacheck.introspect import Introspection, VersionTable, body_hash, introspect, reader
from schemacheck.introspect.connect import Session, Timeouts, joined, snapshot
from schemacheck.introspect.filters import SchemaFilter
from schemacheck.introspect.sqlfiles import KINDS, kind_query
from schemacheck.model import (
    ABSENT,
    Catalog,
    Column,
    Constraint,
    ConstraintType,
    Enum,
    Extension,
    ForeignKey,
    Function,
    Index,
    Kind,
    ObjectRef,
    Schema,
    Sequence,
    Table,
    Trigger,
    View,
)

EVERY_KIND = Path(__file__).parent / "fixtures" / "every_kind.sql"


def run(dsn: str, *statements: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


@pytest.fixture
def every_kind(fresh_db_any: str) -> tuple[str, Introspection]:
    apply_sql_files(fresh_db_any, [EVERY_KIND])
    return fresh_db_any, introspect(fresh_db_any)


def names(catalog: Catalog, kind: Kind) -> set[str]:
    return {o.ref.qualified for o in catalog.of_kind(kind)}


# -- every object kind, with concrete values


def test_snapshot_facts(every_kind: tuple[str, Introspection]) -> None:
    _, result = every_kind
    assert result.server_version >= 130000
    assert result.transaction.read_only
    assert result.transaction.isolation == "repeatable read"
    assert result.transaction.application_name == "schemacheck"
    assert result.transaction.statement_timeout == "30s"
    assert result.transaction.lock_timeout == "2s"
    assert result.schema_versions == (115, 116, 117)
    assert result.version_table is VersionTable.FOUND and result.version_table_found
    # settings, one per kind, the second connection's snapshot import and settings, and
    # the version table
    assert result.queries == 1 + len(KINDS) + 2 + 2
    assert result.catalog.source.startswith("postgres@")


def test_schemas_extensions_and_tables(every_kind: tuple[str, Introspection]) -> None:
    _, result = every_kind
    cat = result.catalog
    assert names(cat, Kind.SCHEMA) == {"billing", "public"}
    assert names(cat, Kind.EXTENSION) == {"pg_trgm"}
    ext = cat.get(Extension(schema="public", name="pg_trgm").ref)
    assert isinstance(ext, Extension) and ext.schema == "public" and ext.version
    assert names(cat, Kind.TABLE) == {
        "public.users",
        "public.orders",
        "public.schema_migrations",
        "billing.bookings",
        "billing.invoices",
        "billing.invoices_2024",
        "billing.Payments",
    }
    assert cat.get(Table(schema="billing", name="invoices").ref) == Table(
        schema="billing", name="invoices", partitioned=True, partition_of=ABSENT
    )
    assert cat.get(Table(schema="billing", name="invoices_2024").ref) == Table(
        schema="billing", name="invoices_2024", partitioned=False, partition_of="invoices"
    )
    assert cat.get(Table(schema="public", name="users").ref) == Table(
        schema="public", name="users", partitioned=False, partition_of=ABSENT
    )


def test_columns(every_kind: tuple[str, Introspection]) -> None:
    cat = every_kind[1].catalog

    def col(name: str, table: str = "users", schema: str = "public") -> object:
        return cat.get(Column(schema=schema, table=table, name=name).ref)

    assert col('"Email"') == Column(
        schema="public",
        table="users",
        name='"Email"',
        type="varchar(320)",
        nullable=False,
        default=ABSENT,
        identity=ABSENT,
        generated=ABSENT,
        collation=ABSENT,
    )
    assert col("id") == Column(
        schema="public",
        table="users",
        name="id",
        type="bigint",
        nullable=False,
        default=ABSENT,
        identity="always",
        generated=ABSENT,
        collation=ABSENT,
    )
    assert col("name_upper") == Column(
        schema="public",
        table="users",
        name="name_upper",
        type="text",
        nullable=True,
        default=ABSENT,
        identity=ABSENT,
        generated="upper(name)",
        collation=ABSENT,
    )
    assert col("score") == Column(
        schema="public",
        table="users",
        name="score",
        type="NUMERIC(10, 2)",
        nullable=True,
        default=ABSENT,
        identity=ABSENT,
        generated=ABSENT,
        collation=ABSENT,
    )
    created = col("created_at")
    assert isinstance(created, Column)
    assert created.type == "timestamp with time zone" and created.nullable is False
    assert created.default == Column(schema="s", table="t", name="c", default="now()").default
    feeling = col("feeling")
    assert isinstance(feeling, Column) and feeling.type == "mood" and feeling.default
    number = col("number", "orders")
    assert isinstance(number, Column) and "order_number_seq" in (number.default or "")
    invoice_id = col("id", "invoices", "billing")
    assert isinstance(invoice_id, Column) and invoice_id.identity == "by default"
    tags = col("tags", "orders")
    assert isinstance(tags, Column) and tags.type == "text[]"
    during = col("during", "bookings", "billing")
    assert isinstance(during, Column) and during.type == "tsrange"
    # Columns keep their catalog order-independent identity and exact case.
    assert {c.ref.name for c in cat.children(ObjectRef(Kind.TABLE, "billing", "Payments"))} >= {
        "Invoice",
        "issued_on",
    }


def test_indexes(every_kind: tuple[str, Introspection]) -> None:
    cat = every_kind[1].catalog

    def idx(name: str, table: str = "users", schema: str = "public") -> object:
        return cat.get(Index(schema=schema, table=table, name=name).ref)

    assert idx("users_recent_idx") == Index(
        schema="public",
        table="users",
        name="users_recent_idx",
        columns=("created_at DESC", "id"),
        unique=False,
        predicate="score IS NOT NULL",
        method="btree",
        include=(),
    )
    assert idx("users_name_cover_idx") == Index(
        schema="public",
        table="users",
        name="users_name_cover_idx",
        columns=("name",),
        unique=True,
        predicate=ABSENT,
        method="btree",
        include=("score", "created_at"),
    )
    assert idx("users_name_trgm_idx") == Index(
        schema="public",
        table="users",
        name="users_name_trgm_idx",
        columns=("name gin_trgm_ops",),
        unique=False,
        predicate=ABSENT,
        method="gin",
        include=(),
    )
    lower = idx("users_lower_email_idx")
    assert lower == Index(
        schema="public",
        table="users",
        name="users_lower_email_idx",
        columns=('lower("Email"::text)',),
        unique=False,
        predicate=ABSENT,
        method="btree",
        include=(),
    )
    tags = idx("orders_tags_idx", "orders")
    assert isinstance(tags, Index) and tags.method == "gin" and tags.columns == ("tags",)
    # An index on a partitioned table is listed once, on the parent.
    assert idx("invoices_issued_idx", "invoices", "billing") is not None
    assert not any(o.ref.table == "invoices_2024" for o in cat.of_kind(Kind.INDEX))
    # Indexes that implement constraints are listed as constraints only.
    assert idx("users_pkey") is None and idx("users_email_key") is None


def test_index_keys_match_pg_get_indexdef(every_kind: tuple[str, Introspection]) -> None:
    """Each reconstructed key (expression, opclass, ordering) is what the full definition
    prints between its parentheses."""
    dsn, _ = every_kind
    with psycopg.connect(dsn) as conn:
        conn.execute("SET search_path = pg_catalog, public")
        query = kind_query("indexes", conn.info.server_version)
        rows = conn.execute(query, SchemaFilter().params()).fetchall()
        assert rows
        for schema, _table, name, columns, *_rest, include in rows:
            (definition,) = conn.execute(
                "SELECT pg_get_indexdef(%s::regclass)", [f'"{schema}"."{name}"']
            ).fetchone() or ("",)
            keys = ", ".join(columns)
            flat = re.sub(r"\(\((.*?)\)::", r"(\1::", definition)  # (("Email")::text)
            assert f"({keys})" in flat or f"(({keys}))" in flat, (keys, definition)
            if include:
                assert f"INCLUDE ({', '.join(include)})" in definition


# Indexes with a collation: explicit on a column and on an expression, one that only repeats the
# key's own collation (stored, and printed, as none), one back to "default" on a column of
# another collation, a collation outside the search path, a partitioned table and a
# materialized view.
COLLATED = (
    "CREATE SCHEMA other",
    'CREATE COLLATION other.c2 FROM "C"',
    'CREATE COLLATION public.mine FROM "POSIX"',
    'CREATE TABLE ev (id int, name text, code text COLLATE "C", "Mixed" varchar(20), n int)',
    'CREATE INDEX ev_c ON ev (name COLLATE "C" text_pattern_ops)',
    'CREATE INDEX ev_lower_c ON ev (lower(name) COLLATE "C" DESC)',
    'CREATE INDEX ev_paren ON ev ((lower(name) COLLATE "C"))',
    'CREATE INDEX ev_same_default ON ev (name COLLATE "default")',
    "CREATE INDEX ev_code ON ev (code)",
    'CREATE INDEX ev_code_same ON ev (code COLLATE "C")',
    'CREATE INDEX ev_code_default ON ev (code COLLATE "default")',
    "CREATE INDEX ev_lower_code ON ev (lower(code))",
    'CREATE INDEX ev_lower_code_default ON ev (lower(code) COLLATE "default")',
    "CREATE INDEX ev_many ON ev ((name || 'x') COLLATE \"POSIX\", n,"
    " lower(name) COLLATE other.c2 NULLS FIRST)",
    'CREATE INDEX ev_mixed ON ev ("Mixed" COLLATE mine varchar_pattern_ops, lower(name),'
    ' lower(name) COLLATE "C")',
    'CREATE UNIQUE INDEX "Ev Uniq" ON ev (lower(code) COLLATE "POSIX", lower(code), id)',
    "CREATE TABLE pt (id int, name text) PARTITION BY RANGE (id)",
    'CREATE INDEX pt_lower ON pt (lower(name) COLLATE "C")',
    "CREATE MATERIALIZED VIEW mv AS SELECT id, name FROM ev",
    'CREATE INDEX mv_c ON mv (name COLLATE "C")',
)

COLLATED_KEYS = {
    "ev_c": ('name COLLATE "C" text_pattern_ops',),
    "ev_lower_c": ('lower(name) COLLATE "C" DESC',),
    "ev_paren": ('lower(name) COLLATE "C"',),
    "ev_same_default": ("name",),
    "ev_code": ("code",),
    "ev_code_same": ("code",),
    "ev_code_default": ('code COLLATE "default"',),
    "ev_lower_code": ("lower(code)",),
    "ev_lower_code_default": ('lower(code) COLLATE "default"',),
    "ev_many": ("(name || 'x') COLLATE \"POSIX\"", "n", "lower(name) COLLATE other.c2 NULLS FIRST"),
    "ev_mixed": (
        '"Mixed" COLLATE mine varchar_pattern_ops',
        "lower(name)",
        'lower(name) COLLATE "C"',
    ),
    "Ev Uniq": ('lower(code) COLLATE "POSIX"', "lower(code)", "id"),
    "pt_lower": ('lower(name) COLLATE "C"',),
    "mv_c": ('name COLLATE "C"',),
}


def test_index_collations(fresh_db_any: str) -> None:
    """A key holds a collation exactly where the index's differs from the column's or the
    expression's own, written as CREATE INDEX writes it; on every major alike."""
    run(fresh_db_any, *COLLATED)
    cat = introspect(fresh_db_any).catalog
    read = {
        o.name: o.columns
        for o in cat.of_kind(Kind.INDEX)
        if isinstance(o, Index) and o.table in ("ev", "pt", "mv")
    }
    expected = {
        name: Index(schema="public", columns=keys).columns for name, keys in COLLATED_KEYS.items()
    }
    assert read == expected


def test_collated_keys_are_what_pg_get_indexdef_prints(fresh_db_any: str) -> None:
    """The keys the query returns, joined, are the full definition's key list, character for
    character: the same collations, in the same places, printed the same way."""
    run(fresh_db_any, *COLLATED)
    with psycopg.connect(fresh_db_any) as conn:
        conn.execute("SET search_path = pg_catalog, public")
        query = kind_query("indexes", conn.info.server_version)
        rows = conn.execute(query, SchemaFilter().params()).fetchall()
        collated = set()
        for schema, _table, name, columns, *_rest in rows:
            (definition,) = conn.execute(
                "SELECT pg_get_indexdef(%s::regclass, 0, true)", [f'"{schema}"."{name}"']
            ).fetchone() or ("",)
            keys = definition.split(" USING ", 1)[1].split(" (", 1)[1]
            assert keys.startswith(", ".join(columns) + ")"), (columns, definition)
            if any(" COLLATE " in c for c in columns):
                collated.add(name)
    assert collated == {n for n, keys in COLLATED_KEYS.items() if any("COLLATE" in k for k in keys)}


def test_constraints(every_kind: tuple[str, Introspection]) -> None:
    cat = every_kind[1].catalog
    constraints = {o.ref.qualified: o for o in cat.of_kind(Kind.CONSTRAINT)}
    assert set(constraints) == {
        "public.users.users_pkey",
        "public.users.users_email_key",
        "public.users.users_score_positive",
        "public.orders.orders_pkey",
        "public.orders.orders_total_positive",
        "public.schema_migrations.schema_migrations_pkey",
        "billing.bookings.bookings_pkey",
        "billing.bookings.bookings_no_overlap",
        "billing.invoices.invoices_pkey",
    }
    assert constraints["public.users.users_email_key"] == Constraint(
        schema="public",
        table="users",
        name="users_email_key",
        type=ConstraintType.UNIQUE,
        columns=('"Email"',),
        expression=ABSENT,
        validated=True,
        deferrable=True,
        initially_deferred=False,
    )
    assert constraints["public.orders.orders_total_positive"] == Constraint(
        schema="public",
        table="orders",
        name="orders_total_positive",
        type=ConstraintType.CHECK,
        columns=("total",),
        expression="total > 0::numeric",
        validated=False,
        deferrable=False,
        initially_deferred=False,
    )
    check = constraints["public.users.users_score_positive"]
    assert isinstance(check, Constraint) and check.validated is True
    assert (
        check.expression
        == Constraint(schema="p", table="t", name="c", expression="score >= 0::numeric").expression
    )
    exclusion = constraints["billing.bookings.bookings_no_overlap"]
    assert isinstance(exclusion, Constraint)
    assert exclusion.type == "exclusion" and exclusion.columns == ("during",)
    assert exclusion.expression is not None and "gist" in exclusion.expression
    assert "&&" in exclusion.expression
    pk = constraints["billing.invoices.invoices_pkey"]
    assert isinstance(pk, Constraint) and pk.columns == ("id", "issued_on")


def test_not_null_is_nullability_not_a_constraint(every_kind: tuple[str, Introspection]) -> None:
    """PostgreSQL 18 lists NOT NULL in pg_constraint; they must not show up as constraints."""
    dsn, result = every_kind
    with psycopg.connect(dsn) as conn:
        not_null = conn.execute("SELECT count(*) FROM pg_constraint WHERE contype = 'n'")
        count = (not_null.fetchone() or (0,))[0]
    assert (count > 0) == (result.server_version >= 180000)
    assert not any(
        o.ref.name.endswith("_not_null") for o in result.catalog.of_kind(Kind.CONSTRAINT)
    )
    email = result.catalog.get(Column(schema="public", table="users", name='"Email"').ref)
    assert isinstance(email, Column) and email.nullable is False


def test_foreign_keys(every_kind: tuple[str, Introspection]) -> None:
    cat = every_kind[1].catalog
    fks = {o.ref.qualified: o for o in cat.of_kind(Kind.FOREIGN_KEY)}
    # One each: not the copies PostgreSQL keeps per partition (referencing or referenced).
    assert set(fks) == {
        "public.orders.orders_user_fk",
        "billing.invoices.invoices_order_fk",
        "billing.Payments.Payments_invoice_fk",
    }
    assert fks["public.orders.orders_user_fk"] == ForeignKey(
        schema="public",
        table="orders",
        name="orders_user_fk",
        columns=("user_id",),
        references="users",
        referenced_columns=("id",),
        on_delete="cascade",
        on_update="set null",
        deferrable=True,
        initially_deferred=True,
        validated=True,
        match="simple",
        on_delete_columns=(),
    )
    assert fks["billing.Payments.Payments_invoice_fk"] == ForeignKey(
        schema="billing",
        table='"Payments"',
        name='"Payments_invoice_fk"',
        columns=('"Invoice"', "issued_on"),
        references="billing.invoices",
        referenced_columns=("id", "issued_on"),
        on_delete="restrict",
        on_update="no action",
        deferrable=False,
        initially_deferred=False,
        validated=True,
        match="simple",
        on_delete_columns=(),
    )
    invoices = fks["billing.invoices.invoices_order_fk"]
    assert isinstance(invoices, ForeignKey) and invoices.references == "public.orders"


def test_triggers(every_kind: tuple[str, Introspection]) -> None:
    cat = every_kind[1].catalog
    triggers = {o.ref.qualified: o for o in cat.of_kind(Kind.TRIGGER)}
    # No internal (foreign-key) triggers, no clones on partitions.
    assert set(triggers) == {
        "public.users.users_touch",
        "public.users.users_touch_disabled",
        "public.orders.orders_audit",
        "public.active_users.active_users_insert",
        "billing.invoices.invoices_audit",
    }
    assert triggers["public.users.users_touch"] == Trigger(
        schema="public",
        table="users",
        name="users_touch",
        timing="BEFORE",
        events=("UPDATE",),
        level="ROW",
        function="public.touch_updated_at",
        when="old.name IS DISTINCT FROM new.name",
        enabled=True,
        columns=(),
        arguments=(),
        deferrable=False,
        initially_deferred=False,
    )
    assert triggers["public.users.users_touch_disabled"] == Trigger(
        schema="public",
        table="users",
        name="users_touch_disabled",
        timing="before",
        events=("update", "insert"),
        level="row",
        function="touch_updated_at()",
        when=ABSENT,
        enabled=False,
        columns=(),
        arguments=(),
        deferrable=False,
        initially_deferred=False,
    )
    assert triggers["public.orders.orders_audit"] == Trigger(
        schema="public",
        table="orders",
        name="orders_audit",
        timing="after",
        events=("insert", "delete", "truncate"),
        level="statement",
        function="billing.audit_statement",
        when=ABSENT,
        enabled=True,
        columns=(),
        arguments=(),
        deferrable=False,
        initially_deferred=False,
    )
    instead = triggers["public.active_users.active_users_insert"]
    assert isinstance(instead, Trigger) and instead.timing == "instead of"


def _dollar_body(name: str) -> str:
    text = EVERY_KIND.read_text()
    match = re.search(rf"FUNCTION {name}\(.*?\$\$(.*?)\$\$", text, re.S)
    assert match, name
    return match.group(1)


def test_functions(every_kind: tuple[str, Introspection]) -> None:
    cat = every_kind[1].catalog
    assert names(cat, Kind.FUNCTION) == {
        "public.touch_updated_at()",
        "public.active_users_insert()",
        "public.user_count(numeric)",
        "public.users_by_mood(mood)",
        "public.order_totals(integer[])",
        "billing.audit_statement()",
        "billing.close_month(date, integer)",
    }

    def fn(schema: str, name: str, *args: str) -> Function:
        obj = cat.get(Function(schema=schema, name=name, arguments=args).ref)
        assert isinstance(obj, Function), (name, args)
        return obj

    assert fn("public", "touch_updated_at") == Function(
        schema="public",
        name="touch_updated_at",
        routine="function",
        returns="trigger",
        language="plpgsql",
        volatility="volatile",
        security_definer=False,
        strict=False,
        parallel="unsafe",
        settings=(),
        body_hash=body_hash(_dollar_body("touch_updated_at")),
    )
    user_count = fn("public", "user_count", "numeric")  # the OUT argument is not identity
    assert user_count.returns == "bigint" and user_count.security_definer is True
    assert user_count.volatility == "stable" and user_count.language == "sql"
    assert user_count.body_hash == body_hash(_dollar_body("user_count"))
    assert fn("public", "users_by_mood", "mood").returns == "setof users"
    totals = fn("public", "order_totals", "integer[]")
    assert totals.volatility == "immutable"
    assert (
        totals.returns
        == Function(schema="p", name="f", returns="TABLE(order_id integer, total numeric)").returns
    )
    close = fn("billing", "close_month", "date", "integer")
    assert close.routine == "procedure" and close.returns == ABSENT


def test_function_settings_strictness_and_parallel(fresh_db_any: str) -> None:
    run(
        fresh_db_any,
        'CREATE SCHEMA "Ops"',
        "CREATE FUNCTION guarded() RETURNS integer LANGUAGE sql SECURITY DEFINER STRICT"
        " PARALLEL SAFE SET search_path = public, pg_temp SET TimeZone = 'UTC'"
        " SET work_mem TO '64MB' AS 'SELECT 1'",
        "CREATE FUNCTION listed() RETURNS integer LANGUAGE sql PARALLEL RESTRICTED"
        " SET search_path = \"$user\", \"Ops\", 'Other', LOWER AS 'SELECT 1'",
        "CREATE FUNCTION emptied() RETURNS integer LANGUAGE sql SET search_path = '' AS 'SELECT 1'",
        "CREATE FUNCTION plain() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
        "CREATE PROCEDURE proc() LANGUAGE sql SET search_path = public AS 'SELECT 1'",
    )
    cat = introspect(fresh_db_any).catalog

    def fn(name: str) -> Function:
        obj = cat.get(Function(schema="public", name=name).ref)
        assert isinstance(obj, Function), name
        return obj

    guarded = fn("guarded")
    assert (guarded.strict, guarded.parallel, guarded.security_definer) == (True, "safe", True)
    # names in lower case (PostgreSQL stores TimeZone), sorted by name
    assert guarded.settings == ("search_path=public, pg_temp", "timezone=UTC", "work_mem=64MB")
    listed = fn("listed")
    assert (listed.strict, listed.parallel) == (False, "restricted")
    assert listed.settings == ('search_path="$user", "Ops", "Other", lower',)
    assert fn("emptied").settings == ('search_path=""',)
    plain = fn("plain")
    assert (plain.strict, plain.parallel, plain.settings) == (False, "unsafe", ())
    assert fn("proc").settings == ("search_path=public",)

    run(
        fresh_db_any,
        "ALTER FUNCTION guarded() RESET ALL",
        "ALTER FUNCTION listed() CALLED ON NULL INPUT PARALLEL UNSAFE SET search_path = public",
        "ALTER FUNCTION plain() RETURNS NULL ON NULL INPUT SET statement_timeout = 1000",
    )
    cat = introspect(fresh_db_any).catalog
    assert fn("guarded").settings == ()
    assert (fn("listed").parallel, fn("listed").settings) == ("unsafe", ("search_path=public",))
    assert (fn("plain").strict, fn("plain").settings) == (True, ("statement_timeout=1000",))


def test_trigger_columns_arguments_and_deferral(fresh_db_any: str) -> None:
    run(
        fresh_db_any,
        'CREATE TABLE t (a integer, "B" integer, c integer)',
        "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$",
        'CREATE TRIGGER t_cols BEFORE UPDATE OF c, "B" ON t FOR EACH ROW'
        " EXECUTE FUNCTION tf('one', 'it''s', 'é', '', 42, 1.50, Some_Word, \"Quoted\")",
        "CREATE CONSTRAINT TRIGGER t_late AFTER INSERT ON t DEFERRABLE INITIALLY DEFERRED"
        " FOR EACH ROW EXECUTE FUNCTION tf()",
        "CREATE CONSTRAINT TRIGGER t_soon AFTER INSERT ON t DEFERRABLE"
        " FOR EACH ROW EXECUTE FUNCTION tf()",
    )
    cat = introspect(fresh_db_any).catalog
    found = {o.ref.name: o for o in cat.of_kind(Kind.TRIGGER)}
    cols = found["t_cols"]
    assert isinstance(cols, Trigger)
    assert cols.columns == ("B", "c")  # a set: sorted, quoted names kept exact
    assert cols.arguments == ("one", "it's", "é", "", "42", "1.50", "some_word", "Quoted")
    assert (cols.deferrable, cols.initially_deferred) == (False, False)
    late, soon = found["t_late"], found["t_soon"]
    assert isinstance(late, Trigger) and isinstance(soon, Trigger)
    assert (late.columns, late.arguments) == ((), ())
    assert (late.deferrable, late.initially_deferred) == (True, True)
    assert (soon.deferrable, soon.initially_deferred) == (True, False)


def test_body_hash_ignores_whitespace_only() -> None:
    assert body_hash("BEGIN\n  RETURN 1;\nEND;") == body_hash("  BEGIN RETURN 1;   END; ")
    assert body_hash("BEGIN RETURN 1; END;") != body_hash("BEGIN RETURN 2; END;")
    assert re.fullmatch(r"[0-9a-f]{32}", body_hash(""))


def test_sequences_views_enums(every_kind: tuple[str, Introspection]) -> None:
    cat = every_kind[1].catalog
    # The identity columns' sequences belong to their columns.
    assert names(cat, Kind.SEQUENCE) == {"public.order_number_seq", "public.orders_id_seq"}
    assert cat.get(Sequence(schema="public", name="order_number_seq").ref) == Sequence(
        schema="public",
        name="order_number_seq",
        data_type="integer",
        start=1000,
        increment=5,
        owned_by="orders.number",
        min_value=1,
        max_value=2**31 - 1,
        cycle=False,
        cache=1,
    )
    serial = cat.get(Sequence(schema="public", name="orders_id_seq").ref)
    assert isinstance(serial, Sequence) and serial.owned_by == "orders.id"
    view = cat.get(View(schema="public", name="active_users").ref)
    assert isinstance(view, View) and view.materialized is False
    assert view.definition and "users" in view.definition.lower()
    matview = cat.get(View(schema="billing", name="order_summary").ref)
    assert isinstance(matview, View) and matview.materialized is True
    assert cat.get(Enum(schema="public", name="mood").ref) == Enum(
        schema="public", name="mood", labels=("sad", "meh", "ok", "happy")
    )
    assert cat.get(Schema(schema="billing").ref) == Schema(schema="billing", name="billing")


def test_sequence_bounds_cycle_and_cache(fresh_db_any: str) -> None:
    run(
        fresh_db_any,
        "CREATE SEQUENCE plain_seq",
        "CREATE SEQUENCE small_down AS smallint INCREMENT BY -2",
        "CREATE SEQUENCE bounded AS integer MINVALUE -10 MAXVALUE 500 START 0 CYCLE CACHE 20",
        "CREATE TABLE t (id serial)",
    )
    cat = introspect(fresh_db_any).catalog

    def seq(name: str) -> Sequence:
        obj = cat.get(Sequence(schema="public", name=name).ref)
        assert isinstance(obj, Sequence), name
        return obj

    def values(name: str) -> tuple[int | None, int | None, bool | None, int | None]:
        s = seq(name)
        return (s.min_value, s.max_value, s.cycle, s.cache)

    assert values("plain_seq") == (1, 2**63 - 1, False, 1)
    assert values("small_down") == (-(2**15), -1, False, 1)
    assert values("bounded") == (-10, 500, True, 20)
    assert values("t_id_seq") == (1, 2**31 - 1, False, 1)
    run(fresh_db_any, "ALTER SEQUENCE plain_seq MAXVALUE 99 NO CYCLE CACHE 5")
    run(fresh_db_any, "ALTER SEQUENCE bounded NO MINVALUE NO MAXVALUE NO CYCLE START 1 RESTART 1")
    cat = introspect(fresh_db_any).catalog
    assert values("plain_seq") == (1, 99, False, 5)
    assert values("bounded") == (1, 2**31 - 1, False, 20)


def test_constraint_deferral_match_and_set_columns(fresh_db_any: str) -> None:
    run(
        fresh_db_any,
        "CREATE TABLE p (a int, b int, PRIMARY KEY (a, b))",
        "CREATE TABLE q (id int PRIMARY KEY DEFERRABLE INITIALLY DEFERRED)",
        "CREATE TABLE c (a int, b int, x int,"
        " CONSTRAINT c_x_key UNIQUE (x) DEFERRABLE,"
        " CONSTRAINT c_late UNIQUE (a) DEFERRABLE INITIALLY DEFERRED,"
        " CONSTRAINT c_full FOREIGN KEY (a, b) REFERENCES p MATCH FULL,"
        " CONSTRAINT c_simple FOREIGN KEY (a, b) REFERENCES p ON DELETE SET NULL (b),"
        ' CONSTRAINT "C_all" FOREIGN KEY (b, a) REFERENCES p (b, a) ON DELETE SET DEFAULT)',
    )
    cat = introspect(fresh_db_any).catalog
    found = {o.ref.name: o for o in cat if o.ref.kind in (Kind.CONSTRAINT, Kind.FOREIGN_KEY)}

    def deferral(name: str) -> tuple[bool | None, bool | None]:
        obj = found[name]
        assert isinstance(obj, Constraint)
        return (obj.deferrable, obj.initially_deferred)

    assert deferral("p_pkey") == (False, False)
    assert deferral("q_pkey") == (True, True)
    assert deferral("c_x_key") == (True, False)
    assert deferral("c_late") == (True, True)

    def fk(name: str) -> tuple[str | None, tuple[str, ...] | None, str | None]:
        obj = found[name]
        assert isinstance(obj, ForeignKey)
        return (obj.match, obj.on_delete_columns, obj.on_delete)

    assert fk("c_full") == ("full", (), "no action")
    assert fk("c_simple") == ("simple", ("b",), "set null")
    assert fk("C_all") == ("simple", (), "set default")


def test_column_collation_where_not_the_types_own(fresh_db_any: str) -> None:
    run(
        fresh_db_any,
        'CREATE SCHEMA "Other"',
        'CREATE COLLATION "Other".c2 FROM "C"',
        'CREATE DOMAIN code AS text COLLATE "C"',
        'CREATE TABLE t (plain text, c text COLLATE "C", posix varchar(5) COLLATE "POSIX",'
        ' back text COLLATE "default", other text COLLATE "Other".c2, n integer,'
        ' nm name, nm_default name COLLATE "default", d code, d_back code COLLATE "default",'
        ' arr text[] COLLATE "C")',
    )
    cat = introspect(fresh_db_any).catalog

    def collation(name: str) -> str | None:
        obj = cat.get(Column(schema="public", table="t", name=name).ref)
        assert isinstance(obj, Column), name
        return obj.collation

    expected = {
        "plain": ABSENT,
        "c": '"C"',
        "posix": '"POSIX"',
        "back": ABSENT,  # the type's own, named again
        "other": '"Other".c2',
        "n": ABSENT,
        "nm": ABSENT,  # name's own is "C"
        "nm_default": "default",
        "d": ABSENT,  # the domain's own
        "d_back": "default",
        "arr": '"C"',
    }
    assert {name: collation(name) for name in expected} == expected
    run(fresh_db_any, 'ALTER TABLE t ALTER COLUMN c TYPE text COLLATE "POSIX"')
    run(fresh_db_any, "ALTER TABLE t ALTER COLUMN posix TYPE text")
    cat = introspect(fresh_db_any).catalog
    assert (collation("c"), collation("posix")) == ('"POSIX"', ABSENT)


def test_sql_standard_function_body(fresh_db_any: str) -> None:
    run(fresh_db_any, "SELECT 1")
    with psycopg.connect(fresh_db_any) as conn:
        if conn.info.server_version < 140000:
            pytest.skip("SQL-standard function bodies need PostgreSQL 14")
    run(fresh_db_any, "CREATE FUNCTION add_one(i integer) RETURNS integer RETURN i + 1")
    fn = introspect(fresh_db_any).catalog.get(
        Function(schema="public", name="add_one", arguments=("integer",)).ref
    )
    assert isinstance(fn, Function) and fn.body_hash == body_hash("RETURN (i + 1)")


# -- the same catalog on every major


def test_majors_agree_except_known_differences(pg_servers: list[DatabaseServer]) -> None:
    """The fixture reads the same on every major, but for two things PostgreSQL itself
    changed: view text (16 stopped qualifying columns with a single FROM item) and identity on
    partitions (17 copies it from the parent)."""
    if len(pg_servers) < 2:
        pytest.skip("one PostgreSQL major available")
    catalogs: dict[int, Catalog] = {}
    for server in pg_servers:
        name = f"t_{uuid.uuid4().hex[:12]}"
        dsn = server.create_database(name)
        try:
            apply_sql_files(dsn, [EVERY_KIND])
            catalogs[server.major] = introspect(dsn).catalog
        finally:
            server.drop_database(name)
    low, *others = sorted(catalogs)
    for major in others:
        a, b = catalogs[low], catalogs[major]
        assert set(a.objects) == set(b.objects)
        differ = {ref for ref in a.objects if a.objects[ref] != b.objects[ref]}
        allowed = {
            ref
            for ref in differ
            if ref.kind is Kind.VIEW
            or (ref.kind is Kind.COLUMN and ref.table == "invoices_2024" and ref.name == "id")
        }
        assert differ == allowed


# -- what is read, and what is left out


def test_extension_objects_only_when_asked(fresh_db_any: str) -> None:
    run(fresh_db_any, "CREATE EXTENSION pg_trgm", "CREATE FUNCTION mine() RETURNS int RETURN 1")
    default = introspect(fresh_db_any).catalog
    assert names(default, Kind.EXTENSION) == {"pg_trgm"}
    assert names(default, Kind.FUNCTION) == {"public.mine()"}
    full = introspect(fresh_db_any, include_extension_objects=True).catalog
    assert "public.similarity(text, text)" in names(full, Kind.FUNCTION)
    assert "public.mine()" in names(full, Kind.FUNCTION)


SCHEMA_SETUP = (
    "CREATE SCHEMA app",
    "CREATE SCHEMA tmp_a",
    "CREATE SCHEMA tmpxb",
    "CREATE TYPE app.state AS ENUM ('on', 'off')",
    "CREATE TABLE app.items (id int PRIMARY KEY, state app.state)",
    "CREATE TABLE public.other (id int PRIMARY KEY, item int REFERENCES app.items)",
    "CREATE TABLE tmp_a.t (id int)",
    "CREATE TABLE tmpxb.t (id int)",
    "CREATE VIEW public.v AS SELECT 1 AS one",
    "CREATE FUNCTION public.f() RETURNS int LANGUAGE sql AS 'SELECT 1'",
)


def test_schema_filter(fresh_db_any: str) -> None:
    run(fresh_db_any, *SCHEMA_SETUP)
    only_app = introspect(fresh_db_any, schemas=["app"]).catalog
    assert {o.ref.schema for o in only_app} == {"app"}
    assert names(only_app, Kind.TABLE) == {"app.items"}
    assert names(only_app, Kind.ENUM) == {"app.state"}
    column = only_app.get(Column(schema="app", table="items", name="state").ref)
    assert isinstance(column, Column) and column.type == "app.state"

    everything = introspect(fresh_db_any).catalog
    assert {o.ref.schema for o in everything} == {"app", "public", "tmp_a", "tmpxb"}

    # Globs: `_` is a literal underscore, `*` any run of characters.
    excluded = introspect(fresh_db_any, exclude_schemas=["tmp_*", "pub*"]).catalog
    assert {o.ref.schema for o in excluded} == {"app", "tmpxb"}

    system = introspect(fresh_db_any, schemas=["information_schema"]).catalog
    assert "information_schema.tables" in names(system, Kind.VIEW)


def test_schema_filter_is_applied_in_sql(fresh_db_any: str) -> None:
    """Rows of other schemas never leave the server: every kind query returns only the
    selected schema's objects."""
    run(fresh_db_any, *SCHEMA_SETUP)
    params = SchemaFilter.of(["app"]).params()
    with psycopg.connect(fresh_db_any) as conn:
        for kind in KINDS:
            query = kind_query(kind, conn.info.server_version)
            cur = conn.execute(query, params)
            columns = [c.name for c in cur.description or ()]
            key = "schema" if "schema" in columns else "name"
            assert {dict(zip(columns, row, strict=True))[key] for row in cur} <= {"app"}, kind


def _tables_db(server: DatabaseServer, tables: int) -> str:
    dsn = server.create_database(f"t_{uuid.uuid4().hex[:12]}")
    statements = [
        "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END; $$",
        "CREATE TABLE parent (id int PRIMARY KEY)",
    ]
    for i in range(tables):
        statements += [
            f"CREATE TABLE t{i} (id serial PRIMARY KEY, p int REFERENCES parent, "
            f"v text CHECK (v <> ''), n int NOT NULL DEFAULT {i})",
            f"CREATE INDEX t{i}_v_idx ON t{i} (lower(v)) WHERE n > 0",
            f"CREATE TRIGGER t{i}_touch BEFORE UPDATE ON t{i} "
            "FOR EACH ROW EXECUTE FUNCTION touch()",
            f"CREATE VIEW v{i} AS SELECT id FROM t{i}",
        ]
    run(dsn, *statements)
    return dsn


def test_query_count_does_not_grow_with_the_catalog(pg_any: DatabaseServer) -> None:
    small = _tables_db(pg_any, 1)
    large = _tables_db(pg_any, 50)
    try:
        one = introspect(small)
        fifty = introspect(large)
        unversioned = introspect(small, version_table=None)
    finally:
        for dsn in (small, large):
            pg_any.drop_database(str(conninfo_to_dict(dsn)["dbname"]))
    assert len(fifty.catalog.of_kind(Kind.TABLE)) == 51
    assert len(fifty.catalog.of_kind(Kind.TRIGGER)) == 50
    # settings, kinds, the second connection's snapshot import and settings, version probe
    assert one.queries == fifty.queries == len(KINDS) + 2 + 2
    assert unversioned.queries == len(KINDS) + 1 + 2


# -- read-only, never blocking


@pytest.fixture
def reader_role(fresh_db_any: str) -> Iterator[str]:
    """A login role that may only connect, use the schemas and SELECT: its DSN."""
    role = f"reader_{uuid.uuid4().hex[:8]}"
    apply_sql_files(fresh_db_any, [EVERY_KIND])
    dbname = conninfo_to_dict(fresh_db_any)["dbname"]
    run(
        fresh_db_any,
        f"CREATE ROLE {role} LOGIN PASSWORD 'Reader-pw-1'",
        f'REVOKE ALL ON DATABASE "{dbname}" FROM PUBLIC',
        f'GRANT CONNECT ON DATABASE "{dbname}" TO {role}',
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA public, billing TO {role}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public, billing TO {role}",
    )
    dsn = make_conninfo(fresh_db_any, user=role, password="Reader-pw-1")
    try:
        yield dsn
    finally:
        run(fresh_db_any, f"DROP OWNED BY {role}", f"DROP ROLE {role}")


def test_works_as_a_role_without_write_privileges(reader_role: str, fresh_db_any: str) -> None:
    as_reader = introspect(reader_role)
    as_owner = introspect(fresh_db_any)
    assert as_reader.catalog.objects == as_owner.catalog.objects
    assert as_reader.transaction.read_only
    assert as_reader.schema_versions == (115, 116, 117)


def test_unreadable_version_table_is_reported_not_fatal(
    reader_role: str, fresh_db_any: str
) -> None:
    run(fresh_db_any, "REVOKE SELECT ON public.schema_migrations FROM PUBLIC")
    role = conninfo_to_dict(reader_role)["user"]
    run(fresh_db_any, f"REVOKE SELECT ON public.schema_migrations FROM {role}")
    result = introspect(reader_role)
    assert result.version_table is VersionTable.UNREADABLE
    assert result.schema_versions == ()


def test_missing_version_table(fresh_db_any: str) -> None:
    run(fresh_db_any, "CREATE TABLE migrations (id text)", "INSERT INTO migrations VALUES ('7')")
    missing = introspect(fresh_db_any)
    assert missing.version_table is VersionTable.MISSING and not missing.version_table_found
    assert missing.schema_versions == ()
    no_column = introspect(fresh_db_any, version_table="migrations", version_column="version")
    assert no_column.version_table is VersionTable.MISSING
    text_column = introspect(fresh_db_any, version_table="migrations", version_column="id")
    assert text_column.schema_versions == (7,)
    skipped = introspect(fresh_db_any, version_table=None)
    assert skipped.version_table is VersionTable.NOT_ASKED


def test_both_connections_read_one_snapshot(
    fresh_db_any: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Changes committed after the first connection's snapshot and before the second
    connection opens are seen by neither: a new table and index (kinds read on the second
    connection) and a new column (read on the first)."""
    apply_sql_files(fresh_db_any, [EVERY_KIND])
    late = [
        "CREATE TABLE late_table (id int PRIMARY KEY)",
        "ALTER TABLE users ADD COLUMN late_column int",
        "CREATE INDEX late_idx ON orders (id)",
    ]
    opened: list[str] = []

    def join_after_a_change(
        dsn: str, timeouts: Timeouts, snapshot_id: str
    ) -> AbstractContextManager[Session]:
        run(fresh_db_any, *late)
        opened.append(snapshot_id)
        return joined(dsn, timeouts, snapshot_id)

    monkeypatch.setattr(reader, "joined", join_after_a_change)
    before = introspect(fresh_db_any).catalog
    monkeypatch.undo()
    after = introspect(fresh_db_any).catalog
    assert len(opened) == 1 and opened[0]
    changed = {
        Table(schema="public", name="late_table").ref,
        Column(schema="public", table="users", name="late_column").ref,
        Index(schema="public", table="orders", name="late_idx").ref,
    }
    assert changed <= set(after.objects)
    assert not changed & set(before.objects)
    assert set(after.objects) - set(before.objects) == changed | {
        Constraint(schema="public", table="late_table", name="late_table_pkey").ref,
        Column(schema="public", table="late_table", name="id").ref,
    }


def test_the_second_connection_has_the_same_settings(fresh_db_any: str) -> None:
    timeouts = Timeouts(statement_ms=4000, lock_ms=300)
    with snapshot(fresh_db_any, timeouts, export=True) as (first, info):
        assert first.snapshot_id
        with joined(fresh_db_any, timeouts, first.snapshot_id) as second:
            row = second.fetch(
                "SELECT current_setting('transaction_read_only') AS ro,"
                " current_setting('transaction_isolation') AS iso,"
                " current_setting('statement_timeout') AS st,"
                " current_setting('lock_timeout') AS lt,"
                " current_setting('search_path') AS path,"
                " current_setting('jit') AS jit,"
                " current_setting('max_parallel_workers_per_gather') AS workers,"
                " current_setting('application_name') AS app"
            )[0]
            assert dict(row) == {
                "ro": "on",
                "iso": "repeatable read",
                "st": info.statement_timeout,
                "lt": info.lock_timeout,
                "path": "pg_catalog, public",
                "jit": "off",
                "workers": "0",
                "app": "schemacheck",
            }
            assert (row["st"], row["lt"]) == ("4s", "300ms")
            with pytest.raises(DatabaseError, match="read-only transaction"):
                second.fetch("CREATE TABLE sneaky (id int)")


def test_the_snapshot_cannot_write_even_as_superuser(fresh_db_any: str) -> None:
    with snapshot(fresh_db_any, Timeouts(statement_ms=5000, lock_ms=500)) as (session, info):
        assert info.read_only and info.isolation == "repeatable read"
        assert info.statement_timeout == "5s" and info.lock_timeout == "500ms"
        with pytest.raises(DatabaseError, match="read-only transaction"):
            session.fetch("CREATE TABLE sneaky (id int)")
    with psycopg.connect(fresh_db_any) as conn:
        assert conn.execute("SELECT to_regclass('sneaky')").fetchone() == (None,)


def test_does_not_wait_behind_a_lock(fresh_db_any: str) -> None:
    """A migration holding ACCESS EXCLUSIVE locks mid-flight: the introspection either
    reads the committed catalog or gives up after lock_timeout; it never waits long."""
    apply_sql_files(fresh_db_any, [EVERY_KIND])
    with psycopg.connect(fresh_db_any) as blocker:
        blocker.execute("ALTER TABLE users ADD COLUMN pending int")
        blocker.execute("LOCK TABLE orders, billing.invoices IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        try:
            result = introspect(fresh_db_any, lock_timeout_ms=300)
        except DatabaseError as exc:
            assert "lock_timeout" in str(exc)
        else:
            pending = Column(schema="public", table="users", name="pending").ref
            assert pending not in result.catalog
        assert time.monotonic() - started < 10
        blocker.rollback()


# -- failures


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_unreachable_server_fails_fast_in_one_line() -> None:
    dsn = f"postgresql://auditor:Pa55-word@127.0.0.1:{_closed_port()}/prod"
    started = time.monotonic()
    with pytest.raises(DatabaseError) as info:
        introspect(dsn)
    assert time.monotonic() - started < 5
    message = str(info.value)
    assert message.startswith("cannot connect to auditor@127.0.0.1:")
    assert "/prod" in message and "Pa55-word" not in message and "\n" not in message
    assert info.value.exit_code == 3


def test_missing_database_and_unknown_role(pg_any: DatabaseServer) -> None:
    base = pg_any.dsn()
    no_db = make_conninfo(base, dbname="no_such_db", password="Hidden-pw-1")
    with pytest.raises(DatabaseError, match='database "no_such_db" does not exist') as info:
        introspect(no_db)
    assert "Hidden-pw-1" not in str(info.value) and "\n" not in str(info.value)
    no_role = make_conninfo(base, user="no_such_role", password="Hidden-pw-1")
    with pytest.raises(DatabaseError, match="no_such_role") as info:
        introspect(no_role)
    assert "Hidden-pw-1" not in str(info.value) and "\n" not in str(info.value)


def test_constants_print_the_same_whatever_the_server_time_zone(fresh_db: str) -> None:
    database = conninfo_to_dict(fresh_db)["dbname"]
    run(
        fresh_db,
        f"ALTER DATABASE \"{database}\" SET TimeZone = 'Asia/Kolkata'",
        f"ALTER DATABASE \"{database}\" SET DateStyle = 'SQL, DMY'",
        "CREATE TABLE stamped (at timestamptz DEFAULT '2020-01-01 00:00:00+00',"
        " d date DEFAULT '2020-01-31')",
    )
    catalog = introspect(fresh_db).catalog
    defaults = {c.name: c.default for c in catalog.of_kind(Kind.COLUMN) if isinstance(c, Column)}
    # as under TimeZone UTC and DateStyle ISO, not '2020-01-01 05:30:00+05:30' / '31/01/2020'
    assert "2020-01-01 00:00:00+00" in str(defaults["at"])
    assert "2020-01-31" in str(defaults["d"])
