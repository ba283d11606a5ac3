"""A check that compares `updated_at` with `created_at` when nothing in the file has updated
the table: `SELECT updated_at > created_at AS trigger_works FROM device_keys` right after an
INSERT.

An `updated_at` trigger fires on UPDATE only. Right after an INSERT both columns hold their
defaults: the same `now()` inside one transaction (`now()` does not move until COMMIT), or
nearly the same instant outside one. So `updated_at > created_at` is false whether the trigger
works or not, `updated_at = created_at` is true either way, and a missing or broken trigger
passes the check: in production rows then keep a stale `updated_at`, and everything that
syncs or expires by it misses real changes.

Test the trigger with an UPDATE: set `updated_at` to an old value while changing the row, then
check that the trigger overwrote it. Reported for `>`, `>=`, `<`, `<=`, `=`, `<>`/`!=` and
`IS [NOT] DISTINCT FROM` between `updated_at`/`modified_at` and `created_at`/`inserted_at`
(also `_on`), in a SELECT with no UPDATE of the same table (directly or in a `DO` block)
earlier in the file.

## Bad

```sql
INSERT INTO device_keys (user_id, device_id, public_key, private_key_encrypted)
SELECT id, 'test-device-001', 'cHVibGlj', 'cHJpdmF0ZQ==' FROM users LIMIT 1;

SELECT device_id, updated_at > created_at AS trigger_works
FROM device_keys
WHERE device_id = 'test-device-001';
```

## Good

```sql
INSERT INTO device_keys (user_id, device_id, public_key, private_key_encrypted)
SELECT id, 'test-device-001', 'cHVibGlj', 'cHJpdmF0ZQ==' FROM users LIMIT 1;

-- an old updated_at, and a real change: the trigger must overwrite it
UPDATE device_keys
SET updated_at = '2000-01-01', public_key = 'cm90YXRlZA=='
WHERE device_id = 'test-device-001';

SELECT device_id, updated_at > '2000-01-01' AND updated_at >= created_at AS trigger_works
FROM device_keys
WHERE device_id = 'test-device-001';
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlglot import exp

from schemacheck.ddl.statement import ObjectName, Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import label
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule

_UPDATED = re.compile(r"^(updated|modified)_(at|on)$")
_CREATED = re.compile(r"^(created|inserted)_(at|on)$")
_COMPARISONS: tuple[type[exp.Expr], ...] = (
    exp.GT,
    exp.GTE,
    exp.LT,
    exp.LTE,
    exp.EQ,
    exp.NEQ,
    exp.NullSafeEQ,
    exp.NullSafeNEQ,
)
_OPERATOR = r"(?:>=|<=|<>|!=|=|>|<|\bIS\s+(?:NOT\s+)?DISTINCT\s+FROM\b)"
_TEXT_COMPARISON = re.compile(
    rf"(?:\b\w+\.)?\b(?P<a>\w+)\s*{_OPERATOR}\s*(?:\w+\.)?(?P<b>\w+)\b", re.I
)
_TEXT_FROM = re.compile(r"\bFROM\s+(?:ONLY\s+)?(?P<name>(?:\w+\.)?\w+)", re.I)


def _pair(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return bool(
        (_UPDATED.match(a) and _CREATED.match(b)) or (_CREATED.match(a) and _UPDATED.match(b))
    )


def _name(table: exp.Table) -> ObjectName:
    schema = table.args.get("db")
    return ObjectName(table.name, schema.name if isinstance(schema, exp.Identifier) else None)


def _tables_of(select: exp.Expr) -> dict[str, ObjectName]:
    """alias or name -> table, for the tables the SELECT reads (CTE names excluded)."""
    ctes = {c.alias_or_name for c in select.find_all(exp.CTE)}
    out: dict[str, ObjectName] = {}
    for t in select.find_all(exp.Table):
        if not t.name or t.name in ctes:
            continue
        name = _name(t)
        out[t.alias_or_name] = name
        out.setdefault(t.name, name)
    return out


def _compared(s: Statement) -> Iterator[tuple[str, list[ObjectName]]]:
    """(the comparison as written, the tables it may be about) for each updated/created
    comparison of a SELECT."""
    tree = s.tree
    if isinstance(tree, exp.Expr) and not s.is_command_fallback:
        tables = _tables_of(tree)
        for node in tree.walk():
            if not isinstance(node, _COMPARISONS):
                continue
            left, right = node.this, node.expression
            if not (isinstance(left, exp.Column) and isinstance(right, exp.Column)):
                continue
            if not _pair(left.name, right.name):
                continue
            qualifier = left.table or right.table
            if qualifier and qualifier in tables:
                about = [tables[qualifier]]
            else:
                about = sorted(set(tables.values()))
            yield node.sql(dialect="postgres"), about
        return
    for m in _TEXT_COMPARISON.finditer(s.text):
        if _pair(m.group("a"), m.group("b")):
            found = _TEXT_FROM.search(s.text, m.end())
            about = []
            if found:
                schema, _, name = found.group("name").lower().rpartition(".")
                about = [ObjectName(name, schema or None)]
            yield " ".join(m.group(0).split()), about


def _updated_before(ctx: Context, table: ObjectName) -> bool:
    key = qualified(table)
    body_update = re.compile(
        rf"\bUPDATE\s+(?:ONLY\s+)?(?:(?:public|{re.escape(table.schema or 'public')})\.)?"
        rf"{re.escape(table.name)}\b",
        re.I,
    )
    for prev in ctx.earlier_statements:
        if prev.kind == "update" and qualified(prev.facts.table) == key:
            return True
        if prev.kind in ("do", "call", "select") and body_update.search(prev.facts.body or ""):
            return True
    return False


@rule(
    "SC038",
    "trigger-test-without-update",
    Severity.WARNING,
    "UPDATE the row first (set updated_at to an old value), then check the trigger moved it.",
    roles=("check", "other"),
    kinds=("select",),
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind != "select":
        return
    for text, tables in _compared(s):
        if not tables:
            continue
        stale = [t for t in tables if not _updated_before(ctx, t)]
        if len(stale) < len(tables) or not stale:
            continue
        table = stale[0]
        yield Hit(
            f"`{text}` checks the updated_at trigger of {qualified(table)} but nothing in "
            f"this file updates {qualified(table)} before it: right after an INSERT the "
            "comparison comes out the same whether the trigger works or not, so a broken "
            "trigger passes and rows keep a stale updated_at in production",
            object=label("table", table),
        )
