"""CREATE [OR REPLACE] FUNCTION / PROCEDURE: identity argument types, result as
`pg_get_function_result` prints it, language, volatility, SECURITY DEFINER and the body hash
the live side computes."""

from __future__ import annotations

import re

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
    state.functions[key] = FunctionDraft(
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


# First words of the ALTER FUNCTION actions: volatility and SECURITY are modeled, the others
# (owner, settings, cost, strictness, ...) change nothing the model holds.
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


def alter_function(state: State, stmt: StatementView) -> None:
    """`ALTER FUNCTION | PROCEDURE | ROUTINE name [(arguments)] action`: RENAME TO, SET
    SCHEMA, volatility and SECURITY DEFINER / INVOKER; actions on what the model does not
    hold (owner, settings, cost, ...) change nothing."""
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
        {*_VOLATILITY, "SECURITY"} & set(rest)
    )
    if not modeled:
        return
    if len(candidates) != 1:
        state.skip(stmt.kind, f"{name.name}: not exactly one routine of these files")
        return
    key = candidates[0]
    if rest[:2] in (["RENAME", "TO"], ["SET", "SCHEMA"]) and i + 2 < len(t):
        _move_function(state, key, tk.word(t[i + 2]), rest[0] == "SET")
        return
    fn = state.functions[key]
    for word in rest:
        if word in _VOLATILITY:
            fn.volatility = word.lower()
    if "SECURITY" in rest and rest.index("SECURITY") + 1 < len(rest):
        fn.security_definer = rest[rest.index("SECURITY") + 1] == "DEFINER"


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
