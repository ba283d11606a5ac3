"""CREATE [OR REPLACE] FUNCTION / PROCEDURE: identity argument types, result as
`pg_get_function_result` prints it, language, volatility, SECURITY DEFINER, STRICT, PARALLEL,
the SET clauses (as `pg_proc.proconfig` holds them) and the body hash the live side
computes."""

from __future__ import annotations

import re

from sqlglot.tokenizer_core import Token, TokenType

from schemacheck import normalize as norm
from schemacheck.ddl.facts import FUNCTION_CLAUSES
from schemacheck.ddl.params import read_param
from schemacheck.introspect import body_hash
from schemacheck.replay import tokens as tk
from schemacheck.replay.drafts import FunctionDraft, quote
from schemacheck.replay.state import State
from schemacheck.replay.stmt import StatementView
from schemacheck.replay.values import resolved_type, strip_typmod

# Words that end a RETURNS clause at the top level.
_CLAUSES = FUNCTION_CLAUSES
_LEADING_NAME = re.compile(r'("(?:[^"]|"")*"|\S+)\s+(.*)', re.DOTALL)
_QUOTED_BODY = re.compile(r"\bAS\s*(\$[A-Za-z0-9_]*\$|'|[Ee]')", re.IGNORECASE)


def create_function(state: State, stmt: StatementView) -> None:
    facts = stmt.facts
    routine = "procedure" if stmt.kind == "create_procedure" else "function"
    if facts.name is None or facts.arguments is None:
        state.skip(stmt.kind)
        return
    params = [p for p in (_param(state, a) for a in _split_args(facts.arguments)) if p]
    if any(p[2] is None for p in params):
        state.skip(stmt.kind, "argument type not known statically")
        return
    # PostgreSQL identifies a routine by its input types (proargtypes), a procedure too: its
    # OUT parameters are left out (`DROP PROCEDURE` may list them, and is matched either way)
    identity = tuple(t for mode, _, t in params if t is not None and mode != "out")
    schema = facts.name.schema or state.default_schema
    key = state.function_key(schema, facts.name.name, identity)
    if key in state.functions and not facts.or_replace:
        state.skip(stmt.kind, f"{facts.name.name} already exists")
        return
    body = facts.body if _QUOTED_BODY.search(stmt.text) else None
    draft = state.functions[key] = FunctionDraft(
        schema,
        facts.name.name,
        identity,
        routine=routine,
        returns=_resolved_result(
            state, _result(_returns_as_written(stmt) or facts.returns, params, routine)
        ),
        language=facts.language or "sql",
        volatility=facts.volatility or "volatile",
        security_definer=facts.security_definer,
        body_hash=body_hash(body) if body is not None else None,
        origin=stmt.location,
        all_arguments=tuple(norm.data_type(t) for _, _, t in params if t is not None),
    )
    t = tk.tokenize(stmt.text)
    opened = next((j for j, tok in enumerate(t) if tok.token_type == TokenType.L_PAREN), None)
    if opened is None:
        draft.settings = None
        return
    _options(draft, t, tk.matching(t, opened) + 1)


def _returns_as_written(stmt: StatementView) -> str | None:
    """The RETURNS clause with its quoted names' case kept (`TABLE ("Email" text)`)."""
    words = stmt.words
    if not words:
        return None
    base, depth, start = words[0].start, 0, None
    for i, w in enumerate(words):
        if w.kind == "punct" and w.value in ("(", "["):
            depth += 1
        elif w.kind == "punct" and w.value in (")", "]"):
            depth -= 1
        elif depth or w.upper not in _CLAUSES:
            continue
        elif start is None:
            nxt = words[i + 1].upper if i + 1 < len(words) else ""
            if w.upper == "RETURNS" and nxt != "NULL":
                start = i + 1
        else:
            if i == start:
                return None
            return " ".join(stmt.text[words[start].start - base : words[i - 1].end - base].split())
    return None


def _split_args(text: str) -> list[str]:
    tokens = tk.tokenize(text)
    return tk.split(text, tokens, 0, len(tokens)) if tokens else []


