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

from collections.abc import Iterable, Iterator

from schemacheck.ddl.statement import SqlFile, Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import Objects, created_objects, label, made_by
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


def _type_key(type_name: str) -> str:
    """`public.mood(1)` -> `mood`: a column type as a DROP TYPE name is compared with it."""
    return type_name.split("(")[0].strip().split(".")[-1]


class _Dependents:
    """Who depends on what in the files added so far: the tables whose foreign keys reference
    each table, the triggers (table, name) that were ever made to use each function (with the
    function each trigger uses now: a later CREATE TRIGGER of the same name replaces it), and
    the tables with a column of each type."""

    def __init__(self, files: Iterable[SqlFile] = ()) -> None:
        self.referenced_by: dict[str, set[str]] = {}
        self.trigger_users: dict[str, set[tuple[str, str]]] = {}
        self.trigger_function: dict[tuple[str, str], str] = {}
        self.type_users: dict[str, set[str]] = {}
        for f in files:
            self.add(created_objects([f]))

    def add(self, made: Objects) -> None:
        """What one file made (`created_objects`), after the files added before it."""
        for table, targets in made.foreign_keys.items():
            for target in targets:
                self.referenced_by.setdefault(target, set()).add(table)
        for key, function in made.trigger_function.items():
            self.trigger_users.setdefault(function, set()).add(key)
            self.trigger_function[key] = function
        for table, types in made.column_types.items():
            for type_name in types:
                self.type_users.setdefault(_type_key(type_name), set()).add(table)


class _Base:
    """The dependents of the prerequisites and of the migrations before a version, built up
    once per run as the rollbacks come in version order (rebuilt only if a lower version
    follows a higher one): each rollback used to collect every earlier file again, which on a
    project with a rollback per migration is quadratic."""

    def __init__(self, files: tuple[SqlFile, ...]) -> None:
        self.files = files
        self._reset()

    def _reset(self) -> None:
        self.deps = _Dependents(f for f in self.files if f.role == "prerequisite")
        self.upto: int | None = None  # migrations with a version below this are added

    def before(self, version: int) -> _Dependents:
        if self.upto is not None and version < self.upto:
            self._reset()
        low = self.upto
        for f in self.files:
            if (
                f.role == "migration"
                and f.version is not None
                and f.version < version
                and (low is None or f.version >= low)
            ):
                self.deps.add(created_objects([f]))
        self.upto = version
        return self.deps


def _dependents(ctx: Context) -> tuple[_Dependents, _Dependents]:
    """The dependents in the files before the forward migration, and in the forward itself
    (which comes after them: its triggers replace theirs)."""
    fwd = ctx.forward
    assert fwd is not None
    memo = ctx.history.memo
    base = memo.get("sc029 base")
    if not isinstance(base, _Base) or base.files is not ctx.files:
        base = memo["sc029 base"] = _Base(ctx.files)
    limit = fwd.version if fwd.version is not None else -1
    forward = _Dependents()
    forward.add(made_by(ctx, fwd))  # collected once per run, shared with SC028 and SC030
    return base.before(limit), forward


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
    base, fwd = _dependents(ctx)
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
                    referencing = base.referenced_by.get(t, set()) | fwd.referenced_by.get(t, set())
                    for ref_by in sorted(referencing):
                        if ref_by not in names and ref_by not in dropped_tables:
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
                users = base.trigger_users.get(fn, set()) | fwd.trigger_users.get(fn, set())
                for table, trigger in sorted(users):
                    used = fwd.trigger_function.get((table, trigger))
                    if used is None:
                        used = base.trigger_function.get((table, trigger))
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
                with_type = base.type_users.get(type_name, set()) | fwd.type_users.get(
                    type_name, set()
                )
                for table in sorted(with_type):
                    if table in dropped_tables:
                        continue
                    yield Hit(
                        f"DROP TYPE {qualified(n)} fails: a column of {table} still uses it",
                        object=label("type", n),
                        statement=s,
                    )
