"""An enum value used in the transaction that adds it.

Since PostgreSQL 12, `ALTER TYPE ... ADD VALUE` may run inside a transaction block, but the new
value cannot be used until that transaction commits: an `UPDATE`, `INSERT`, `WHERE`, cast,
column default, CHECK or index predicate naming it fails with "unsafe use of new value"
(SQLSTATE 55P04), and the migration with it. The transaction may be the file's own
(`BEGIN` ... `COMMIT`) or the one its migration tool runs it in (goose without `-- +goose NO
TRANSACTION`, dbmate without `transaction:false`, Flyway).

Not reported: a value added to an enum type created in the same transaction, unless the
target version (`target-version`) is before PostgreSQL 17, which takes those values; and `ADD
VALUE IF NOT EXISTS` of a value the files gave the type before (nothing is added). Reported: a
later statement of the same transaction holding the new value as a string literal, when it
names the enum type, or assigns or compares the value to a column the files gave that type
(`status = 'x'`, `status IN ('x')`, an INSERT's column, `ALTER COLUMN status SET DEFAULT
'x'`). A value for a text column, or in a PL/pgSQL body (not run until called), is not a use.

## Bad

```sql
BEGIN;
ALTER TYPE order_status ADD VALUE 'archived';
UPDATE orders SET status = 'archived'::order_status WHERE closed_at < now() - interval '1 year';
COMMIT;
```

## Good

```sql
-- one migration adds the value and commits
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'archived';
-- the next one uses it:
-- UPDATE orders SET status = 'archived' WHERE closed_at < now() - interval '1 year';
```
"""

from __future__ import annotations

from collections.abc import Iterator

from schemacheck.ddl.statement import Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import earlier_objects, objects_before
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule


@rule(
    "SC043",
    "enum-value-used-in-its-transaction",
    Severity.ERROR,
    "Commit the transaction that adds an enum value before using the value (use it in a "
    "migration of its own).",
    scope="file",
)
def check(ctx: Context) -> Iterator[Hit]:
    # transaction -> new value -> (its type's name, the ALTER TYPE that added it)
    added: dict[int, dict[str, tuple[str, Statement]]] = {}
    made: dict[int, set[str]] = {}  # transaction -> the enum types it creates
    for s in ctx.file.statements:
        tx = s.transaction
        if not s.in_transaction or tx is None:
            continue
        if s.kind == "create_type" and s.facts.name is not None:
            made.setdefault(tx, set()).add(s.facts.name.name.lower())
            continue
        if s.kind == "alter_type" and s.facts.name is not None:
            type_name = s.facts.name.name.lower()
            if type_name in made.get(tx, ()) and ctx.pg_at_least(17):
                continue  # a type created in this transaction: PostgreSQL 17 takes its values
            for a in s.facts.actions:
                if a.action != "add_value" or a.label is None:
                    continue
                if "IF NOT EXISTS" in a.text.upper() and _had_value(ctx, s, type_name, a.label):
                    continue  # it was there: nothing is added
                added.setdefault(tx, {})[a.label] = (type_name, s)
            continue
        values = added.get(tx)
        if not values:
            continue
        for at, w in enumerate(s.words):
            if w.kind != "string" or w.value not in values:
                continue
            type_name, adding = values[w.value]
            if _uses_type(ctx, s, at, type_name):
                yield Hit(
                    f"uses enum value '{w.value}', which line {adding.line} adds to type "
                    f"{type_name} in the same transaction: PostgreSQL refuses it until that "
                    "transaction commits (unsafe use of new value, 55P04)",
                    statement=s,
                )
                break


def _had_value(ctx: Context, at: Statement, type_name: str, label: str) -> bool:
    """The files before statement `at` gave enum `type_name` the value `label` (created with
    it, or added it), as far as they tell."""
    here = ctx.file.ident
    for f in ctx.history.files:
        if f.ident == here:
            statements = [s for s in f.statements if s.index < at.index]
        elif ctx.history.position(f) < ctx.history.position(ctx.file):
            statements = list(f.statements)
        else:
            continue
        for s in statements:
            n = s.facts.name
            if n is None or n.name.lower() != type_name:
                continue
            if s.kind == "create_type" and label in s.facts.labels:
                return True
            if s.kind == "alter_type" and any(a.label == label for a in s.facts.actions):
                return True
    return False


def _uses_type(ctx: Context, s: Statement, at: int, type_name: str) -> bool:
    """The string at word `at` of `s` is read as a value of the enum: the statement names the
    type, or the column the value goes to or is compared with has that type in the files."""
    words = s.words
    if any(w.kind in ("word", "ident") and w.value.lower() == type_name for w in words):
        return True
    table = s.facts.table
    column = _column_of(s, at)
    if table is None or column is None:
        return False
    key = (qualified(table), column)
    for objects in (earlier_objects(ctx), objects_before(ctx)):
        found = objects.typed_columns.get(key)
        if found is not None:
            return found.rpartition(".")[2].strip('"').lower() == type_name
    return False


_COMPARE = frozenset({"=", "<>", "!="})


def _column_of(s: Statement, at: int) -> str | None:
    """The column the string at word `at` is assigned or compared to (`status = 'x'`, `SET
    DEFAULT 'x'` of `ALTER COLUMN status`, `status IN ('x')`), or given for in an INSERT's
    column list; None when the words do not tell."""
    words = s.words
    prev = words[at - 1] if at >= 1 else None
    if prev is None:
        return None
    if prev.value in _COMPARE and at >= 2 and words[at - 2].is_name:
        return words[at - 2].folded
    if prev.upper == "DEFAULT":  # ALTER COLUMN status SET DEFAULT 'x'
        before = [w for w in words[:at] if w.is_name]
        alter = [i for i, w in enumerate(before) if w.upper == "COLUMN"]
        return before[alter[-1] + 1].folded if alter and alter[-1] + 1 < len(before) else None
    if prev.value in ("(", ","):
        return _listed_column(s, at)
    return None


def _listed_column(s: Statement, at: int) -> str | None:
    """The column of a string in a list: `status IN ('x', ...)`, or an INSERT's `VALUES (...)`
    by its place in the column list."""
    words = s.words
    depth, i, place = 0, at - 1, 0
    while i >= 0:  # back to the list's opening parenthesis, counting the commas before it
        v = words[i].value
        if v == ")":
            depth += 1
        elif v == "(":
            if depth == 0:
                break
            depth -= 1
        elif v == "," and depth == 0:
            place += 1
        i -= 1
    if i < 1:
        return None
    before = words[i - 1]
    if before.upper == "IN" and i >= 2 and words[i - 2].is_name:
        return words[i - 2].folded
    if before.upper != "VALUES" or s.kind != "insert":
        return None
    opened = next((j for j, w in enumerate(words) if w.value == "("), None)
    if opened is None or opened >= i:
        return None
    columns = [w.folded for w in words[opened + 1 : i] if w.is_name and w.upper != "VALUES"]
    return columns[place] if place < len(columns) else None
