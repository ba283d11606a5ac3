"""A rollback that drops objects in an order PostgreSQL refuses.

Without CASCADE, PostgreSQL will not drop an object something else still depends on:

- a trigger function while a trigger still uses it ("cannot drop function ... because other
  objects depend on it") — drop the table (or the trigger) first;
- a table another table still references with a foreign key — drop the referencing table (or
  its foreign key) first;
- a type still used by a column of a table that is dropped later.

The rollback then stops half-way. Dependencies are taken from the forward migration and every
file before it.

## Forward migration

```sql
CREATE TABLE IF NOT EXISTS device_keys (
    id uuid PRIMARY KEY,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION update_device_keys_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER trigger_device_keys_updated_at BEFORE UPDATE ON device_keys
    FOR EACH ROW EXECUTE FUNCTION update_device_keys_updated_at();
CREATE TABLE IF NOT EXISTS key_exchanges (
    id uuid PRIMARY KEY,
    device_key_id uuid NOT NULL REFERENCES device_keys (id)
);
```

## Bad

```sql
DROP FUNCTION IF EXISTS update_device_keys_updated_at();  -- trigger on device_keys uses it
DROP TABLE IF EXISTS key_exchanges;
DROP TABLE IF EXISTS device_keys;
```

## Good

```sql
DROP TABLE IF EXISTS key_exchanges;
DROP TABLE IF EXISTS device_keys;
DROP FUNCTION IF EXISTS update_device_keys_updated_at();
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import SqlFile, Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import created_objects, label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


def _base_files(ctx: Context) -> list[SqlFile]:
    """The prerequisites and the migrations up to the forward migration's version (later
    migrations are rolled back before this one)."""
    fwd = ctx.forward
    if fwd is None:
        return []
    limit = fwd.version if fwd.version is not None else -1
    return [
        f
        for f in ctx.files
        if f.role == "prerequisite"
        or f.path == fwd.path
        or (f.role == "migration" and f.version is not None and f.version < limit)
    ]


def _later_line(stmts: tuple[Statement, ...], after: int, kind: str, key: str) -> int | None:
    for s in stmts[after + 1 :]:
        if s.kind == kind and any(qualified(n) == key for n in s.facts.names):
            return s.line
    return None


@rule(
    "SC029",
    "rollback-wrong-drop-order",
    Severity.ERROR,
    "Drop dependents first: tables before their trigger functions, referencing tables first.",
    scope="file",
    roles=("rollback",),
)
def check(ctx: Context) -> Iterator[Hit]:
    if ctx.forward is None:
        return
    known = created_objects(_base_files(ctx))
    stmts = ctx.file.statements
    dropped_tables: set[str] = set()
    dropped_triggers: set[tuple[str, str]] = set()
    for i, s in enumerate(stmts):
        f = s.facts
        if s.kind == "drop_trigger" and f.table is not None:
            dropped_triggers.update((qualified(f.table), n.name) for n in f.names)
        elif s.kind == "drop_table":
            names = {qualified(n) for n in f.names}
            if not f.cascade:
                for t in sorted(names):
                    for ref_by, targets in sorted(known.foreign_keys.items()):
                        if t in targets and ref_by not in names and ref_by not in dropped_tables:
                            later = _later_line(stmts, i, "drop_table", ref_by)
                            when = f"dropped later, line {later}" if later else "never dropped"
                            yield Hit(
                                f"DROP TABLE {t} fails: {ref_by} ({when}) still references it "
                                "with a foreign key",
                                object=f"table {t}",
                                statement=s,
                            )
            dropped_tables |= names
        elif s.kind in ("drop_function", "drop_procedure") and not f.cascade:
            for n in f.names:
                fn = qualified(n)
                for (table, trigger), used in sorted(known.trigger_function.items()):
                    if (
                        used != fn
                        or table in dropped_tables
                        or (table, trigger) in (dropped_triggers)
                    ):
                        continue
                    later = _later_line(stmts, i, "drop_table", table)
                    when = f"dropped later, line {later}" if later else "not dropped"
                    yield Hit(
                        f"DROP FUNCTION {fn} fails: trigger {trigger} on {table} ({when}) still "
                        "uses it",
                        object=label("function", n),
                        statement=s,
                    )
        elif s.kind in ("drop_type", "drop_domain") and not f.cascade:
            for n in f.names:
                type_name = n.name.lower()
                for table, types in sorted(known.column_types.items()):
                    if table in dropped_tables:
                        continue
                    if any(t.split("(")[0].strip().split(".")[-1] == type_name for t in types):
                        yield Hit(
                            f"DROP TYPE {qualified(n)} fails: a column of {table} still uses it",
                            object=label("type", n),
                            statement=s,
                        )
