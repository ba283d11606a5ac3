"""Schema-level objects other than tables, indexes, functions and triggers: schemas,
extensions, sequences, views, enum types; and SET search_path, which decides where
unqualified names go."""

from __future__ import annotations

from sqlglot import exp
from sqlglot.errors import SqlglotError
from sqlglot.tokenizer_core import Token, TokenType

from schemacheck.ddl.search_path import new_path
from schemacheck.model import sequence_bounds
from schemacheck.quiet import parse_one as quiet_parse_one
from schemacheck.replay import tokens as tk
from schemacheck.replay.drafts import (
    EnumDraft,
    ExtensionDraft,
    SchemaDraft,
    SequenceDraft,
    ViewDraft,
)
from schemacheck.replay.sqltext import DIALECT, qualified
from schemacheck.replay.state import State
from schemacheck.replay.stmt import StatementView
from schemacheck.replay.values import strip_typmod


def create_schema(state: State, stmt: StatementView) -> None:
    t = tk.tokenize(stmt.text)
    i = tk.accept(t, tk.accept(t, 0, "CREATE", "SCHEMA"), "IF", "NOT", "EXISTS")
    name = tk.read_name(t, i)
    if tk.upper(t, i) == "AUTHORIZATION" or name is None:
        state.skip(stmt.kind, "CREATE SCHEMA AUTHORIZATION")
        return
    if name.name not in state.schemas:
        state.schemas[name.name] = SchemaDraft(name.name, stmt.location)


def create_extension(state: State, stmt: StatementView) -> None:
    f = stmt.facts
    if f.name is None:
        state.skip(stmt.kind)
        return
    if f.name.name not in state.extensions:
        schema = f.extension_schema or state.default_schema
        state.extensions[f.name.name] = ExtensionDraft(f.name.name, schema, origin=stmt.location)


def set_search_path(state: State, stmt: StatementView) -> None:
    """`SET [SESSION|LOCAL] search_path TO a, b` (`RESET`): later unqualified names resolve
    there (`schemacheck.ddl.search_path` reads the path, as the lint rules do)."""
    change = new_path(stmt.kind, stmt.facts, stmt.text)
    if change is not None:
        state.search_path = change[0] or ["public"]


def create_sequence(state: State, stmt: StatementView) -> None:
    t = tk.tokenize(stmt.text)
    i = tk.accept(t, 0, "CREATE")
    for word in ("TEMPORARY", "TEMP", "UNLOGGED"):
        i = tk.accept(t, i, word)
    i = tk.accept(t, i, "SEQUENCE")
    ine = tk.accept(t, i, "IF", "NOT", "EXISTS")
    name = tk.read_name(t, ine)
    if name is None:
        state.skip(stmt.kind)
        return
    key = state.creating(name.schema, name.name)
    if state.relation_taken(*key):
        if ine == i:
            state.skip(stmt.kind, f"relation {name.name} already exists")
        return
    seq = SequenceDraft(key[0], key[1], origin=stmt.location)
    _sequence_options(state, seq, t, name.end, stmt.text, creating=True)
    state.sequences[key] = seq


def alter_sequence(state: State, stmt: StatementView) -> None:
    t = tk.tokenize(stmt.text)
    i = tk.accept(t, tk.accept(t, 0, "ALTER", "SEQUENCE"), "IF", "EXISTS")
    name = tk.read_name(t, i)
    if name is None:
        state.skip(stmt.kind)
        return
    key = state.resolve(name.schema, name.name, state.sequences)
    seq = state.sequences.get(key)
    if seq is None:
        state.skip(stmt.kind, f"sequence {name.name} is not created by these files")
        return
    if tk.upper(t, name.end) == "RENAME" and tk.upper(t, name.end + 1) == "TO":
        state.rename_sequence(key, tk.word(t[name.end + 2]))
        return
    if [tk.upper(t, j) for j in range(name.end, len(t))][:2] == ["SET", "SCHEMA"]:
        if seq.owned_by or name.end + 3 != len(t):
            # PostgreSQL refuses to move an owned sequence alone
            state.skip(stmt.kind, f"sequence {name.name} moved apart from its table")
        else:
            state.move_sequence(key, (tk.word(t[name.end + 2]), seq.name))
        return
    if tk.upper(t, name.end) in ("OWNER", "SET"):
        return
    _sequence_options(state, seq, t, name.end, stmt.text)


