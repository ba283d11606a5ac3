"""ALTER TABLE, one action at a time: each comma-separated action is read from the
statement's text, so an action sqlglot does not know never hides the others."""

from __future__ import annotations

import re

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.tokenizer_core import Token

from schemacheck.quiet import parse_one as quiet_parse_one
from schemacheck.replay import tokens as tk
from schemacheck.replay.drafts import ColumnDraft, ConstraintDraft, TableDraft
from schemacheck.replay.elements import (
    UNNAMED,
    Pending,
    add_column,
    add_table_constraint,
    collation_name,
    flush,
    make_identity,
    note_set_columns,
    resolve_column_type,
    type_collation,
    without_set_columns,
)
from schemacheck.replay.indexes import settle_collations
from schemacheck.replay.sqltext import DIALECT, brief, ident, render_type
from schemacheck.replay.state import State
from schemacheck.replay.stmt import StatementView
from schemacheck.replay.values import column_default

_NOT_VALID = re.compile(r"\s+NOT\s+VALID\s*$", re.IGNORECASE)
# Constraint attributes that only say the default: sqlglot cannot read an ALTER TABLE action
# ending in NOT DEFERRABLE, so these are dropped from the end (with a NOT VALID among them).
_DEFAULT_ATTRIBUTES = re.compile(
    r"(?:\s+(?:NOT\s+DEFERRABLE|INITIALLY\s+IMMEDIATE|NOT\s+VALID))+\s*$", re.IGNORECASE
)
# Actions on things the catalog model does not hold (owner, storage, RLS, statistics, ...).
_NOT_MODELED = (
    ("OWNER", "TO"),
    ("ENABLE", "ROW"),
    ("DISABLE", "ROW"),
    ("FORCE", "ROW"),
    ("NO", "FORCE"),
    ("SET", "("),
    ("RESET", "("),
    ("SET", "TABLESPACE"),
    ("SET", "LOGGED"),
    ("SET", "UNLOGGED"),
    ("CLUSTER", "ON"),
    ("SET", "WITHOUT"),
    ("REPLICA", "IDENTITY"),
    ("SET", "ACCESS"),
    ("INHERIT",),
    ("NO", "INHERIT"),
    ("OF",),
    ("NOT", "OF"),
)
_COLUMN_NOT_MODELED = ("STATISTICS", "STORAGE", "COMPRESSION", "(", "OPTIONS")


def alter_table(state: State, stmt: StatementView) -> None:
    text = stmt.text
    tokens = tk.tokenize(text)
    i = tk.accept(tokens, 0, "ALTER", "TABLE")
    if i == 0:
        state.skip(stmt.kind)
        return
    if_exists = tk.accept(tokens, i, "IF", "EXISTS")
    i = tk.accept(tokens, if_exists, "ONLY")
    name = tk.read_name(tokens, i)
    if name is None:
        state.skip(stmt.kind)
        return
    end = name.end + (1 if tk.upper(tokens, name.end) == "*" else 0)
    table = state.table(name.schema, name.name)
    for action in tk.split(text, tokens, end, len(tokens)):
        table = _action(state, stmt, table, action)


def _action(state: State, stmt: StatementView, table: TableDraft, text: str) -> TableDraft:
    """Apply one action; returns the table (renamed or moved tables keep their draft)."""
    t = tk.tokenize(text)
    u = [tk.upper(t, i) for i in range(len(t))]
    if any(tuple(u[: len(p)]) == p for p in _NOT_MODELED):
        return table
    handled = _by_tokens(state, stmt, table, t, u, text)
    if handled:
        return table
    not_valid = False
    tail = _DEFAULT_ATTRIBUTES.search(text) if u[:1] == ["ADD"] else None
    if tail is not None:
        not_valid = "VALID" in tail.group(0).upper()
        text = text[: tail.start()]
    not_valid = not_valid or bool(_NOT_VALID.search(text))
    shown = text
    if u[:2] in (["ADD", "CHECK"], ["ADD", "EXCLUDE"]) and len(t) > 1:
        # sqlglot reads these only with a name: give a placeholder, which the constraint
        # reader takes for "no name" (PostgreSQL chooses one)
        text = f"ADD CONSTRAINT {UNNAMED} {text[t[1].start :]}"
    readable, set_columns = without_set_columns(_NOT_VALID.sub("", text))
    try:
        tree = quiet_parse_one(f"ALTER TABLE __replay_t {readable}", read=DIALECT)
    except (SqlglotError, ValueError):
        tree = None
    note_set_columns(tree, set_columns)
    if not isinstance(tree, exp.Alter) or len(tree.args.get("actions") or []) != 1:
        state.skip(stmt.kind, brief(shown))
        return table
    node = tree.args["actions"][0]
    if not _apply(state, stmt, table, node, not_valid or bool(tree.args.get("not_valid"))):
        state.skip(stmt.kind, brief(shown))
    return table


