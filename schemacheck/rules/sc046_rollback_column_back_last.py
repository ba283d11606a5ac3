"""A rollback that gives a table back its columns in another order.

PostgreSQL adds every new column at the end of its table and has no way to move one. A
migration that drops a column, and a rollback that adds it back, leave the table with the
same columns in another order: `(id, b, a)` where it was `(id, a, b)`. The schema then
differs from the one before the migration, and whatever reads columns by position (`SELECT
*`, `INSERT` or `COPY` without a column list, a dump restored into the old layout) sees them
in the new order. `schemacheck check` reports the same from the catalog (SC928); this rule
tells it without a database, from the tables' columns as the files before the migration
leave them.

The order is followed through CREATE TABLE, ADD COLUMN (`IF NOT EXISTS` of a column there
does nothing), DROP COLUMN, RENAME COLUMN, table renames, DROP TABLE and DROP SCHEMA; a table
made with `AS`, `LIKE`, `INHERITS` or `PARTITION OF` has an order not followed.

## Other migration

```sql
CREATE TABLE users (id bigint PRIMARY KEY, legacy_id bigint, email text);
```

## Forward migration

```sql
ALTER TABLE users DROP COLUMN legacy_id;
```

## Bad

```sql
ALTER TABLE users ADD COLUMN legacy_id bigint;  -- now the last column
```

## Good

```sql
-- every reader names its columns: the new order is accepted, and said so
-- schemacheck: ignore SC046 no code reads users by column position
ALTER TABLE users ADD COLUMN legacy_id bigint;
```
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from schemacheck.ddl.statement import SqlFile, Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import drop_tables, stored, stored_key
from schemacheck.rules.context import Context, Hit, qualified, schema_of
from schemacheck.rules.registry import rule

# table (as PostgreSQL keeps its name) -> its columns in order; None: an order not followed
Layout = dict[str, tuple[str, ...] | None]
_NOT_FOLLOWED = re.compile(r"\b(?:LIKE|INHERITS)\b", re.I)
_KINDS = frozenset({"create_table", "create_table_as", "create_foreign_table", "drop_table"})
_KINDS |= {"alter_table", "drop_schema"}
_MEMO = "rollback column order: layout before"


@rule(
    "SC046",
    "rollback-column-back-last",
    Severity.WARNING,
    "Code reading columns by position (SELECT *, INSERT or COPY without a column list) sees "
    "another order after the rollback: accept it, or do not drop the column in the migration.",
    scope="file",
    roles=("rollback",),
)
def check(ctx: Context) -> Iterator[Hit]:
    forward = ctx.forward
    if forward is None or not any(_reorders(s) for s in forward.statements):
        return
    tables = _tables_named((*forward.statements, *ctx.file.statements))
    before = _layout_before(ctx, forward)
    if "*" in tables:
        layout: Layout = dict(before)
    else:
        layout = {t: before[t] for t in tables if t in before}
    start = dict(layout)
    for s in (*forward.statements, *ctx.file.statements):
        apply(layout, s)
    for t, was in start.items():
        now = layout.get(t)
        if was is None or now is None or now == was or set(now) != set(was):
            continue  # unknown, the same, or other columns (SC027 tells those)
        moved = {c for i, c in enumerate(now) if was.index(c) != i}
        added_at, added = _added_back(ctx.file.statements, t, moved)
        how = (
            f"the rollback adds {'column' if len(added) == 1 else 'columns'} {', '.join(added)} "
            "back at the end of the table, where "
            "PostgreSQL puts every new column"
            if added
            else "PostgreSQL cannot move a column back into its place"
        )
        yield Hit(
            f"after 'down', table {t} has its columns in another order: ({', '.join(now)}), "
            f"was ({', '.join(was)}) before {forward.path}: {how}",
            object=f"table {t}",
            statement=added_at,
        )


def _reorders(s: Statement) -> bool:
    """A statement of the migration that may change a table's column order."""
    return s.kind == "drop_table" or (
        s.kind == "alter_table" and any(a.action == "drop_column" for a in s.facts.actions)
    )


def _tables_named(statements: Iterable[Statement]) -> set[str]:
    out: set[str] = set()
    for s in statements:
        if s.kind not in _KINDS:
            continue
        f = s.facts
        out.update(stored_key(qualified(n)) for n in (f.name, f.table, *f.names) if n)
        if s.kind == "alter_table" and f.table is not None:
            out.update(
                stored_key(f"{schema_of(f.table)}.{a.new_name}")
                for a in f.actions
                if a.action == "rename_table" and a.new_name
            )
        if s.kind == "drop_schema":
            out.add("*")  # every table of the schema may go
    return out


def _layout_before(ctx: Context, forward: SqlFile) -> Layout:
    """The column order of every table after the files before `forward` (their rollbacks
    and checks aside), built up once per run as the rollbacks come (shared: read it only)."""
    history = ctx.history
    at = history.position(forward)
    state = history.memo.get(_MEMO)
    if not isinstance(state, list) or state[0] > at:
        state = [0, {}]
        history.memo[_MEMO] = state
    while state[0] < at:
        f = history.files[state[0]]
        if f.role not in ("rollback", "check"):
            for s in f.statements:
                apply(state[1], s)
        state[0] += 1
    layout: Layout = state[1]
    return layout


def apply(layout: Layout, s: Statement) -> None:
    """Follow `s` in `layout` (its values are replaced, never changed in place)."""
    if s.kind not in _KINDS:
        return
    f = s.facts
    if s.kind in ("create_table", "create_foreign_table") and f.name is not None:
        t = stored_key(qualified(f.name))
        if f.if_not_exists and t in layout:
            return
        followed = f.partition_of is None and not _NOT_FOLLOWED.search(s.text)
        layout[t] = tuple(stored(c.name) for c in f.columns) if followed else None
    elif s.kind == "create_table_as" and f.name is not None:
        layout[stored_key(qualified(f.name))] = None
    elif drop_tables(layout, s):
        return
    elif s.kind == "alter_table" and f.table is not None:
        t = stored_key(qualified(f.table))
        for a in f.actions:
            if a.action == "rename_table" and a.new_name:
                new = stored_key(f"{schema_of(f.table)}.{a.new_name}")
                if t in layout:
                    layout[new] = layout.pop(t)
                t = new
                continue
            cols = layout.get(t)
            if cols is None:
                continue
            name = stored(a.column.name) if a.column is not None else stored(a.column_name or "")
            if a.action == "add_column" and a.column is not None and name not in cols:
                layout[t] = (*cols, name)
            elif a.action == "drop_column" and name in cols:
                layout[t] = tuple(c for c in cols if c != name)
            elif a.action == "rename_column" and name in cols and a.new_name:
                new_name = stored(a.new_name)
                layout[t] = tuple(new_name if c == name else c for c in cols)


def _added_back(
    statements: Iterable[Statement], table: str, columns: set[str]
) -> tuple[Statement | None, list[str]]:
    """The rollback's first ADD COLUMN of some of `columns` to `table`, and every one of
    `columns` it adds, in order."""
    first: Statement | None = None
    added: list[str] = []
    for s in statements:
        f = s.facts
        if s.kind != "alter_table" or f.table is None:
            continue
        if stored_key(qualified(f.table)) != table:
            continue
        for a in f.actions:
            if a.action == "add_column" and a.column is not None:
                name = stored(a.column.name)
                if name in columns and name not in added:
                    first = first or s
                    added.append(name)
    return first, added
