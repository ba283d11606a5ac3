"""CREATE [OR REPLACE] [CONSTRAINT] TRIGGER: timing, events, level, function, WHEN condition,
the columns of UPDATE OF, the function's arguments and a constraint trigger's deferral."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.tokenizer_core import Token, TokenType

from schemacheck.replay import tokens as tk
from schemacheck.replay.drafts import TriggerDraft
from schemacheck.replay.functions import STRING_TOKENS, integer_text
from schemacheck.replay.sqltext import ident, qualified, render
from schemacheck.replay.state import State
from schemacheck.replay.stmt import StatementView


def create_trigger(state: State, stmt: StatementView) -> None:
    tree = stmt.tree
    props = tree.args.get("properties") if isinstance(tree, exp.Create) else None
    trig = (
        next((p for p in props.expressions if isinstance(p, exp.TriggerProperties)), None)
        if isinstance(props, exp.Properties)
        else None
    )
    if isinstance(tree, exp.Create) and isinstance(trig, exp.TriggerProperties):
        _from_tree(state, stmt, tree, trig)
    else:
        _from_facts(state, stmt)


def _from_tree(
    state: State, stmt: StatementView, tree: exp.Create, trig: exp.TriggerProperties
) -> None:
    target = trig.args.get("table")
    execute = trig.args.get("execute")
    call = execute.this if isinstance(execute, exp.TriggerExecute) else None
    if not isinstance(target, exp.Table) or call is None:
        state.skip(stmt.kind)
        return
    fn_schema: str | None = None
    if isinstance(call, exp.Dot):
        fn_schema, call = ident(call.this), call.expression
    fn_name = str(call.this).lower() if isinstance(call, exp.Anonymous) else ident(call)
    when = trig.args.get("when")
    _add(
        state,
        stmt,
        ident(tree.this),
        qualified(target),
        timing=str(trig.args.get("timing") or "").lower(),
        events=tuple(
            str(e.this).lower()
            for e in trig.args.get("events") or []
            if isinstance(e, exp.TriggerEvent)
        ),
        level="row" if str(trig.args.get("for_each") or "").upper() == "ROW" else "statement",
        function=(fn_schema, fn_name),
        when=render(when) if isinstance(when, exp.Expression) else None,
        replace=bool(tree.args.get("replace")),
    )


def _from_facts(state: State, stmt: StatementView) -> None:
    f = stmt.facts
    if f.name is None or f.table is None or f.function is None or not f.timing:
        state.skip(stmt.kind)
        return
    _add(
        state,
        stmt,
        f.name.name,
        (f.table.schema, f.table.name),
        timing=f.timing,
        events=f.events,
        level="row" if f.for_each_row else "statement",
        function=(f.function.schema, f.function.name),
        when="?" if re.search(r"\bWHEN\s*\(", stmt.text, re.I) else None,
        replace=f.or_replace,
    )


def _add(
    state: State,
    stmt: StatementView,
    name: str,
    table_name: tuple[str | None, str],
    *,
    timing: str,
    events: tuple[str, ...],
    level: str,
    function: tuple[str | None, str],
    when: str | None,
    replace: bool,
) -> None:
    # a view's trigger (INSTEAD OF) is the view's; a name the files never create is a table's
    table = state.trigger_owner(*table_name) or state.table(*table_name)
    if name in table.triggers and not replace:
        state.skip(stmt.kind, f"trigger {name} already exists")
        return
    fn_key = (
        function[0] or _function_schema(state, function[1]),
        function[1],
    )
    extras = _extras(stmt.text)
    table.triggers[name] = TriggerDraft(
        name,
        timing,
        events,
        level,
        fn_key,
        when=when,
        origin=stmt.location,
        columns=extras.columns,
        arguments=extras.arguments,
        deferrable=extras.deferrable,
        initially_deferred=extras.initially_deferred,
    )
    if when == "?":
        table.triggers[name].when = None
        table.triggers[name].when_unknown = True


@dataclass
class _Extras:
    """What CREATE TRIGGER says besides timing, events, level, function and WHEN."""

    columns: tuple[str, ...] = ()
    arguments: tuple[str, ...] | None = ()
    deferrable: bool = False
    initially_deferred: bool = False


def _extras(text: str) -> _Extras:
    """The columns of `UPDATE OF a, b` (folded), the arguments of `EXECUTE FUNCTION f(...)` as
    PostgreSQL keeps them (strings: a string's text, an integer's value, a word folded; None
    when an argument is none of these) and `[NOT] DEFERRABLE`, `INITIALLY DEFERRED |
    IMMEDIATE`."""
    t = tk.tokenize(text)
    out = _Extras()
    i = 0
    while i < len(t):
        word = tk.upper(t, i)
        if word == "OF" and tk.upper(t, i - 1) == "UPDATE":
            columns, i = _names(t, i + 1)
            out.columns = tuple(columns)
            continue
        if word == "DEFERRABLE":
            out.deferrable = tk.upper(t, i - 1) != "NOT"
        elif word == "INITIALLY":
            out.initially_deferred = tk.upper(t, i + 1) == "DEFERRED"
            out.deferrable = out.deferrable or out.initially_deferred  # DEFERRED implies it
        elif t[i].token_type == TokenType.L_PAREN:  # WHEN (...), a REFERENCING name's list
            i = tk.matching(t, i)
        elif word == "EXECUTE":
            name = tk.read_name(t, i + 2)
            if name is not None and name.end < len(t) and t[name.end].text == "(":
                out.arguments = _arguments(t, name.end + 1, tk.matching(t, name.end))
            return out
        i += 1
    return out


def _names(t: list[Token], i: int) -> tuple[list[str], int]:
    """Column names separated by commas from token i; the index after them."""
    names = [tk.word(t[i])] if i < len(t) else []
    i += 1
    while i + 1 < len(t) and t[i].token_type == TokenType.COMMA:
        names.append(tk.word(t[i + 1]))
        i += 2
    return names, i


def _arguments(t: list[Token], start: int, end: int) -> tuple[str, ...] | None:
    """A trigger function's arguments between tokens `start` and `end` (the parentheses)."""
    args: list[str] = []
    expect_value = True
    for tok in t[start:end]:
        kind = tok.token_type
        if not expect_value:
            if kind != TokenType.COMMA:
                return None
        elif kind in (TokenType.STRING, TokenType.IDENTIFIER):
            args.append(str(tok.text))
        elif kind == TokenType.NUMBER:
            args.append(integer_text(str(tok.text)))
        elif kind not in STRING_TOKENS and str(tok.text).isidentifier():
            args.append(str(tok.text).lower())  # a word: `some_name`, `on`, `true`
        else:
            return None
        expect_value = not expect_value
    return tuple(args)