def _by_tokens(
    state: State, stmt: StatementView, table: TableDraft, t: list[Token], u: list[str], text: str
) -> bool:
    """Actions read from tokens: VALIDATE, RENAME, ENABLE/DISABLE TRIGGER, SET SCHEMA,
    identity changes, ATTACH/DETACH PARTITION, ADD ... USING INDEX."""
    if u[:2] == ["VALIDATE", "CONSTRAINT"] and len(t) > 2:
        name = tk.word(t[2])
        if name in table.constraints:
            table.constraints[name].validated = True
        elif name in table.foreign_keys:
            table.foreign_keys[name].validated = True
        else:
            state.skip(stmt.kind, f"validate unknown constraint {name}")
        return True
    if u[:1] == ["RENAME"]:
        return _rename(state, stmt, table, t, u)
    if u[:1] in (["ENABLE"], ["DISABLE"]) and "TRIGGER" in u[:3]:
        target = tk.word(t[u.index("TRIGGER") + 1]) if len(t) > u.index("TRIGGER") + 1 else ""
        enabled = u[0] == "ENABLE"
        if target not in ("all", "user") and target not in table.triggers and not table.stub:
            state.skip(stmt.kind, f"{u[0].lower()} unknown trigger {target}")
        for name, trigger in table.triggers.items():
            if target in ("all", "user") or name == target:
                trigger.enabled = enabled
        return True
    if u[:2] == ["SET", "SCHEMA"] and len(t) > 2:
        _move(state, table, tk.word(t[2]))
        return True
    if u[:1] in (["ATTACH"], ["DETACH"]) and len(t) > 2:
        # The bound (FOR VALUES ...) and DETACH's CONCURRENTLY / FINALIZE: no catalog effect.
        part = tk.read_name(t, 2)
        if part is None:
            state.skip(stmt.kind, f"partition name not read: {brief(text)}")
        elif u[0] == "ATTACH":
            state.table(part.schema, part.name).partition_of = table.key
        else:
            state.table(part.schema, part.name).partition_of = None
        return True
    if "USING" in u and "INDEX" in u and u[:1] == ["ADD"]:
        return _add_using_index(state, stmt, table, t, u)
    i = tk.accept(t, tk.accept(t, 0, "ALTER"), "COLUMN")
    if i and i < len(t):
        col_name = tk.word(t[i])
        rest = u[i + 1 :]
        if rest[:1] == ["SET"] and rest[1:2] and rest[1] in _COLUMN_NOT_MODELED:
            return True
        if rest[:2] == ["RESET", "("]:  # attribute options: not modeled
            return True
        if rest[:1] == ["ADD"] and "IDENTITY" in rest:
            col = _column(state, stmt, table, col_name)
            if col is not None:
                make_identity(state, table, col, "ALWAYS" in rest[:3], stmt.location)
            return True
        if rest[:2] == ["DROP", "IDENTITY"]:
            col = _column(state, stmt, table, col_name)
            if col is not None:
                col.identity = None
                for key, seq in state.sequences.owned(table.key, col_name):
                    if seq.internal:
                        del state.sequences[key]
            return True
    return False


def _rename(
    state: State, stmt: StatementView, table: TableDraft, t: list[Token], u: list[str]
) -> bool:
    if u[:2] == ["RENAME", "TO"] and len(t) > 2:
        state.rename_table(table, tk.word(t[2]))
        return True
    if u[:2] == ["RENAME", "CONSTRAINT"] and len(t) > 4:
        old, new = tk.word(t[2]), tk.word(t[4])
        if not state.rename_constraint(table, old, new):
            state.skip(stmt.kind, f"rename unknown constraint {old}")
        return True
    i = tk.accept(t, 1, "COLUMN")
    if i + 2 < len(t) + 0 and tk.upper(t, i + 1) == "TO":
        old, new = tk.word(t[i]), tk.word(t[i + 2])
        if old not in table.columns:
            state.skip(stmt.kind, f"rename unknown column {old}")
        else:
            state.rename_column(table, old, new)
        return True
    return False


def _move(state: State, table: TableDraft, schema: str) -> None:
    old = table.key
    for key, seq in state.sequences.owned(old):
        if seq.owned_by:
            # its owned sequences go with it, and the defaults calling them (its own
            # columns' among them) follow
            state.move_sequence(key, (schema, seq.name))
            seq.owned_by = (schema, table.name, seq.owned_by[2])
            state.sequences.note_owner(seq)
    del state.tables[old]
    state.indexes.move(old, (schema, table.name))
    table.schema = schema
    state.tables[table.key] = table
    for other, _, fk in state.referencing(old):
        fk.references = table.key
        state.note_reference(other, table.key)