def _param(state: State, text: str) -> tuple[str, str, str | None] | None:
    """(mode, name, type without modifier) of one parameter; type None when not knowable."""
    read = read_param(text)
    if read is None:
        return None
    mode, name, t = read
    if t.lower().endswith("%type"):
        return (mode, name, _column_type(state, t[: -len("%type")]))
    return (mode, name, norm.data_type(strip_typmod(t)))


def _column_type(state: State, ref: str) -> str | None:
    parts = [p.strip('"') if p.startswith('"') else p.lower() for p in ref.split(".")]
    if len(parts) < 2:
        return None
    table = state.tables.get(
        state.resolve(parts[-3] if len(parts) > 2 else None, parts[-2], state.tables)
    )
    col = table.columns.get(parts[-1]) if table else None
    return norm.data_type(strip_typmod(col.type)) if col and col.type else None


def _resolved_result(state: State, result: str | None) -> str | None:
    """A result type named without a schema (an enum, or `SETOF` a table or view), resolved
    through the search path as PostgreSQL does when it creates the function."""
    if result is None:
        return None
    setof = result.startswith("SETOF ")
    base = result[len("SETOF ") :] if setof else result
    pools = (state.enums, state.tables, state.views)
    resolved = resolved_type(base, state.search_path, *pools)
    return f"SETOF {resolved}" if setof else resolved


def _result(
    returns: str | None, params: list[tuple[str, str, str | None]], routine: str
) -> str | None:
    """The result as pg_get_function_result prints it (types without modifiers)."""
    if routine == "procedure":
        return ""
    if returns is None:
        outs = [t for mode, _, t in params if mode in ("out", "inout")]
        return outs[0] if len(outs) == 1 else "record" if outs else None
    text = " ".join(returns.split())
    low = text.lower()
    if low.startswith("setof "):
        return "SETOF " + norm.data_type(strip_typmod(text[6:]))
    if low.startswith("table"):
        inner = text[text.find("(") + 1 : text.rfind(")")]
        cols = []
        for part in _split_args(inner):
            m = _LEADING_NAME.match(part.strip())
            name, type_ = (m.group(1), m.group(2)) if m else (part.strip(), "")
            folded = name[1:-1].replace('""', '"') if name.startswith('"') else name.lower()
            cols.append(f"{quote(folded)} {norm.data_type(strip_typmod(type_))}")
        return "TABLE(" + ", ".join(cols) + ")"
    return norm.data_type(strip_typmod(text))


# First words of the ALTER FUNCTION actions (see `_MODELED` for those that change the model).
_ALTER_WORDS = frozenset(
    {
        "RENAME",
        "IMMUTABLE",
        "STABLE",
        "VOLATILE",
        "SECURITY",
        "EXTERNAL",
        "OWNER",
        "SET",
        "RESET",
        "COST",
        "ROWS",
        "PARALLEL",
        "LEAKPROOF",
        "NOT",
        "STRICT",
        "CALLED",
        "RETURNS",
        "SUPPORT",
        "DEPENDS",
        "NO",
    }
)
_VOLATILITY = ("IMMUTABLE", "STABLE", "VOLATILE")
_MODELED = frozenset(
    {*_VOLATILITY, "SECURITY", "STRICT", "CALLED", "RETURNS", "PARALLEL", "SET", "RESET"}
)
"""Words of the ALTER actions on what the model holds (COST, ROWS, LEAKPROOF, SUPPORT: not)."""