def _number(t: list[Token], i: int) -> tuple[int | None, int]:
    sign = 1
    if i < len(t) and t[i].text == "-":
        sign, i = -1, i + 1
    if i < len(t) and t[i].token_type == TokenType.NUMBER:
        return sign * int(t[i].text), i + 1
    return None, i + 1


_NO = object()
"""NO MINVALUE / NO MAXVALUE: the data type's bound."""


def _sequence_options(
    state: State,
    seq: SequenceDraft,
    t: list[Token],
    i: int,
    text: str,
    creating: bool = False,
) -> None:
    """CREATE or ALTER SEQUENCE options onto the draft. As PostgreSQL does, a bound not given
    is the data type's for the increment's sign when the sequence is created, and a bound
    that was the old data type's becomes the new one's when ALTER ... AS changes the type; a
    bound or cache that is not a number leaves it unknown."""
    minvalue: int | None = None
    start: int | None = None
    bounds: dict[str, object] = {}  # MINVALUE / MAXVALUE given: a number, _NO or None
    old_type = seq.data_type
    while i < len(t):
        u = tk.upper(t, i)
        if u == "NO" and tk.upper(t, i + 1) in ("MINVALUE", "MAXVALUE"):
            bounds[tk.upper(t, i + 1)] = _NO
            i += 2
        elif u == "NO" and tk.upper(t, i + 1) == "CYCLE":
            seq.cycle = False
            i += 2
        elif u == "CYCLE":
            seq.cycle = True
            i += 1
        elif u == "CACHE":
            seq.cache, i = _number(t, i + 1)
        elif u == "MAXVALUE":
            bounds["MAXVALUE"], i = _number(t, i + 1)
        elif u == "AS":
            j = i + 1
            while j < len(t) and tk.upper(t, j) not in _SEQUENCE_WORDS:
                j += 1
            seq.data_type = strip_typmod(tk.span(text, t, i + 1, j))
            i = j
        elif u == "START":
            start, i = _number(t, tk.accept(t, i + 1, "WITH"))
        elif u == "INCREMENT":
            inc, i = _number(t, tk.accept(t, i + 1, "BY"))
            seq.increment = inc if inc is not None else seq.increment
        elif u == "MINVALUE":
            minvalue, i = _number(t, i + 1)
            bounds["MINVALUE"] = minvalue
        elif u == "OWNED" and tk.upper(t, i + 1) == "BY":
            parts, i = _dotted(t, i + 2)
            if len(parts) >= 2:
                table = state.table(parts[-3] if len(parts) > 2 else None, parts[-2])
                seq.owned_by = (table.schema, table.name, parts[-1])
                state.sequences.note_owner(seq)
            else:
                seq.owned_by = None
        else:
            i += 1
    _bounds(seq, bounds, old_type, creating)
    if start is not None:
        seq.start = start
    elif creating and seq.increment < 0 and seq.max_value is not None:
        seq.start = seq.max_value  # counting down starts at the top
    elif minvalue is not None and seq.increment > 0:
        seq.start = minvalue
    elif seq.increment < 0 and seq.start == 1:
        seq.start = -1