def _function_schema(state: State, name: str) -> str:
    found = state.functions_named(None, name)
    return found[0][0] if found else state.default_schema


def alter_trigger(state: State, stmt: StatementView) -> None:
    """`ALTER TRIGGER name ON table RENAME TO new`; DEPENDS ON EXTENSION changes nothing
    the model holds."""
    t = tk.tokenize(stmt.text)
    i = tk.accept(t, 0, "ALTER", "TRIGGER")
    name = tk.read_name(t, i) if i else None
    on = name is not None and tk.upper(t, name.end) == "ON"
    target = tk.read_name(t, name.end + 1) if name is not None and on else None
    if name is None or target is None:
        state.skip(stmt.kind)
        return
    rest = [tk.upper(t, j) for j in range(target.end, len(t))]
    if rest[:2] == ["RENAME", "TO"] and len(rest) == 3:
        table = state.trigger_owner(target.schema, target.name)
        trigger = table.triggers.pop(name.name, None) if table is not None else None
        if table is None or trigger is None:
            state.skip(stmt.kind, f"trigger {name.name} is not created by these files")
            return
        trigger.name = tk.word(t[target.end + 2])
        table.triggers[trigger.name] = trigger
    elif "DEPENDS" not in rest[:2]:
        state.skip(stmt.kind)