def alter_function(state: State, stmt: StatementView) -> None:
    """`ALTER FUNCTION | PROCEDURE | ROUTINE name [(arguments)] action ...`: RENAME TO, SET
    SCHEMA, volatility, SECURITY DEFINER / INVOKER, STRICT / CALLED ON NULL INPUT, PARALLEL,
    SET and RESET; actions on what the model does not hold (owner, cost, rows, leakproof,
    ...) change nothing."""
    t = tk.tokenize(stmt.text)
    name = tk.read_name(t, 2) if tk.upper(t, 0) == "ALTER" else None
    if name is None:
        state.skip(stmt.kind)
        return
    i = name.end
    candidates = state.functions_named(name.schema, name.name)
    if i < len(t) and t[i].text == "(":
        close = tk.matching(t, i)
        params = [p for p in (_param(state, a) for a in tk.split(stmt.text, t, i + 1, close)) if p]
        inputs = tuple(t for mode, _, t in params if mode != "out" and t is not None)
        known = all(t is not None for _, _, t in params)
        candidates = [k for k in candidates if known and state.functions[k].named_by(inputs)]
        i = close + 1
    rest = [tk.upper(t, j) for j in range(i, len(t))]
    if not rest or rest[0] not in _ALTER_WORDS:
        state.skip(stmt.kind)
        return
    modeled = rest[:2] in (["RENAME", "TO"], ["SET", "SCHEMA"]) or bool(
        _MODELED & {_keyword(t, j) for j in range(i, len(t))}
    )
    if rest[0] in ("OWNER", "DEPENDS", "NO") or not modeled:
        return  # nothing the model holds
    if len(candidates) != 1:
        state.skip(stmt.kind, f"{name.name}: not exactly one routine of these files")
        return
    key = candidates[0]
    if rest[:2] in (["RENAME", "TO"], ["SET", "SCHEMA"]) and i + 2 < len(t):
        _move_function(state, key, tk.word(t[i + 2]), rest[0] == "SET")
        return
    _options(state.functions[key], t, i)


STRING_TOKENS = frozenset(
    {
        TokenType.STRING,
        TokenType.HEREDOC_STRING,
        TokenType.BYTE_STRING,
        TokenType.BIT_STRING,
        TokenType.HEX_STRING,
        TokenType.NATIONAL_STRING,
        TokenType.RAW_STRING,
        TokenType.UNICODE_STRING,
    }
)
_PARALLEL = {"SAFE": "safe", "RESTRICTED": "restricted", "UNSAFE": "unsafe"}
_NAME_LISTS = frozenset({"search_path", "temp_tablespaces"})
"""Settings whose values are names, which PostgreSQL stores quoted where needed."""


def _keyword(t: list[Token], i: int) -> str:
    """Token i upper-cased when it is a word (not a string, nor a quoted identifier)."""
    if i < len(t) and t[i].token_type in STRING_TOKENS:
        return ""
    return tk.upper(t, i)


def _options(fn: FunctionDraft, t: list[Token], i: int) -> None:
    """Apply the routine's options from token i on (the clauses of CREATE after the argument
    list, or the actions of ALTER): volatility, SECURITY, STRICT / CALLED ON NULL INPUT,
    PARALLEL, SET and RESET. A body after BEGIN ATOMIC or RETURN ends them."""
    while i < len(t):
        word = _keyword(t, i)
        if word in _VOLATILITY:
            fn.volatility = word.lower()
        elif word == "SECURITY" and _keyword(t, i + 1) in ("DEFINER", "INVOKER"):
            fn.security_definer = _keyword(t, i + 1) == "DEFINER"
            i += 1
        elif word == "STRICT":
            fn.strict = True
        elif (after := tk.accept(t, i, "RETURNS", "NULL", "ON", "NULL", "INPUT")) > i:
            fn.strict = True
            i = after
            continue
        elif (after := tk.accept(t, i, "CALLED", "ON", "NULL", "INPUT")) > i:
            fn.strict = False
            i = after
            continue
        elif word == "PARALLEL" and _keyword(t, i + 1) in _PARALLEL:
            fn.parallel = _PARALLEL[_keyword(t, i + 1)]
            i += 1
        elif word == "SET" and _keyword(t, i + 1) != "SCHEMA":
            i = _set(fn, t, i + 1)
            continue
        elif word == "RESET":
            if _keyword(t, i + 1) == "ALL":
                fn.settings = {}
            else:
                name = tk.read_name(t, i + 1)
                if name is None:
                    fn.settings = None
                    return
                if fn.settings is not None:
                    fn.settings.pop(_setting_name(name), None)
                i = name.end
                continue
            i += 1
        elif word in ("BEGIN", "RETURN"):
            return
        elif t[i].token_type == TokenType.L_PAREN:
            i = tk.matching(t, i)
        i += 1