def _bounds(seq: SequenceDraft, given: dict[str, object], old_type: str, creating: bool) -> None:
    """MINVALUE and MAXVALUE from the options `given`, the others as PostgreSQL's
    init_params sets them: on CREATE, NO MINVALUE or a bound that was the old data type's
    extreme when ALTER ... AS changes the type, the new type's bound (its extreme when the
    sequence counts that way or the bound was reset, else 1 or -1)."""
    top = _type_top(seq.data_type)
    changed = seq.data_type != old_type
    old_top = _type_top(old_type)
    for word, field, sign in (("MINVALUE", "min_value", -1), ("MAXVALUE", "max_value", 1)):
        value = given.get(word, _NO if creating else None)
        if isinstance(value, int) or (word in given and value is None):
            setattr(seq, field, value)  # a number, or a bound not understood (unknown)
            continue
        current = getattr(seq, field)
        reset = (
            (not creating)
            and changed
            and (
                old_top is None
                or current is None
                or current == (old_top if sign > 0 else -old_top - 1)
            )
        )
        if value is not _NO and not reset:
            continue
        if top is None or (changed and old_top is None) or (reset and current is None):
            setattr(seq, field, None)
        elif reset or (seq.increment > 0) == (sign > 0):
            setattr(seq, field, top if sign > 0 else -top - 1)
        else:
            setattr(seq, field, -sign)  # 1 counting up, -1 counting down


def _type_top(data_type: str) -> int | None:
    """The largest value of a sequence's data type (None: not one known here)."""
    bounds = sequence_bounds(data_type, 1)
    return bounds[1] if bounds is not None else None


def _dotted(t: list[Token], i: int) -> tuple[list[str], int]:
    """The parts of `a.b.c` starting at token i, and the index after it."""
    if i >= len(t):
        return [], i
    words = [tk.word(t[i])]
    j = i + 1
    while j + 1 < len(t) and t[j].token_type == TokenType.DOT:
        words.append(tk.word(t[j + 1]))
        j += 2
    return words, j


_SEQUENCE_WORDS = {"START", "INCREMENT", "MINVALUE", "MAXVALUE", "NO", "CACHE", "CYCLE", "OWNED"}


def create_view(state: State, stmt: StatementView) -> None:
    t = tk.tokenize(stmt.text)
    materialized = stmt.kind == "create_materialized_view"
    i = 0
    while i < len(t) and tk.upper(t, i) not in ("VIEW",):
        i += 1
    ine = tk.accept(t, i + 1, "IF", "NOT", "EXISTS")
    name = tk.read_name(t, ine)
    as_at = next(
        (j for j in range(i, len(t)) if tk.upper(t, j) == "AS" and _depth(t, j) == 0), None
    )
    if name is None or as_at is None:
        state.skip(stmt.kind)
        return
    end = len(t)
    for j in range(as_at, len(t)):
        if (
            tk.upper(t, j) == "WITH"
            and _depth(t, j) == 0
            and tk.upper(t, j + 1) in ("NO", "DATA", "CASCADED", "LOCAL", "CHECK")
        ):
            end = j
            break
    query = tk.span(stmt.text, t, as_at + 1, end)
    key = state.creating(name.schema, name.name)
    replace = "REPLACE" in [tk.upper(t, j) for j in range(i)]
    if key in state.views and not replace:
        if ine == i + 1:
            state.skip(stmt.kind, f"relation {name.name} already exists")
        return
    state.views[key] = ViewDraft(
        key[0], key[1], materialized, query, _read_tables(state, query), stmt.location
    )


def _depth(t: list[Token], j: int) -> int:
    depth = 0
    for x in t[:j]:
        if x.token_type == TokenType.L_PAREN:
            depth += 1
        elif x.token_type == TokenType.R_PAREN:
            depth -= 1
    return depth


def _read_tables(state: State, query: str) -> frozenset[tuple[str, str]]:
    try:
        tree = quiet_parse_one(query, read=DIALECT)
    except (SqlglotError, ValueError):
        return frozenset()
    ctes = {c.alias_or_name.lower() for c in tree.find_all(exp.CTE)}
    keys = set()
    for table in tree.find_all(exp.Table):
        schema, name = qualified(table)
        if schema is None and name in ctes:
            continue
        pool = {**state.tables, **state.views}
        keys.add(state.resolve(schema, name, pool))
    return frozenset(keys)


