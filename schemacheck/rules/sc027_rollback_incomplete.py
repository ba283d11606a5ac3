"""A rollback that does not undo everything its forward migration creates, a rollback with no
forward migration, or a migration with no rollback while other migrations have one.

The rollback of migration NNN is paired with it by version (`sql/rollbacks/NNN_*.rollback.sql`
or `NNN_*_down.sql`). Each table, index, function, trigger, type, sequence, view, policy,
column and constraint the migration creates must be dropped by the rollback, directly or with
its table (a dropped table takes its indexes, triggers, constraints, partitions and the
sequences it owns with it; a dropped view or materialized view its triggers and indexes). Otherwise
"up, down" does not give back the schema before the migration, and "up" again fails or
silently keeps stale objects. Extensions created `IF NOT EXISTS` are not required back (they
may have been there before). A row the migration inserts into the runner's bookkeeping table
(`schema_migrations`, `flyway_schema_history`, `alembic_version`) must be deleted too, or the
database still claims the migration is applied. The other way round, an index, column or schema
that existed before the migration and that it drops must be created again by the rollback
(CREATE INDEX, ADD COLUMN, CREATE SCHEMA of the same name), and a column whose type it changes
changed back (ALTER COLUMN ... TYPE).

A migration without a rollback is reported when other migrations of its project have one: the
project is the folder holding its `migrations` directory (or its own folder, without one), so
two projects linted together are judged each on its own. A migration without a version is asked
for its rollback only where rollbacks are paired by name (sqitch's `revert/x.sql` with
`deploy/x.sql`).

## Forward migration

```sql
CREATE TABLE IF NOT EXISTS oauth_connections (
    id uuid PRIMARY KEY,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION update_oauth_connections_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER trigger_oauth_connections_updated_at BEFORE UPDATE ON oauth_connections
    FOR EACH ROW EXECUTE FUNCTION update_oauth_connections_updated_at();
CREATE OR REPLACE FUNCTION count_old_oauth_tokens() RETURNS bigint
    LANGUAGE sql AS $$ SELECT count(*) FROM oauth_connections $$;
```

## Bad

```sql
-- 118_oauth_encrypted_tokens.sql creates oauth_connections, its trigger function and
-- count_old_oauth_tokens(); the rollback forgets the function
DROP TABLE IF EXISTS oauth_connections;
DROP FUNCTION IF EXISTS update_oauth_connections_updated_at();
```

## Good

```sql
DROP TABLE IF EXISTS oauth_connections;
DROP FUNCTION IF EXISTS count_old_oauth_tokens();
DROP FUNCTION IF EXISTS update_oauth_connections_updated_at();
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from schemacheck.ddl.parse import pair_rollbacks, project_folder
from schemacheck.ddl.statement import SqlFile, Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import (
    BOOKKEEPING_TABLES,
    Objects,
    index_key,
    made_by,
    objects_before,
    stored,
    stored_key,
    stored_pair,
)
from schemacheck.rules.context import Context, Hit, qualified, schema_of
from schemacheck.rules.registry import rule


@dataclass
class Undone:
    """What a rollback file drops (qualified names, as PostgreSQL keeps them: 63 bytes at
    most), cascades included."""

    tables: set[str] = field(default_factory=set)
    indexes: set[str] = field(default_factory=set)
    functions: set[str] = field(default_factory=set)
    cascaded_functions: set[str] = field(default_factory=set)
    recreated_functions: set[str] = field(default_factory=set)
    triggers: set[tuple[str, str]] = field(default_factory=set)
    types: set[str] = field(default_factory=set)
    sequences: set[str] = field(default_factory=set)
    views: set[str] = field(default_factory=set)
    schemas: set[str] = field(default_factory=set)
    extensions: set[str] = field(default_factory=set)
    policies: set[tuple[str, str]] = field(default_factory=set)
    columns: set[tuple[str, str]] = field(default_factory=set)
    constraints: set[tuple[str, str]] = field(default_factory=set)
    renames: set[tuple[str, str]] = field(default_factory=set)


def undone_by(rollback: SqlFile) -> Undone:
    u = Undone()
    for s in rollback.statements:
        f = s.facts
        names = [stored_key(qualified(n)) for n in f.names]
        if s.kind == "drop_table":
            u.tables.update(names)
        elif s.kind == "drop_index":
            u.indexes.update(stored_key(index_key(n)) for n in f.names)
        elif s.kind in ("drop_function", "drop_procedure", "drop_routine"):
            u.functions.update(names)
            if f.cascade:
                u.cascaded_functions.update(names)
        elif s.kind in ("create_function", "create_procedure") and f.name:
            u.recreated_functions.add(stored_key(qualified(f.name)))
        elif s.kind == "drop_trigger" and f.table is not None:
            t = stored_key(qualified(f.table))
            u.triggers.update((t, stored(n.name)) for n in f.names)
        elif s.kind in ("drop_type", "drop_domain"):
            u.types.update(names)
        elif s.kind == "drop_sequence":
            u.sequences.update(names)
        elif s.kind in ("drop_view", "drop_materialized_view"):
            u.views.update(names)
        elif s.kind == "drop_schema":
            u.schemas.update(stored(n.name) for n in f.names)
        elif s.kind == "drop_extension":
            u.extensions.update(stored(n.name) for n in f.names)
        elif s.kind == "drop_policy" and f.table is not None:
            t = stored_key(qualified(f.table))
            u.policies.update((t, stored(n.name)) for n in f.names)
        elif s.kind == "alter_table" and f.table is not None:
            t = stored_key(qualified(f.table))
            for a in f.actions:
                if a.action == "drop_column" and a.column_name:
                    u.columns.add((t, stored(a.column_name)))
                elif a.action == "drop_constraint" and a.constraint_name:
                    u.constraints.add((t, stored(a.constraint_name)))
                elif a.action == "rename_table" and a.new_name:
                    u.renames.add((t, stored_key(f"{schema_of(f.table)}.{a.new_name}")))
    return u


def _schema_of(key: str) -> str:
    return key.split(".", 1)[0]


def missing_undo(
    forward: SqlFile, made: Objects, rollback: SqlFile
) -> Iterator[tuple[str, Statement]]:
    """(`kind name`, creating statement) for each object `forward` made (`made`: its
    `created_objects`) that `rollback` leaves behind. Names are compared as PostgreSQL keeps
    them (63 bytes at most) and reported as the migration writes them."""
    u = undone_by(rollback)

    def gone(key: str) -> bool:
        return stored(_schema_of(key)) in u.schemas

    def table_gone(table: str) -> bool:
        return stored_key(table) in u.tables or gone(table) or _parent_gone(made, table, u.tables)

    def relation_gone(relation: str) -> bool:
        """A table or a (materialized) view: either takes its indexes and triggers along."""
        return table_gone(relation) or stored_key(relation) in u.views

    for t, s in made.tables.items():
        if not table_gone(t):
            yield f"table {t}", s
    for i, s in made.indexes.items():
        if (
            stored_key(i) not in u.indexes
            and not relation_gone(made.index_table.get(i, ""))
            and not gone(i)
        ):
            yield f"index {i}", s
    for fn, s in made.functions.items():
        key = stored_key(fn)
        if key not in u.functions and key not in u.recreated_functions and not gone(fn):
            yield f"function {fn}", s
    for (t, name), s in made.triggers.items():
        fn = stored_key(made.trigger_function.get((t, name), ""))
        if stored_pair((t, name)) in u.triggers or relation_gone(t) or fn in u.cascaded_functions:
            continue
        yield f"trigger {name} on {t}", s
    for kind, objs, undone in (
        ("type", made.types, u.types),
        ("sequence", made.sequences, u.sequences),
        ("view", made.views, u.views),
    ):
        for key, s in objs.items():
            if stored_key(key) not in undone and not gone(key):
                owner = made.sequence_owner.get(key) if kind == "sequence" else None
                if owner is not None and (table_gone(owner[0]) or stored_pair(owner) in u.columns):
                    continue  # an owned sequence goes with its column
                yield f"{kind} {key}", s
    for name, s in made.schemas.items():
        if stored(name) not in u.schemas:
            yield f"schema {name}", s
    for (t, name), s in made.policies.items():
        if stored_pair((t, name)) not in u.policies and not table_gone(t):
            yield f"policy {name} on {t}", s
    for (t, col), s in made.columns.items():
        if stored_pair((t, col)) not in u.columns and not table_gone(t):
            yield f"column {t}.{col}", s
    for (t, con), s in made.constraints.items():
        if stored_pair((t, con)) not in u.constraints and not table_gone(t):
            yield f"constraint {con} on {t}", s
    for old, new in made.renames:
        if (stored_key(new), stored_key(old)) not in u.renames:
            yield f"rename of table {old} to {new}", forward.statements[0]


def missing_restore(
    ctx: Context, forward: SqlFile, rollback: SqlFile
) -> Iterator[tuple[str, Statement, str]]:
    """(`kind name`, the forward statement, `restore` or `change back`) for each index, column
    or schema that existed before `forward` and that it drops, and each such column whose
    type it changes, that `rollback` does not create again (change back): a CREATE INDEX, an
    ADD COLUMN (or its table created again), an ALTER COLUMN TYPE, a CREATE SCHEMA of the
    same name."""
    if not any(_may_remove(s) for s in forward.statements):
        return
    made = made_by(ctx, forward)
    earlier = objects_before(ctx, forward)  # what existed before the migration ran
    back = made_by(ctx, rollback)
    back_indexes = {stored_key(i) for i in back.indexes}
    back_columns = {stored_pair(c) for c in back.columns}
    back_tables = {stored_key(t) for t in back.tables}
    back_schemas = {stored(n) for n in back.schemas}
    retyped = {
        (stored_key(qualified(s.facts.table)), stored(a.column_name))
        for s in rollback.statements
        if s.kind == "alter_table" and s.facts.table is not None
        for a in s.facts.actions
        if a.action == "alter_column_type" and a.column_name
    }
    dropped_tables = undone_by(forward).tables | undone_by(rollback).tables
    seen: set[str] = set()
    for s in forward.statements:
        f = s.facts
        found: list[tuple[str, str]] = []
        if s.kind == "drop_index":
            for n in f.names:
                key = index_key(n)
                table = earlier.index_table.get(key, "")
                if (
                    key in earlier.indexes
                    and key not in made.indexes
                    and stored_key(key) not in back_indexes
                    and stored_key(table) not in dropped_tables
                ):
                    found.append((f"index {key}", "restore"))
        elif s.kind == "drop_schema":
            for n in f.names:
                name = n.name
                if (
                    name in earlier.schemas
                    and name not in made.schemas
                    and stored(name) not in back_schemas
                ):
                    found.append((f"schema {name}", "restore"))
        elif s.kind == "alter_table" and f.table is not None:
            t = qualified(f.table)
            tk = stored_key(t)
            if t in made.tables or tk in back_tables or tk in dropped_tables:
                continue
            for a in f.actions:
                col = a.column_name
                if a.action not in ("drop_column", "alter_column_type") or not col:
                    continue
                if (t, col) not in earlier.typed_columns or (t, col) in made.columns:
                    continue
                pair = (tk, stored(col))
                if pair in back_columns:
                    continue
                if a.action == "drop_column":
                    found.append((f"column {t}.{col}", "restore"))
                elif pair not in retyped:
                    found.append((f"column {t}.{col} to its type before", "change back"))
        for what, undo in found:
            if what not in seen:
                seen.add(what)
                yield what, s, undo


def _may_remove(s: Statement) -> bool:
    """Drops an index or schema, or drops or retypes a column."""
    if s.kind in ("drop_index", "drop_schema"):
        return True
    return s.kind == "alter_table" and any(
        a.action in ("drop_column", "alter_column_type") for a in s.facts.actions
    )


def _parent_gone(made: Objects, table: str, dropped: set[str]) -> bool:
    """A partition the migration made goes with its partitioned table (or its parent's)."""
    seen: set[str] = set()
    while table in made.tables and table not in seen:
        seen.add(table)
        parent = made.tables[table].facts.partition_of
        if parent is None:
            return False
        table = qualified(parent)
        if stored_key(table) in dropped:
            return True
    return False


@rule(
    "SC027",
    "rollback-incomplete",
    Severity.ERROR,
    "Make the rollback drop (or restore) everything its migration creates.",
    scope="file",
    roles=("rollback", "migration"),
)
def check(ctx: Context) -> Iterator[Hit]:
    f = ctx.file
    if f.role == "migration":
        with_rollbacks, by_name = _projects_with_rollbacks(ctx)
        project = project_folder(f.path)
        # a migration without a version is paired by name (sqitch's revert/x.sql), when its
        # project pairs rollbacks so; otherwise it has no rollback to pair with
        asked = project in with_rollbacks and (f.version is not None or project in by_name)
        if ctx.rollback is None and asked:
            which = str(f.version) if f.version is not None else _file_name(f.path)
            yield Hit(
                f"migration {which} has no rollback file, while other migrations have one",
                object=f"migration {which}",
            )
        return
    if ctx.forward is None:
        which = f"version {f.version}" if f.version is not None else "a version in its name"
        yield Hit(
            f"rollback has no forward migration with {which}: it cannot be checked against "
            "what it should undo",
        )
        return
    for what, s in missing_undo(ctx.forward, made_by(ctx, ctx.forward), f):
        yield Hit(
            f"rollback does not undo {what}, created by {ctx.forward.path}:{s.line}: after "
            "'down' the schema still holds it, and 'up' again fails or keeps a stale one",
            object=what.split(" on ")[0],
        )
    for what, s, undo in missing_restore(ctx, ctx.forward, f):
        yield Hit(
            f"rollback does not {undo} {what}, which {ctx.forward.path}:{s.line} "
            f"{'drops' if undo == 'restore' else 'changes'}: after 'down' the schema differs "
            "from the one before the migration",
            object=what.split(" to ")[0],
        )
    for table, s in _bookkeeping_inserts(ctx.forward):
        if not any(
            r.kind in ("delete", "update", "truncate")
            and any(qualified(n) == table for n in (r.facts.table, *r.facts.names) if n)
            for r in f.statements
        ):
            yield Hit(
                f"rollback does not remove the {table} row that {ctx.forward.path}:{s.line} "
                "inserts: after the rollback the database still claims the migration is "
                "applied, so the runner will not apply it again",
                object=f"table {table}",
                help="Delete the migration's version row in the rollback "
                "(DELETE FROM schema_migrations WHERE version = ...).",
            )


def _projects_with_rollbacks(ctx: Context) -> tuple[set[str], set[str]]:
    """The projects with a rollback paired to a migration, and those among them pairing a
    rollback without a version with the migration of its name; once per run, not once per
    migration (1,000s of files)."""
    memo = ctx.history.memo
    found = memo.get("projects with rollbacks")
    if not isinstance(found, tuple):
        with_rollbacks: set[str] = set()
        by_name: set[str] = set()
        for rollback_path, m in pair_rollbacks(ctx.files).items():
            project = project_folder(m.path)
            with_rollbacks.add(project)
            if m.version is None and project_folder(rollback_path) == project:
                by_name.add(project)
        found = memo["projects with rollbacks"] = (with_rollbacks, by_name)
    return found


def _file_name(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[-1]


def _bookkeeping_inserts(forward: SqlFile) -> Iterator[tuple[str, Statement]]:
    seen: set[str] = set()
    for s in forward.statements:
        t = s.facts.table
        if s.kind == "insert" and t is not None and t.name in BOOKKEEPING_TABLES:
            key = qualified(t)
            if key not in seen:
                seen.add(key)
                yield key, s
