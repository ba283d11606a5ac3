"""`DELETE` or `UPDATE` that picks rows by a time window ending now:
`WHERE created_at > NOW() - INTERVAL '1 minute'` (also `>=`, `BETWEEN now() - ... AND now()`,
`now() - created_at < ...`, `age(created_at) < ...`, with `current_timestamp`,
`clock_timestamp()`, `statement_timestamp()`, `transaction_timestamp()`, `localtimestamp`,
`current_date`).

Meant as "clean up the test row I just inserted", it also deletes or changes every row real
users wrote in that window. Select the rows by something only your test data has (a known id,
a marker value), or run the test in a transaction and roll it back.

## Bad

```sql
DELETE FROM key_exchanges WHERE created_at > NOW() - INTERVAL '1 minute';
```

## Good

```sql
DELETE FROM key_exchanges WHERE id = '7d0c6f3e-0000-4000-8000-000000000001';
-- or
BEGIN;
INSERT INTO key_exchanges ...;
SELECT ...;
ROLLBACK;
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sqlglot import exp

from schemacheck.ddl.parse import statement_mentions_dml
from schemacheck.ddl.statement import ObjectName, Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import label, recent_window, where_expression
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule

_NOW_TEXT = re.compile(
    r"\b(now\s*\(|current_timestamp|current_date|localtimestamp|clock_timestamp\s*\(|"
    r"statement_timestamp\s*\(|transaction_timestamp\s*\()",
    re.I,
)
_RECENT_TEXT = re.compile(r">=?|\bbetween\b", re.I)


def _short(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 3] + "..."


def _nested_dml(s: Statement) -> Iterator[tuple[str, ObjectName | None, exp.Expr]]:
    """(verb, table, WHERE condition) of the DELETEs and UPDATEs inside a statement's tree
    (`WITH gone AS (DELETE ... RETURNING ...) SELECT ...`). A statement whose words never say
    DELETE or UPDATE (but as an event or a foreign key action) has none, and its tree is not
    asked for."""
    if not statement_mentions_dml(s):
        return
    if not isinstance(s.tree, exp.Expr) or s.is_command_fallback:
        return
    for node in s.tree.find_all(exp.Delete, exp.Update):
        where = node.args.get("where")
        if not isinstance(where, exp.Where) or not isinstance(where.this, exp.Expr):
            continue
        target = node.this
        table = None
        if isinstance(target, exp.Table) and target.name:
            db = target.args.get("db")
            table = ObjectName(target.name, db.name if isinstance(db, exp.Identifier) else None)
        verb = "delete" if isinstance(node, exp.Delete) else "update"
        yield verb, table, where.this


def _hit(verb: str, table: ObjectName | None, window: str) -> Hit:
    does = "deletes" if verb == "delete" else "changes"
    where = f" to {qualified(table)}" if table is not None else ""
    return Hit(
        f"{verb.upper()} picks rows by a time window ({window}): in production it also {does} "
        f"every row real users wrote{where} in that window",
        object=label("table", table),
    )


@rule(
    "SC004",
    "ban-time-window-delete",
    Severity.ERROR,
    "Select test rows by an identifying value, or roll the test back; never by a time window.",
)
def check(ctx: Context) -> Iterator[Hit]:
    s = ctx.stmt
    if s.kind not in ("delete", "update"):
        for verb, table, inner in _nested_dml(s):
            found = recent_window(inner)
            if found is not None:
                yield _hit(verb, table, _short(found.sql(dialect="postgres")))
        return
    if not s.facts.where:
        return
    text = s.facts.where
    cond = where_expression(s)
    if cond is not None:
        if recent_window(cond) is None:
            return
    elif not (_NOW_TEXT.search(text) and _RECENT_TEXT.search(text)):
        return
    yield _hit(s.kind, s.facts.table, "WHERE " + _short(text))