def create_type(state: State, stmt: StatementView) -> None:
    f = stmt.facts
    if f.name is None or not _is_enum(stmt.text):
        state.skip(stmt.kind, "only enum types are modeled")
        return
    key = state.creating(f.name.schema, f.name.name)
    state.enums[key] = EnumDraft(key[0], key[1], list(f.labels), stmt.location)


def _is_enum(text: str) -> bool:
    t = tk.tokenize(text)
    return any(tk.upper(t, j) == "AS" and tk.upper(t, j + 1) == "ENUM" for j in range(len(t)))


def alter_type(state: State, stmt: StatementView) -> None:
    t = tk.tokenize(stmt.text)
    name = tk.read_name(t, tk.accept(t, 0, "ALTER", "TYPE"))
    if name is None:
        state.skip(stmt.kind)
        return
    key = state.resolve(name.schema, name.name, state.enums)
    enum = state.enums.get(key)
    i = name.end
    if enum is None:
        state.skip(stmt.kind, f"type {name.name} is not created by these files")
        return
    if tk.accept(t, i, "ADD", "VALUE") > i:
        j = tk.accept(t, i + 2, "IF", "NOT", "EXISTS")
        strings = [x.text for x in t[j:] if x.token_type == TokenType.STRING]
        if not strings or strings[0] in enum.labels:
            return
        label = strings[0]
        where = tk.upper(t, j + 1)
        if where in ("BEFORE", "AFTER") and len(strings) > 1 and strings[1] in enum.labels:
            at = enum.labels.index(strings[1]) + (where == "AFTER")
            enum.labels.insert(at, label)
        else:
            enum.labels.append(label)
    elif tk.accept(t, i, "RENAME", "VALUE") > i:
        strings = [x.text for x in t[i:] if x.token_type == TokenType.STRING]
        if len(strings) == 2 and strings[0] in enum.labels:
            enum.labels[enum.labels.index(strings[0])] = strings[1]
    elif tk.accept(t, i, "RENAME", "TO") > i and i + 2 < len(t):
        state.rename_type(key, tk.word(t[i + 2]))
    elif tk.upper(t, i) != "OWNER":
        state.skip(stmt.kind)


def alter_index(state: State, stmt: StatementView) -> None:
    t = tk.tokenize(stmt.text)
    i = tk.accept(t, tk.accept(t, 0, "ALTER", "INDEX"), "IF", "EXISTS")
    name = tk.read_name(t, i)
    if name is None:
        state.skip(stmt.kind)
        return
    key = state.resolve(name.schema, name.name, state.indexes)
    if tk.accept(t, name.end, "RENAME", "TO") > name.end and name.end + 2 < len(t):
        if not state.rename_index(key, tk.word(t[name.end + 2])):
            state.skip(stmt.kind, f"index {name.name} is not created by these files")
    elif tk.upper(t, name.end) not in ("SET", "RESET", "OWNER"):
        state.skip(stmt.kind)


def alter_view(state: State, stmt: StatementView) -> None:
    """`ALTER [MATERIALIZED] VIEW name RENAME TO new | SET SCHEMA s`; owner, options and
    column defaults change nothing the model holds."""
    t = tk.tokenize(stmt.text)
    i = next((j for j in range(len(t)) if tk.upper(t, j) == "VIEW"), len(t))
    name = tk.read_name(t, tk.accept(t, i + 1, "IF", "EXISTS"))
    if name is None:
        state.skip(stmt.kind)
        return
    rest = [tk.upper(t, j) for j in range(name.end, len(t))]
    if rest[:2] in (["RENAME", "TO"], ["SET", "SCHEMA"]) and len(rest) == 3:
        key = state.resolve(name.schema, name.name, state.views)
        if key not in state.views:
            state.skip(stmt.kind, f"view {name.name} is not created by these files")
            return
        target = tk.word(t[name.end + 2])
        state.move_view(key, (target, key[1]) if rest[0] == "SET" else (key[0], target))
    elif rest[:1] in (["OWNER"], ["SET"], ["RESET"]) or (
        rest[:1] == ["ALTER"] and ("DEFAULT" in rest)
    ):
        return
    else:
        state.skip(stmt.kind)