def _setting_name(name: tk.Name) -> str:
    return (f"{name.schema}.{name.name}" if name.schema else name.name).lower()


def _set(fn: FunctionDraft, t: list[Token], i: int) -> int:
    """`name {TO | =} value [, ...] | name {TO | =} DEFAULT | name FROM CURRENT` at token i:
    the setting as PostgreSQL stores it (FROM CURRENT takes the session's value: not known
    statically). Returns the index after it."""
    name = tk.read_name(t, i)
    if name is None:
        fn.settings = None
        return len(t)
    key, j = _setting_name(name), name.end
    if tk.accept(t, j, "FROM", "CURRENT") > j:
        fn.settings = None
        return j + 2
    if _keyword(t, j) not in ("TO", "="):
        fn.settings = None
        return len(t)
    j += 1
    if _keyword(t, j) == "DEFAULT":
        if fn.settings is not None:
            fn.settings.pop(key, None)
        return j + 1
    values: list[str] = []
    while True:
        value, j = _value(t, j, names=key in _NAME_LISTS)
        if value is None:
            fn.settings = None
            return len(t)
        values.append(value)
        if j < len(t) and t[j].token_type == TokenType.COMMA:
            j += 1
            continue
        break
    if j < len(t) and t[j].token_type in STRING_TOKENS:  # a typed literal: INTERVAL '1 hour'
        fn.settings = None
        return len(t)
    if fn.settings is not None:
        fn.settings[key] = ", ".join(values)
    return j


def _value(t: list[Token], j: int, *, names: bool) -> tuple[str | None, int]:
    """One value of a SET clause as PostgreSQL flattens it (a string's text, an integer's
    value, a word folded; a name of a list quoted where needed), and the index after it."""
    if j >= len(t):
        return None, j
    tok, kind = t[j], t[j].token_type
    sign = ""
    if kind in (TokenType.DASH, TokenType.PLUS) and j + 1 < len(t):
        sign = "-" if kind == TokenType.DASH else ""
        j += 1
        tok, kind = t[j], t[j].token_type
        if kind != TokenType.NUMBER:
            return None, j
    text = str(tok.text)
    if kind in (TokenType.STRING, TokenType.IDENTIFIER):
        value = text
    elif kind == TokenType.NUMBER:
        value = sign + integer_text(text)
    elif kind in STRING_TOKENS or kind in (TokenType.COMMA, TokenType.L_PAREN, TokenType.R_PAREN):
        return None, j
    else:
        value = text.lower()
    if names and kind != TokenType.NUMBER:
        value = quote(value)
    return value, j + 1


def integer_text(text: str) -> str:
    """A number as PostgreSQL keeps it in a SET clause or a trigger's arguments: an integer
    that fits 32 bits as its value (`007` is `7`, `0x1F` is `31`), any other number as
    written."""
    digits = text.replace("_", "")
    try:
        value = int(digits, 0) if digits[:2].lower() in ("0x", "0o", "0b") else int(digits)
    except ValueError:
        return text
    return str(value) if -(2**31) <= value < 2**31 else text


def _move_function(
    state: State, key: tuple[str, str, tuple[str, ...]], target: str, to_schema: bool
) -> None:
    """Rename a routine (or move it to another schema); triggers calling it follow."""
    fn = state.functions.pop(key)
    old = (fn.schema, fn.name)
    if to_schema:
        fn.schema = target
    else:
        fn.name = target
    state.functions[(fn.schema, fn.name, key[2])] = fn
    if key[2]:
        return  # a trigger function takes no arguments
    for table in state.tables.values():
        for trigger in table.triggers.values():
            if trigger.function == old:
                trigger.function = (fn.schema, fn.name)
