"""DROP of every modeled kind, with the dependents PostgreSQL drops along (a table's indexes,
constraints, triggers and owned sequences, foreign keys pointing at it, views reading it)."""

from __future__ import annotations

from sqlglot.tokenizer_core import TokenType

from schemacheck import normalize as norm
from schemacheck.replay import tokens as tk
from schemacheck.replay.state import State
from schemacheck.replay.stmt import StatementView
from schemacheck.replay.values import strip_typmod

_KINDS = {
    "drop_table": "TABLE",
    "drop_index": "INDEX",
    "drop_function": "FUNCTION",
    "drop_procedure": "PROCEDURE",
    "drop_routine": "ROUTINE",
    "drop_trigger": "TRIGGER",
    "drop_view": "VIEW",
    "drop_materialized_view": "VIEW",
    "drop_sequence": "SEQUENCE",
    "drop_type": "TYPE",
    "drop_schema": "SCHEMA",
    "drop_extension": "EXTENSION",
}


def drop(state: State, stmt: StatementView) -> None:
    word = _KINDS.get(stmt.kind)
    t = tk.tokenize(stmt.text)
    i = next((j for j in range(len(t)) if tk.upper(t, j) == word), None)
    if word is None or i is None:
        state.skip(stmt.kind)
        return
    i = tk.accept(t, i + 1, "CONCURRENTLY")
    i = tk.accept(t, i, "IF", "EXISTS")
    cascade = any(tk.upper(t, j) == "CASCADE" for j in range(i, len(t)))
    items: list[tuple[str | None, str, tuple[str, ...] | None]] = []
    on_table: tuple[str | None, str] | None = None
    while i < len(t):
        found = tk.read_name(t, i)
        if found is None:
            break
        i = found.end
        args: tuple[str, ...] | None = None
        if i < len(t) and t[i].token_type == TokenType.L_PAREN:
            close = tk.matching(t, i)
            args = _arg_types(tk.split(stmt.text, t, i + 1, close))
            i = close + 1
        items.append((found.schema, found.name, args))
        if tk.upper(t, i) == "ON":
            target = tk.read_name(t, i + 1)
            if target is not None:
                on_table = (target.schema, target.name)
                i = target.end
        if i < len(t) and t[i].token_type == TokenType.COMMA:
            i += 1
            continue
        break
    if word in ("TABLE", "VIEW") and not cascade:
        pool = state.tables if word == "TABLE" else state.views
        depending = state.dependents({state.resolve(s, n, pool) for s, n, _ in items})
        if depending:  # PostgreSQL refuses the whole statement: nothing is dropped
            state.skip(stmt.kind, f"dependents without CASCADE: {', '.join(depending)}")
            return
    for schema, name, args in items:
        _drop_one(state, stmt, word, schema, name, args, on_table, cascade)


def _arg_types(parts: list[str]) -> tuple[str, ...]:
    out = []
    for part in parts:
        words = part.split()
        if words and words[0].lower() in ("in", "inout", "variadic"):
            words = words[1:]
        if words and words[0].lower() == "out":
            continue
        text = " ".join(words)
        if len(words) > 1 and not text.lower().startswith(
            ("double ", "character ", "char ", "bit ", "timestamp ", "time ", "interval ")
        ):
            text = " ".join(words[1:])
        out.append(norm.data_type(strip_typmod(text)))
    return tuple(out)


def _drop_one(
    state: State,
    stmt: StatementView,
    word: str,
    schema: str | None,
    name: str,
    args: tuple[str, ...] | None,
    on_table: tuple[str | None, str] | None,
    cascade: bool,
) -> None:
    if word == "TABLE":
        state.drop_table(state.resolve(schema, name, state.tables))
    elif word == "INDEX":
        state.drop_index(state.resolve(schema, name, state.indexes))
    elif word == "VIEW":
        state.drop_view(state.resolve(schema, name, state.views))
    elif word == "SEQUENCE":
        state.sequences.pop(state.resolve(schema, name, state.sequences), None)
    elif word == "TYPE":
        state.drop_type(state.resolve(schema, name, state.enums), cascade)
    elif word == "SCHEMA":
        state.drop_schema(name)
    elif word == "EXTENSION":
        state.extensions.pop(name, None)
    elif word == "TRIGGER" and on_table is not None:
        table = state.trigger_owner(*on_table)
        if table is not None:
            table.triggers.pop(name, None)
    elif word in ("FUNCTION", "PROCEDURE", "ROUTINE"):
        candidates = state.functions_named(schema, name)
        if args is not None:
            candidates = [k for k in candidates if state.functions[k].named_by(args)]
        if len(candidates) > 1:
            state.skip(stmt.kind, f"{name} is ambiguous without argument types")
            return
        for fkey in candidates:
            state.drop_function(fkey, cascade)
    else:
        state.skip(stmt.kind)