def _add_using_index(
    state: State, stmt: StatementView, table: TableDraft, t: list[Token], u: list[str]
) -> bool:
    i = u.index("INDEX") + 1
    if i >= len(t):
        return False
    index = state.indexes.get((table.schema, tk.word(t[i])))
    if index is None:
        state.skip(stmt.kind, "ADD ... USING INDEX of an unknown index")
        return True
    name = tk.word(t[2]) if u[1] == "CONSTRAINT" else index.name
    # the tokenizer reads `PRIMARY KEY` as one token
    ctype = "primary_key" if "PRIMARY KEY" in u or "PRIMARY" in u else "unique"
    cols = tuple(k.column or k.expression for k in index.keys)
    del state.indexes[(index.schema, index.name)]
    index.name = name
    index.constraint = name
    state.indexes[(index.schema, name)] = index
    table.constraints[name] = ConstraintDraft(
        name,
        ctype,
        cols,
        deferrable="DEFERRABLE" in u and "NOT" not in u,
        initially_deferred="DEFERRED" in u,
        origin=stmt.location,
    )
    state.note_constraint(table, name)
    if ctype == "primary_key":
        for c in cols:
            if c in table.columns:
                table.columns[c].nullable = False
    return True


def _column(state: State, stmt: StatementView, table: TableDraft, name: str) -> ColumnDraft | None:
    col = table.columns.get(name)
    if col is None:
        state.skip(stmt.kind, f"column {name} of {table.name} is not created by these files")
    return col


def _apply(
    state: State, stmt: StatementView, table: TableDraft, node: exp.Expression, not_valid: bool
) -> bool:
    where = stmt.location
    if isinstance(node, exp.ColumnDef):
        name = ident(node.this)
        if name in table.columns:
            if not node.args.get("exists"):
                state.skip(stmt.kind, f"column {name} already exists")
            return True
        pending = Pending()
        add_column(state, table, node, pending, where)
        flush(state, table, pending, where)
        return True
    if isinstance(node, exp.AddConstraint):
        pending = Pending()
        ok = all(
            add_table_constraint(state, e, pending, where, not_valid) for e in node.expressions
        )
        flush(state, table, pending, where)
        return ok
    if isinstance(node, exp.Drop):
        kind = str(node.args.get("kind") or "").upper()
        targets = node.args.get("tables") or []
        if_exists = bool(node.args.get("exists"))
        for target in targets:
            name = ident(target)
            if kind == "COLUMN":
                if name in table.columns or table.stub:
                    state.drop_column(table, name)
                elif not if_exists:
                    state.skip(stmt.kind, f"drop unknown column {name}")
            elif kind == "CONSTRAINT":
                if not state.drop_constraint(table, name) and not (table.stub or if_exists):
                    state.skip(stmt.kind, f"drop unknown constraint {name}")
            else:
                return False
        return bool(targets)
    if isinstance(node, exp.AlterColumn):
        col = _column(state, stmt, table, ident(node.this))
        if col is None:
            return True
        return _alter_column(state, table, col, node)
    if isinstance(node, exp.RenameColumn):
        old, new = ident(node.this), ident(node.args.get("to"))
        state.rename_column(table, old, new)
        return True
    if isinstance(node, exp.AlterRename) and isinstance(node.this, exp.Table):
        state.rename_table(table, ident(node.this))
        return True
    return False


def _alter_column(state: State, table: TableDraft, col: ColumnDraft, node: exp.AlterColumn) -> bool:
    dtype = node.args.get("dtype")
    if isinstance(dtype, exp.DataType):
        col.type = render_type(dtype)
        resolve_column_type(state, col)
        # the collation given, else the new type's own (the old one is not kept)
        collate = node.args.get("collate")
        col.collation_written = isinstance(collate, exp.Expression)
        if isinstance(collate, exp.Expression):
            col.collation = collation_name(collate)
        else:
            col.collation = type_collation(col.type)
        # PostgreSQL rebuilds the column's indexes from their printed definitions
        settle_collations(state, table)
        return True
    if "default" in node.args and node.args["default"] is not None:
        col.default = column_default(node.args["default"], col.type, state.sequence_regclass)
        return True
    allow_null = node.args.get("allow_null")
    if allow_null is not None:
        col.nullable = bool(allow_null)
        return True
    if node.args.get("drop"):
        col.default = None
        return True
    return False
