"""An enum value used in the transaction that adds it.

Since PostgreSQL 12, `ALTER TYPE ... ADD VALUE` may run inside a transaction block, but the new
value cannot be used until that transaction commits: an `UPDATE`, `INSERT`, `WHERE`, cast,
column default, CHECK or index predicate naming it fails with "unsafe use of new value"
(SQLSTATE 55P04), and the migration with it. The transaction may be the file's own
(`BEGIN` ... `COMMIT`) or the one its migration tool runs it in (goose without `-- +goose NO
TRANSACTION`, dbmate without `transaction:false`, Flyway).

Not reported: a value added to an enum type created in the same transaction, unless the
target version (`target-version`) is before PostgreSQL 17, which takes those values; and `ADD
VALUE IF NOT EXISTS` of a value the files gave the type before (nothing is added).

Reported: a later statement of the same transaction holding the new value as a string literal
that PostgreSQL reads as a value of the enum, which it does when the statement runs or is
defined:

- the statement names the enum type (`'x'::order_status`, a column or parameter of that type
  with `DEFAULT 'x'`, a CHECK on such a column);
- the value is compared with, or assigned to, a column the files gave that type, on a table
  the statement names: `status = 'x'`, `'x' <> o.status`, `status < 'x'` (and `>`, `<=`,
  `>=`), `status IS [NOT] DISTINCT FROM 'x'`, `status IN ('x')`, `CASE status WHEN 'x' ...`
  in an UPDATE, DELETE, SELECT, a view's query or an index predicate, `ALTER COLUMN status SET
  DEFAULT 'x'`;
- an INSERT gives it for such a column, in any VALUES row or as an item of the SELECT list of
  `INSERT ... SELECT` (by the column list, or by the table's column order without one);
- the code a PL/pgSQL DO block runs does any of the above (the block runs at once, in the
  transaction), and so does the body of a LANGUAGE sql function or procedure, which
  PostgreSQL checks when it is created (`BEGIN ATOMIC` bodies always; a quoted body unless
  `check_function_bodies` is set off, as pg_dump's output does);
- such a body compares a parameter of the enum type with the value, as a column above: by
  name (`state = 'x'`, `'x' <> state`, `state >= 'x'`, `state IS DISTINCT FROM 'x'`, `state
  IN ('x')`, `CASE state WHEN 'x' THEN ...`), qualified with the function's name (`f.state`),
  or by number (`$2 = 'x'`, counting the parameters that are not OUT); or compares the value
  with an element of an array parameter of the enum (`'x' = ANY (states)`, `'x' = ANY ($2)`).
  A column the files give a table the body names wins over a parameter of the same name, as
  it does in PostgreSQL.

Not uses: a value for a text column or parameter (`note = 'x'`, `status::text = 'x'`,
`state::text = 'x'`), a COMMENT, a notice, the body of a PL/pgSQL function (not run until
called). A DO block's code is taken as run whole: a branch it skips (`IF false THEN ...`) is
reported all the same, and SQL it builds as a string for EXECUTE is not read. Functions reading
the enum's values (`enum_range`, `enum_last`) and a value compared with an array column
(`'x' = ANY (states)` on a table's column) are refused too, and not followed.

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

from collections.abc import Iterator, Sequence
from dataclasses import replace

from schemacheck.ddl.statement import Statement, Word
from schemacheck.ddl.words import expand, tokenize
from schemacheck.findings import Severity
from schemacheck.rules._common import earlier_objects, objects_before
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule

# what the statements of these kinds hold as strings is never read as a value of the enum
_NOT_USES = frozenset({"comment"})
_ROUTINES = frozenset({"create_function", "create_procedure"})
_OFF = frozenset({"off", "false", "no", "0", "f", "n"})


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
        if not values or s.kind in _NOT_USES:
            continue
        used = _used(ctx, s, s.words, values)
        if used is None:
            code = _code_run(ctx, s, values)
            params = _parameters(s) if code and s.kind in _ROUTINES else None
            used = _used(ctx, s, code, values, params) if code else None
        if used is not None:
            type_name, adding = values[used]
            yield Hit(
                f"uses enum value '{used}', which line {adding.line} adds to type "
                f"{type_name} in the same transaction: PostgreSQL refuses it until that "
                "transaction commits (unsafe use of new value, 55P04)",
                statement=s,
            )


def _bodies_checked(ctx: Context, s: Statement) -> bool:
    """CREATE FUNCTION checks the body of a LANGUAGE sql function (reading its values) when
    statement `s` runs: `check_function_bodies` is on unless the statements before `s` set it
    off (for the session, or LOCAL in the transaction of `s`)."""
    on, local = True, None
    for x in ctx.file.statements[: s.index]:
        if x.kind not in ("set", "reset") or x.facts.setting != "check_function_bodies":
            continue
        value = x.kind == "reset" or (x.facts.value or "on").strip("'\"").lower() not in _OFF
        if x.facts.local:
            local = value if x.transaction == s.transaction else local
        else:
            on, local = value, None
    return on if local is None else local


def _code_run(ctx: Context, s: Statement, values: dict[str, tuple[str, Statement]]) -> list[Word]:
    """The words of the code a statement runs or checks now, when its words hold it as one
    string: a PL/pgSQL DO block's, or a LANGUAGE sql function's or procedure's body when
    PostgreSQL checks it. Empty when there is none, or no new value is in its text."""
    body = s.facts.body
    if body is None:
        return []
    if s.kind == "do":
        if s.facts.language != "plpgsql":
            return []
    elif s.kind not in _ROUTINES or s.facts.language != "sql":
        return []
    elif not any(w.kind == "string" and w.value == body for w in s.words):
        return []  # a BEGIN ATOMIC body: the statement's own words
    if not any(label in body for label in values):
        return []
    if s.kind != "do" and not _bodies_checked(ctx, s):
        return []
    try:
        return expand(tokenize(body), body)
    except Exception:  # sqlglot's tokenizer raises TokenError and, on odd input, others
        return []


def _used(
    ctx: Context,
    s: Statement,
    words: Sequence[Word],
    values: dict[str, tuple[str, Statement]],
    params: dict[str, str] | None = None,
) -> str | None:
    """The first new value that `words` (a statement's, or the code it runs) use as a value
    of its enum, if any. `params` maps the parameters of the function whose body `words` are
    (by name and as `$n`) to their types."""
    for at, w in enumerate(words):
        if w.kind != "string" or w.value not in values:
            continue
        type_name = values[w.value][0]
        if any(x.kind in ("word", "ident") and x.value.lower() == type_name for x in words):
            return w.value  # the statement names the type
        found = _column_type(ctx, s, words, at)
        if found is None and params:
            found = _parameter_type(ctx, s, words, at, params)
        if found is not None and _bare_type(found) == type_name:
            return w.value
    return None


def _bare_type(written: str) -> str:
    """A type's name as written without its schema and quotes, lower-cased: `job_state` for
    `public."job_state"` (an array type keeps its `[]`, so it is never the enum)."""
    return written.rpartition(".")[2].strip('"').lower()


_MODES = frozenset({"IN", "OUT", "INOUT", "VARIADIC"})


def _parameters(s: Statement) -> dict[str, str]:
    """The input parameters of the function or procedure `s` creates, to their types as
    written: by folded name, and as `$1`, `$2`, ... (OUT parameters are neither)."""
    text = s.facts.arguments
    found: dict[str, str] = {}
    if not text:
        return found
    try:
        words = expand(tokenize(text), text)
    except Exception:  # sqlglot's tokenizer raises TokenError and, on odd input, others
        return found
    number = 0
    start = 0
    depth = 0
    for i, w in enumerate([*words, None]):
        if w is not None and w.value in ("(", "["):
            depth += 1
        elif w is not None and w.value in (")", "]"):
            depth -= 1
        if w is not None and (w.value != "," or depth):
            continue
        part = list(words[start:i])
        start = i + 1
        mode = part[0].upper if part and part[0].upper in _MODES else "IN"
        part = part[1:] if part and part[0].upper in _MODES else part
        ends = [k for k, x in enumerate(part) if x.upper == "DEFAULT" or x.value == "="]
        part = part[: ends[0]] if ends else part
        if not part or mode == "OUT":
            continue
        number += 1
        named = len(part) > 1 and part[0].is_name and part[1].value not in (".", "(", "[")
        first = part[1].start if named else part[0].start
        written = text[first : part[-1].end].strip()
        found[f"${number}"] = written
        if named:
            found[part[0].folded] = written
    return found


def _parameter_type(
    ctx: Context, s: Statement, words: Sequence[Word], at: int, params: dict[str, str]
) -> str | None:
    """The type of the parameter that the string at word `at` of a function body is
    compared with (`state = 'x'`, `'x' = $1`, `state IN ('x')`, `CASE state WHEN 'x'`,
    `state < 'x'`, `state IS DISTINCT FROM 'x'`), by its name (bare, or qualified with the
    function's name) or number; for `'x' = ANY (states)`, the type of the elements of the
    array parameter. A column of that name in a table the body names wins: its type is
    given."""
    compared = _compared_at(words, at)
    if compared is None:
        return None
    at_name, array = compared
    found = _parameter_at(ctx, s, words, at_name, params)
    if not array or found is None:
        return found
    return found[:-2].rstrip() if found.endswith("[]") else None


def _parameter_at(
    ctx: Context, s: Statement, words: Sequence[Word], at_name: int, params: dict[str, str]
) -> str | None:
    """The type of the parameter whose name or number ends at word `at_name` (a column of
    that name in a table the body names wins)."""
    w = words[at_name]
    if w.kind == "number":
        return (
            params.get(f"${w.value}") if at_name >= 1 and words[at_name - 1].value == "$" else None
        )
    if not w.is_name:
        return None
    if at_name >= 2 and words[at_name - 1].value == ".":
        qualifier = words[at_name - 2]
        name = s.facts.name
        if not qualifier.is_name or name is None or qualifier.folded != name.name:
            return None  # a table's or alias's column, not the parameter
    found = params.get(w.folded)
    if found is None:
        return None
    columns = (_typed(ctx, s, table, w.folded) for table in _tables_named(s, words))
    return next((c for c in columns if c), found)


def _compared_at(words: Sequence[Word], at: int) -> tuple[int, bool] | None:
    """The index of the last word of the operand that the string at word `at` is compared
    with: `x = 'v'`, `x < 'v'`, `x IS [NOT] DISTINCT FROM 'v'`, `'v' = x`, `x IN ('v')`,
    `CASE x WHEN 'v'`, and whether the operand is an array the value is compared with an
    element of (`'v' = ANY (x)`). None: no such operand, or one cast to another type
    (`x::text = 'v'`)."""
    prev = words[at - 1] if at >= 1 else None
    if prev is None:
        return None
    if prev.value in _COMPARE and at >= 2:
        return at - 2, False
    distinct = _distinct_from_before(words, at)
    if distinct is not None:
        return distinct, False
    nxt = _after_comparison(words, at)
    if nxt is not None:
        array = nxt + 1 < len(words) and words[nxt].upper == "ANY" and words[nxt + 1].value == "("
        start = nxt + 2 if array else nxt
        end = start
        if start + 2 < len(words) and words[start + 1].value == ".":
            end = start + 2  # f.state
        elif start + 1 < len(words) and words[start].value == "$":
            end = start + 1  # $2
        after = words[end + 1].value if end + 1 < len(words) else ""
        if after == "::" or (array and after != ")"):
            return None
        return end, array
    if prev.value in ("(", ","):
        opened = _opening(words, at)
        if opened is not None and opened >= 2 and words[opened - 1].upper == "IN":
            return opened - 2, False
    if prev.upper == "WHEN":
        found = _case_operand(words, at - 1)
        return None if found is None else (found, False)
    return None


def _distinct_from_before(words: Sequence[Word], at: int) -> int | None:
    """For `x IS [NOT] DISTINCT FROM 'v'` with the string at word `at`: the index of the last
    word of `x`."""
    if at < 4 or words[at - 1].upper != "FROM" or words[at - 2].upper != "DISTINCT":
        return None
    i = at - 3
    if words[i].upper == "NOT":
        i -= 1
    return i - 1 if i >= 1 and words[i].upper == "IS" else None


def _after_comparison(words: Sequence[Word], at: int) -> int | None:
    """For `'v' = x` or `'v' IS [NOT] DISTINCT FROM x` with the string at word `at`: the
    index of the first word of `x`."""
    if at + 2 < len(words) and words[at + 1].value in _COMPARE:
        return at + 2
    i = at + 1
    if i < len(words) and words[i].upper == "IS":
        i += 2 if i + 1 < len(words) and words[i + 1].upper == "NOT" else 1
        if i + 2 < len(words) and words[i].upper == "DISTINCT" and words[i + 1].upper == "FROM":
            return i + 2
    return None


def _case_operand(words: Sequence[Word], when: int) -> int | None:
    """The index of the last word of the operand of the simple CASE whose WHEN is at word
    `when` (`CASE x WHEN ...`); None for a searched CASE (`CASE WHEN x = ...`)."""
    depth = nested = 0
    for i in range(when - 1, -1, -1):
        w = words[i]
        if w.value == ")":
            depth += 1
        elif w.value == "(":
            if depth == 0:
                return None
            depth -= 1
        elif depth == 0 and w.upper == "END":
            nested += 1
        elif depth == 0 and w.upper == "CASE":
            if nested:
                nested -= 1
                continue
            first_when = next((k for k in range(i + 1, when + 1) if words[k].upper == "WHEN"), when)
            return first_when - 1 if first_when > i + 1 else None
        elif w.value == ";" and w.kind == "punct":
            return None
    return None


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


def _column_type(ctx: Context, s: Statement, words: Sequence[Word], at: int) -> str | None:
    """The type the files give the column that the string at word `at` goes to or is compared
    with: `status = 'x'`, `status IN ('x')`, `ALTER COLUMN status SET DEFAULT 'x'` on a table
    the words name; an INSERT's VALUES or SELECT list item by its place among the target's
    columns. None when the words or the files do not tell."""
    column = _column_of(words, at)
    if column is not None:
        tables = _tables_named(s, words)
        return next((t for t in (_typed(ctx, s, table, column) for table in tables) if t), None)
    target = _insert_target(s, words, at)
    if target is None:
        return None
    table, columns, place = target
    if columns is None:
        columns = _columns_in_order(ctx, s, table)
    return _typed(ctx, s, table, columns[place]) if place < len(columns) else None


_COMPARE = frozenset({"=", "<>", "!=", "<", ">", "<=", ">="})


def _column_of(words: Sequence[Word], at: int) -> str | None:
    """The column the string at word `at` is compared to (`_compared_at`: `status = 'x'`,
    `'x' < status`, `status IS DISTINCT FROM 'x'`, `status IN ('x')`, `CASE status WHEN
    'x'`) or made the default of (`ALTER COLUMN status SET DEFAULT 'x'`)."""
    prev = words[at - 1] if at >= 1 else None
    if prev is None:
        return None
    if prev.upper == "DEFAULT":  # ALTER COLUMN status SET DEFAULT 'x'
        before = [w for w in words[:at] if w.is_name]
        alter = [i for i, w in enumerate(before) if w.upper == "COLUMN"]
        return before[alter[-1] + 1].folded if alter and alter[-1] + 1 < len(before) else None
    compared = _compared_at(words, at)
    if compared is None or compared[1]:
        return None  # `'x' = ANY (column)`: not followed
    name = words[compared[0]]
    return name.folded if name.is_name else None


def _opening(words: Sequence[Word], at: int) -> int | None:
    """The index of the parenthesis opening the list word `at` is an item of (None: the word
    is at the top level)."""
    depth = 0
    for i in range(at - 1, -1, -1):
        v = words[i].value
        if v == ")":
            depth += 1
        elif v == "(":
            if depth == 0:
                return i
            depth -= 1
        elif v == ";" and words[i].kind == "punct":
            return None
    return None


# the words a table's name follows
_TABLE_BEFORE = frozenset({"FROM", "JOIN", "UPDATE", "INTO", "ONLY", "TABLE"})


def _tables_named(s: Statement, words: Sequence[Word]) -> list[str]:
    """The tables (qualified) the words name: the statement's own, and those after FROM,
    JOIN, UPDATE, INTO, ... in the words (the code of a DO block or function body)."""
    tables: list[str] = []
    if s.facts.table is not None and words is s.words:
        tables.append(qualified(s.facts.table))
    for i, w in enumerate(words):
        if w.upper in _TABLE_BEFORE and i + 1 < len(words) and words[i + 1].is_name:
            key = _name_at(s, words, i + 1)
            if key not in tables:
                tables.append(key)
    return tables


def _name_at(s: Statement, words: Sequence[Word], i: int) -> str:
    """The qualified name starting at word `i` (`name` or `schema.name`)."""
    if i + 2 < len(words) and words[i + 1].value == "." and words[i + 2].is_name:
        return f"{words[i].folded}.{words[i + 2].folded}"
    own = s.facts.table
    if own is not None and own.name == words[i].folded:
        return qualified(own)  # unqualified as the statement's table: its schema
    return f"public.{words[i].folded}"


def _insert_target(
    s: Statement, words: Sequence[Word], at: int
) -> tuple[str, list[str] | None, int] | None:
    """(table, its column list or None, the place) of an INSERT's value given as the string
    at word `at`: an item of a VALUES row, or of the SELECT list of INSERT ... SELECT."""
    prev = words[at - 1].value if at >= 1 else ""
    nxt = words[at + 1].value if at + 1 < len(words) else ";"
    opened = _opening(words, at)
    if opened is not None:  # VALUES (...), (...)
        if prev not in ("(", ",") or nxt not in (",", ")"):
            return None
        place = _commas(words, opened + 1, at)
        i = opened - 1
        while i >= 1 and words[i].value == "," and words[i - 1].value == ")":
            back = _opening(words, i - 1)  # an earlier row
            if back is None:
                return None
            i = back - 1
        if i < 0 or words[i].upper != "VALUES":
            return None
        start = i
    else:  # INSERT ... SELECT 'x', ...
        if prev.upper() not in ("SELECT", ",") or nxt.upper() not in _ITEM_END:
            return None
        start = at - 1
        while start >= 0 and words[start].upper != "SELECT":
            w = words[start]
            if w.value in (";", ")", "(") or w.upper in _CLAUSES:
                return None
            start -= 1
        if start < 0:
            return None
        place = _commas(words, start + 1, at)
    table, columns = _into(s, words, start)
    return None if table is None else (table, columns, place)


# what may follow an item of a SELECT list
_ITEM_END = frozenset({",", ";", "FROM", "WHERE", "GROUP", "ORDER", "LIMIT", "ON", "RETURNING"})
# the clauses a SELECT list item is not in
_CLAUSES = frozenset({"FROM", "WHERE", "SET", "VALUES", "INTO", "JOIN", "ON", "USING"})


def _commas(words: Sequence[Word], start: int, end: int) -> int:
    """How many commas at depth 0 words[start:end] hold."""
    depth = place = 0
    for w in words[start:end]:
        if w.value == "(":
            depth += 1
        elif w.value == ")":
            depth -= 1
        elif w.value == "," and depth == 0:
            place += 1
    return place


def _into(s: Statement, words: Sequence[Word], start: int) -> tuple[str | None, list[str] | None]:
    """The table and column list of `INSERT INTO table [(columns)]` just before word `start`
    (VALUES or SELECT)."""
    i = start - 1
    columns: list[str] | None = None
    if i >= 0 and words[i].value == ")":
        opened = _opening(words, i)
        if opened is None:
            return None, None
        columns = [w.folded for w in words[opened + 1 : i] if w.is_name]
        i = opened - 1
    if i < 0 or not words[i].is_name:
        return None, None
    first = i - 2 if i >= 2 and words[i - 1].value == "." else i
    if first < 1 or words[first - 1].upper != "INTO":
        return None, None
    return _name_at(s, words, first), columns


def _typed(ctx: Context, s: Statement, table: str, column: str) -> str | None:
    """The type the statements before `s` (of this file, then of the files before it) give
    `table.column`."""
    for objects in (earlier_objects(replace(ctx, statement=s)), objects_before(ctx)):
        found = objects.typed_columns.get((table, column))
        if found is not None:
            return found
    return None


def _columns_in_order(ctx: Context, s: Statement, table: str) -> list[str]:
    """The columns of `table` in their order, as the statements before `s` tell."""
    for objects in (earlier_objects(replace(ctx, statement=s)), objects_before(ctx)):
        columns = [c for (t, c) in objects.typed_columns if t == table]
        if columns:
            return columns
    return []
