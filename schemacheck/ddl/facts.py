"""Token-level recovery of a statement's kind and facts.

This does not depend on sqlglot's parser: it reads the words of every statement the same way,
whether sqlglot parsed it, fell back to `exp.Command` (CREATE FUNCTION ... RETURNS TRIGGER,
DO, CREATE EXTENSION, ALTER TABLE ... VALIDATE CONSTRAINT, ALTER TYPE ... ADD VALUE, ...) or
raised (CLUSTER ... USING, RELEASE SAVEPOINT, ...). `recover` returns the kind, the facts and
whether the reading was complete (a statement that is neither parsed by sqlglot nor read
completely here is reported as unparseable).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from typing import Any, TypeVar

from schemacheck.ddl.lexer import blank_out, lex
from schemacheck.ddl.statement import (
    AlterAction,
    ColumnFact,
    ConstraintFact,
    ObjectName,
    StatementFacts,
    Word,
)
from schemacheck.ddl.words import Cursor, balanced, collapse, split_top_level

# Object types after CREATE / ALTER / DROP, longest first.
_OBJECT_TYPES: tuple[str, ...] = tuple(
    sorted(
        [
            "TABLE",
            "INDEX",
            "FUNCTION",
            "PROCEDURE",
            "ROUTINE",
            "TRIGGER",
            "VIEW",
            "MATERIALIZED VIEW",
            "SEQUENCE",
            "SCHEMA",
            "EXTENSION",
            "TYPE",
            "DOMAIN",
            "POLICY",
            "RULE",
            "ROLE",
            "USER",
            "USER MAPPING",
            "GROUP",
            "AGGREGATE",
            "OPERATOR",
            "OPERATOR CLASS",
            "OPERATOR FAMILY",
            "COLLATION",
            "CONVERSION",
            "CAST",
            "LANGUAGE",
            "PUBLICATION",
            "SUBSCRIPTION",
            "SERVER",
            "STATISTICS",
            "TABLESPACE",
            "DATABASE",
            "TRANSFORM",
            "EVENT TRIGGER",
            "FOREIGN TABLE",
            "FOREIGN DATA WRAPPER",
            "TEXT SEARCH CONFIGURATION",
            "TEXT SEARCH DICTIONARY",
            "TEXT SEARCH PARSER",
            "TEXT SEARCH TEMPLATE",
            "ACCESS METHOD",
            "LARGE OBJECT",
            "DEFAULT PRIVILEGES",
            "SYSTEM",
            "OWNED",
        ],
        key=lambda s: -len(s.split()),
    )
)
_CREATE_MODIFIERS = frozenset(
    {
        "TEMP",
        "TEMPORARY",
        "UNLOGGED",
        "GLOBAL",
        "LOCAL",
        "UNIQUE",
        "RECURSIVE",
        "TRUSTED",
        "PROCEDURAL",
        "CONSTRAINT",
        "DEFAULT",
    }
)
_CONSTRAINT_STARTS = frozenset({"CONSTRAINT", "CHECK", "UNIQUE", "PRIMARY", "FOREIGN", "EXCLUDE"})
_COLUMN_CONSTRAINT_WORDS = frozenset(
    {
        "NOT",
        "NULL",
        "DEFAULT",
        "PRIMARY",
        "UNIQUE",
        "CHECK",
        "REFERENCES",
        "CONSTRAINT",
        "GENERATED",
        "COLLATE",
        "DEFERRABLE",
        "INITIALLY",
        "COMPRESSION",
        "STORAGE",
    }
)
_DEFAULT_ENDS = _COLUMN_CONSTRAINT_WORDS - {"NULL"}  # a DEFAULT expression may hold NULL
# Words that end a RETURNS clause (or a clause of CREATE FUNCTION) at the top level.
FUNCTION_CLAUSES = frozenset(
    {
        "LANGUAGE",
        "AS",
        "IMMUTABLE",
        "STABLE",
        "VOLATILE",
        "SECURITY",
        "STRICT",
        "CALLED",
        "PARALLEL",
        "COST",
        "ROWS",
        "SET",
        "WINDOW",
        "LEAKPROOF",
        "NOT",
        "TRANSFORM",
        "SUPPORT",
        "EXTERNAL",
        "BEGIN",
        "RETURN",
        "RETURNS",
    }
)


_T = TypeVar("_T", StatementFacts, ConstraintFact)


def _replace(facts: _T, **changes: Any) -> _T:
    """`dataclasses.replace` of frozen facts (they have no __post_init__ and every field is an
    init field), without its per-field lookups over StatementFacts' 35 fields."""
    new = object.__new__(type(facts))
    d = new.__dict__
    d.update(facts.__dict__)
    d.update(changes)
    return new


@dataclasses.dataclass
class Recovered:
    kind: str
    facts: StatementFacts
    complete: bool


def _text(cur: Cursor, rng: tuple[int, int]) -> str:
    """The text of a range of words, its comments left out, whitespace-collapsed."""
    text = cur.text(rng)
    if "--" in text or "/*" in text:
        text = without_comments(text)
    return collapse(text)


def without_comments(text: str) -> str:
    """`text` with each comment (`-- ...`, `/* ... */`, nested) blanked out, strings, quoted
    names and dollar quotes kept."""
    comments = lex(text).comments
    return blank_out(text, [(c.start, c.end) for c in comments]) if comments else text


_QUOTED_OR_NOT = re.compile(r'("(?:[^"]|"")*"?)|([^"]+)')


def _type_text(cur: Cursor, rng: tuple[int, int]) -> str:
    """A type as written, whitespace-collapsed, lower-cased outside double quotes (PostgreSQL
    folds `SETOF Messages` to `setof messages` but keeps `"Msg"`)."""
    return _QUOTED_OR_NOT.sub(
        lambda m: m.group(1) if m.group(1) is not None else m.group(2).lower(), _text(cur, rng)
    )


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == "'":
        return value[1:-1].replace("''", "'")
    return value


def _parens_text(cur: Cursor) -> str | None:
    rng = cur.skip_parens()
    return None if rng is None else _text(cur, rng)


# The characters of an operator's name. The tokenizer splits some runs of them into several
# punctuation words (`===` is `==` `=`), so a name is read as the adjacent ones.
_OPERATOR_CHARS = frozenset("+-*/<>=~!@#%^&|`?")


def _operator_word(w: Word | None) -> bool:
    return w is not None and w.kind == "punct" and bool(w.value) and set(w.value) <= _OPERATOR_CHARS


def _operator_name(cur: Cursor) -> ObjectName | None:
    """An operator's name, `===` or `public.===`, or None (nothing read)."""
    start = cur.pos
    schema: str | None = None
    w = cur.peek()
    dot = cur.peek(1)
    if w is not None and w.is_name and dot is not None and dot.kind == "punct" and dot.value == ".":
        schema = w.folded
        cur.pos += 2
    first = cur.peek()
    if first is None or not _operator_word(first):
        cur.pos = start
        return None
    parts = [first.value]
    end = first.end
    cur.pos += 1
    while _operator_word(nxt := cur.peek()) and nxt is not None and nxt.start == end:
        parts.append(nxt.value)
        end = nxt.end
        cur.pos += 1
    return ObjectName("".join(parts), schema)


def _object_types_by_first_word() -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for ot in _OBJECT_TYPES:
        parts = tuple(ot.split())
        out.setdefault(parts[0], []).append((ot, parts))
    return {k: tuple(v) for k, v in out.items()}


# `_OBJECT_TYPES` grouped by first word, in the same order (longest first), so that only the
# types that can match the next word are tried.
_OBJECT_TYPES_BY_FIRST = _object_types_by_first_word()


def _object_type(cur: Cursor) -> str | None:
    w = cur.peek()
    if w is None:
        return None
    first = w.value.upper() if w.kind == "word" else w.value  # as `Cursor.at` compares
    for ot, parts in _OBJECT_TYPES_BY_FIRST.get(first, ()):
        if cur.accept(*parts):
            return ot
    return None


def _kind_name(verb: str, object_type: str) -> str:
    return f"{verb}_{object_type.lower().replace(' ', '_')}"


def recover(words: Sequence[Word], source: str) -> Recovered:
    """Kind and facts of one statement's words (no `;`)."""
    cur = Cursor(words, source)
    if cur.at_end():
        return Recovered("empty", StatementFacts(), True)
    ok = balanced(words)
    first = cur.peek_upper()
    try:
        if first == "WITH":
            _skip_ctes(cur)
            first = cur.peek_upper()
            if not first:
                return Recovered("unknown", StatementFacts(), False)
        reader = _READERS.get(first)
        if reader is None:
            simple = _SIMPLE_KINDS.get(first)
            if simple is not None:
                return Recovered(simple, StatementFacts(), ok)
            return Recovered("unknown", StatementFacts(), False)
        kind, facts, complete = reader(cur)
        return Recovered(kind, facts, complete and ok)
    except (IndexError, ValueError, AttributeError):  # defensive: odd token sequences
        return Recovered("unknown", StatementFacts(), False)


def _skip_ctes(cur: Cursor) -> None:
    cur.accept("WITH")
    cur.accept("RECURSIVE")
    while not cur.at_end():
        if cur.ident() is None:
            return
        if cur.at("("):
            cur.skip_parens()
        if not cur.accept("AS"):
            return
        cur.accept("NOT")
        cur.accept("MATERIALIZED")
        if cur.skip_parens() is None:
            return
        # SEARCH / CYCLE clauses
        if cur.at("SEARCH") or cur.at("CYCLE"):
            cur.until([",", "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "VALUES"])
        if not cur.accept(","):
            return


# ---------------------------------------------------------------- CREATE


def _read_create(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("CREATE")
    or_replace = cur.accept("OR", "REPLACE")
    temporary = unique = False
    while cur.peek_upper() in _CREATE_MODIFIERS:
        w = cur.peek_upper()
        if w == "DEFAULT" and not cur.at("DEFAULT", "CONVERSION"):
            break
        if w == "CONSTRAINT" and not cur.at("CONSTRAINT", "TRIGGER"):
            break
        temporary |= w in ("TEMP", "TEMPORARY")
        unique |= w == "UNIQUE"
        cur.next()
    ot = _object_type(cur)
    if ot is None:
        return ("create_unknown", StatementFacts(or_replace=or_replace), False)
    base = StatementFacts(
        object_type=ot.lower(), or_replace=or_replace, temporary=temporary, unique=unique
    )
    kind = _kind_name("create", ot)
    if ot == "TABLE" or ot == "FOREIGN TABLE":
        return _create_table(cur, base, kind)
    if ot == "INDEX":
        return _create_index(cur, base)
    if ot in ("FUNCTION", "PROCEDURE"):
        return _create_function(cur, base, kind)
    if ot == "TRIGGER":
        return _create_trigger(cur, base)
    if ot == "EXTENSION":
        return _create_extension(cur, base)
    if ot == "TYPE":
        return _create_type(cur, base)
    if ot in ("POLICY", "RULE"):
        return _create_on_table(cur, base, kind)
    if ot == "SCHEMA":
        ine = cur.accept("IF", "NOT", "EXISTS")
        if cur.accept("AUTHORIZATION"):
            role = cur.ident()
            name = ObjectName(role) if role else None
        else:
            name = cur.name()
        return (
            kind,
            _replace(base, name=name, names=_one(name), if_not_exists=ine),
            name is not None,
        )
    if ot == "CAST":
        signature = _parens_text(cur)
        return (kind, _replace(base, arguments=signature), signature is not None)
    if ot == "TRANSFORM":
        return _transform(cur, base, kind)
    if ot == "OPERATOR":
        name = _operator_name(cur)
        complete = name is not None and cur.skip_parens() is not None and cur.at_end()
        return (kind, _replace(base, name=name, names=_one(name)), complete)
    ine = cur.accept("IF", "NOT", "EXISTS")
    name = cur.name()
    return (
        kind,
        _replace(base, name=name, names=_one(name), if_not_exists=ine),
        name is not None,
    )


def _one(name: ObjectName | None) -> tuple[ObjectName, ...]:
    return (name,) if name is not None else ()


def _transform(cur: Cursor, base: StatementFacts, kind: str) -> tuple[str, StatementFacts, bool]:
    """`[CREATE | DROP] TRANSFORM [IF EXISTS] FOR type LANGUAGE lang ...`: a transform has no
    name; its type goes to `arguments` (as a cast's `source AS target` does), its language to
    `language`. Completeness covers the part up to the language."""
    if not cur.accept("FOR"):
        return (kind, base, False)
    rng = cur.until(["LANGUAGE"])
    lang = cur.ident() if cur.accept("LANGUAGE") else None
    type_text = _type_text(cur, rng) if rng[0] < rng[1] else None
    facts = _replace(base, arguments=type_text, language=lang)
    return (kind, facts, type_text is not None and lang is not None)


def _create_table(cur: Cursor, base: StatementFacts, kind: str) -> tuple[str, StatementFacts, bool]:
    ine = cur.accept("IF", "NOT", "EXISTS")
    name = cur.name()
    if name is None:
        return (kind, base, False)
    facts = _replace(base, name=name, names=(name,), if_not_exists=ine)
    if cur.accept("PARTITION", "OF"):
        parent = cur.name()
        facts = _replace(facts, partition_of=parent)
        if cur.at("("):
            rng = cur.skip_parens()
            assert rng is not None
            cols, cons, ok = _table_elements(cur, rng)
            facts = _replace(facts, columns=cols, constraints=cons)
            return (kind, facts, ok)
        return (kind, facts, parent is not None)
    if cur.accept("OF"):
        return (kind, facts, cur.name() is not None)
    if cur.at("("):
        rng = cur.skip_parens()
        assert rng is not None
        save = cur.pos
        cols, cons, ok = _table_elements(cur, rng)
        cur.pos = save
        facts = _replace(facts, columns=cols, constraints=cons)
        cur.until(["AS"])
        if cur.accept("AS"):
            return ("create_table_as", facts, True)
        return (kind, facts, ok)
    cur.until(["AS"])
    if cur.accept("AS"):
        return ("create_table_as", facts, True)
    return (kind, facts, False)


def _table_elements(
    cur: Cursor, rng: tuple[int, int]
) -> tuple[tuple[ColumnFact, ...], tuple[ConstraintFact, ...], bool]:
    inner = cur.words[rng[0] : rng[1]]
    cols: list[ColumnFact] = []
    cons: list[ConstraintFact] = []
    ok = True
    for a, b in split_top_level(inner):
        sub = cur.sub(rng[0] + a, rng[0] + b)
        head = sub.peek_upper()
        if head in _CONSTRAINT_STARTS:
            con = _table_constraint(sub)
            if con is None:
                ok = False
            else:
                cons.append(con)
        elif head == "LIKE":
            continue
        else:
            col = _column_def(sub)
            if col is None:
                ok = False
            else:
                cols.append(col)
    return tuple(cols), tuple(cons), ok


def _column_def(cur: Cursor) -> ColumnFact | None:
    """`name type [constraints...]` (cursor at the name)."""
    name = cur.ident()
    if name is None:
        return None
    type_rng = cur.until(_COLUMN_CONSTRAINT_WORDS)
    data_type = _type_text(cur, type_rng)
    if not data_type:
        return None
    not_null = primary = unique = identity = generated = False
    default: str | None = None
    references: ObjectName | None = None
    ref_columns: tuple[str, ...] = ()
    on_delete: str | None = None
    check: str | None = None
    collation: str | None = None
    while not cur.at_end():
        # each branch needs its first word: test it before the (slower) accept
        head = cur.keys[cur.pos]
        if head == "CONSTRAINT" and cur.accept("CONSTRAINT"):
            cur.ident()
        elif head == "NOT" and cur.accept("NOT", "NULL"):
            not_null = True
        elif head == "NULL" and cur.accept("NULL"):
            pass
        elif head == "DEFAULT" and cur.accept("DEFAULT"):
            rng = cur.until(_DEFAULT_ENDS)
            default = _text(cur, rng)
        elif head == "PRIMARY" and cur.accept("PRIMARY", "KEY"):
            primary = True
            not_null = True
            _index_params(cur)
        elif head == "UNIQUE" and cur.accept("UNIQUE"):
            unique = True
            if cur.accept("NULLS"):
                cur.accept("NOT")
                cur.accept("DISTINCT")
            _index_params(cur)
        elif head == "CHECK" and cur.accept("CHECK"):
            check = _parens_text(cur)
            cur.accept("NO", "INHERIT")
        elif head == "REFERENCES" and cur.accept("REFERENCES"):
            references = cur.name()
            if cur.at("("):
                ref_columns = _ident_list(cur)
            on_delete, _ = _fk_tail(cur)
        elif head == "GENERATED" and cur.accept("GENERATED"):
            if cur.accept("ALWAYS") or cur.accept("BY", "DEFAULT"):
                pass
            if cur.accept("AS", "IDENTITY"):
                identity = True
                not_null = True
                if cur.at("("):
                    cur.skip_parens()
            elif cur.accept("AS"):
                generated = True
                cur.skip_parens()
                cur.accept("STORED")
                cur.accept("VIRTUAL")
        elif head == "COLLATE" and cur.accept("COLLATE"):
            n = cur.name()
            collation = n.qualified if n else None
        elif cur.accept_any(
            "DEFERRABLE", "NOT DEFERRABLE", "INITIALLY DEFERRED", "INITIALLY IMMEDIATE"
        ):
            pass
        elif head in ("COMPRESSION", "STORAGE"):
            cur.pos += 1
            cur.next()
        else:
            return None
    return ColumnFact(
        name=name,
        data_type=data_type,
        not_null=not_null,
        default=default,
        primary_key=primary,
        unique=unique,
        references=references,
        ref_columns=ref_columns,
        on_delete=on_delete,
        identity=identity,
        generated=generated,
        check=check,
        collation=collation,
    )


def _index_params(cur: Cursor) -> None:
    while True:
        if cur.accept("INCLUDE") or cur.accept("WITH"):
            cur.skip_parens()
        elif cur.accept("USING", "INDEX", "TABLESPACE"):
            cur.ident()
        else:
            return


def _ident_list(cur: Cursor) -> tuple[str, ...]:
    rng = cur.skip_parens()
    if rng is None:
        return ()
    names: list[str] = []
    for a, b in split_top_level(cur.words[rng[0] : rng[1]]):
        w = cur.words[rng[0] + a]
        if w.is_name:
            names.append(w.folded)
        del b
    return tuple(names)


def _fk_tail(cur: Cursor) -> tuple[str | None, str | None]:
    on_delete = on_update = None
    while True:
        if cur.accept("MATCH"):
            cur.next()
        elif cur.accept("ON", "DELETE"):
            on_delete = _fk_action(cur)
        elif cur.accept("ON", "UPDATE"):
            on_update = _fk_action(cur)
        else:
            return on_delete, on_update


def _fk_action(cur: Cursor) -> str:
    got = cur.accept_any("NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT")
    if got and got.startswith("SET") and cur.at("("):
        cur.skip_parens()
    return (got or "").lower()


def _table_constraint(cur: Cursor) -> ConstraintFact | None:
    start = cur.pos
    name: str | None = None
    if cur.accept("CONSTRAINT"):
        name = cur.ident()
    deferrable = False
    con: ConstraintFact | None
    if cur.accept("CHECK"):
        con = ConstraintFact("check", name, expression=_parens_text(cur))
        cur.accept("NO", "INHERIT")
    elif cur.accept("UNIQUE") or cur.at("PRIMARY", "KEY"):
        ctype = "unique"
        if cur.accept("PRIMARY", "KEY"):
            ctype = "primary_key"
        if cur.accept("NULLS"):
            cur.accept("NOT")
            cur.accept("DISTINCT")
        if cur.accept("USING", "INDEX") and not cur.at("TABLESPACE"):
            con = ConstraintFact(ctype, name, using_index=cur.ident())
        else:
            cols = _ident_list(cur) if cur.at("(") else ()
            _index_params(cur)
            con = ConstraintFact(ctype, name, columns=cols)
    elif cur.accept("FOREIGN", "KEY"):
        cols = _ident_list(cur)
        if not cur.accept("REFERENCES"):
            return None
        ref = cur.name()
        ref_cols = _ident_list(cur) if cur.at("(") else ()
        on_delete, on_update = _fk_tail(cur)
        con = ConstraintFact(
            "foreign_key",
            name,
            columns=cols,
            references=ref,
            ref_columns=ref_cols,
            on_delete=on_delete,
            on_update=on_update,
        )
    elif cur.accept("EXCLUDE"):
        if cur.accept("USING"):
            cur.ident()
        con = ConstraintFact("exclude", name, expression=_parens_text(cur))
        _index_params(cur)
        if cur.accept("WHERE"):
            cur.skip_parens()
    elif cur.accept("NOT", "NULL"):
        col = cur.ident()
        con = ConstraintFact("not_null", name, columns=(col,) if col else ())
    else:
        return None
    not_valid = False
    while not cur.at_end():
        if cur.accept("NOT", "VALID"):
            not_valid = True
        elif cur.accept("NOT", "DEFERRABLE"):
            deferrable = False
        elif cur.accept("DEFERRABLE"):
            deferrable = True
        elif cur.accept_any(
            "INITIALLY DEFERRED", "INITIALLY IMMEDIATE", "NO INHERIT", "NOT ENFORCED", "ENFORCED"
        ):
            pass
        else:
            return None
    return _replace(
        con,
        not_valid=not_valid,
        deferrable=deferrable,
        text=collapse(cur.text((start, cur.pos))),
    )


def _create_index(cur: Cursor, base: StatementFacts) -> tuple[str, StatementFacts, bool]:
    concurrently = cur.accept("CONCURRENTLY")
    ine = cur.accept("IF", "NOT", "EXISTS")
    name: ObjectName | None = None
    if not cur.at("ON"):
        name = cur.name()
    if not cur.accept("ON"):
        return ("create_index", base, False)
    only = cur.accept("ONLY")
    table = cur.name()
    method = None
    if cur.accept("USING"):
        method = cur.ident()
    columns = _parens_text(cur)
    cur.until(["WHERE"])
    where = _text(cur, cur.rest()) if cur.accept("WHERE") else None
    facts = _replace(
        base,
        name=name,
        names=_one(name),
        table=table,
        concurrently=concurrently,
        if_not_exists=ine,
        only=only,
        index_method=method.lower() if method else None,
        index_columns=columns,
        index_where=where,
    )
    return ("create_index", facts, table is not None and columns is not None)


def _create_function(
    cur: Cursor, base: StatementFacts, kind: str
) -> tuple[str, StatementFacts, bool]:
    name = cur.name()
    if name is None:
        return (kind, base, False)
    arguments = _parens_text(cur)
    returns = language = body = volatility = None
    security_definer = False
    while not cur.at_end():
        if cur.accept("RETURNS", "NULL", "ON", "NULL", "INPUT"):
            pass
        elif cur.accept("RETURNS"):
            rng = cur.until(FUNCTION_CLAUSES)
            returns = _type_text(cur, rng)
        elif cur.accept("LANGUAGE"):
            w = cur.next()
            language = w.value.lower() if w else None
        elif cur.accept("AS"):
            body = cur.string()
            if cur.accept(","):
                cur.string()
        elif cur.accept("BEGIN", "ATOMIC"):
            rng = cur.rest()
            text = cur.text(rng)
            body = text[: text.upper().rfind("END")].strip() if "END" in text.upper() else text
        elif cur.accept("RETURN"):
            body = "RETURN " + _text(cur, cur.rest())
        elif cur.peek_upper() in ("IMMUTABLE", "STABLE", "VOLATILE"):
            volatility = cur.peek_upper().lower()
            cur.next()
        elif cur.accept("SECURITY", "DEFINER") or cur.accept("EXTERNAL", "SECURITY", "DEFINER"):
            security_definer = True
        elif cur.accept("SET"):
            cur.until(FUNCTION_CLAUSES)
        else:
            cur.next()
    facts = _replace(
        base,
        name=name,
        names=(name,),
        arguments=arguments,
        returns=returns,
        language=language,
        body=body,
        volatility=volatility,
        security_definer=security_definer,
    )
    return (kind, facts, arguments is not None and (body is not None or returns is not None))


def _create_trigger(cur: Cursor, base: StatementFacts) -> tuple[str, StatementFacts, bool]:
    name = cur.ident()
    timing = cur.accept_any("BEFORE", "AFTER", "INSTEAD OF")
    events: list[str] = []
    while True:
        ev = cur.accept_any("INSERT", "UPDATE", "DELETE", "TRUNCATE")
        if ev is None:
            break
        events.append(ev.lower())
        if cur.accept("OF"):
            cur.until(["OR", "ON"])
        if not cur.accept("OR"):
            break
    table = cur.name() if cur.accept("ON") else None
    for_each_row = False
    function: ObjectName | None = None
    while not cur.at_end():
        if cur.accept("FOR"):
            cur.accept("EACH")
            for_each_row = cur.accept("ROW")
            cur.accept("STATEMENT")
        elif cur.accept("EXECUTE"):
            cur.accept_any("FUNCTION", "PROCEDURE")
            function = cur.name()
            cur.skip_parens()
        elif cur.accept("WHEN"):
            cur.skip_parens()
        else:
            cur.next()
    facts = _replace(
        base,
        name=ObjectName(name) if name else None,
        names=(ObjectName(name),) if name else (),
        table=table,
        timing=timing.lower() if timing else None,
        events=tuple(events),
        for_each_row=for_each_row,
        function=function,
    )
    return ("create_trigger", facts, bool(name and table and function))


def _create_extension(cur: Cursor, base: StatementFacts) -> tuple[str, StatementFacts, bool]:
    ine = cur.accept("IF", "NOT", "EXISTS")
    name = cur.ident()
    schema = None
    cascade = False
    cur.accept("WITH")
    while not cur.at_end():
        if cur.accept("SCHEMA"):
            schema = cur.ident()
        elif cur.accept("VERSION"):
            cur.next()
        elif cur.accept("CASCADE"):
            cascade = True
        else:
            cur.next()
    facts = _replace(
        base,
        name=ObjectName(name) if name else None,
        names=(ObjectName(name),) if name else (),
        if_not_exists=ine,
        extension_schema=schema,
        cascade=cascade,
    )
    return ("create_extension", facts, name is not None)


def _create_type(cur: Cursor, base: StatementFacts) -> tuple[str, StatementFacts, bool]:
    name = cur.name()
    labels: tuple[str, ...] = ()
    if cur.accept("AS", "ENUM"):
        rng = cur.skip_parens()
        if rng is not None:
            labels = tuple(w.value for w in cur.words[rng[0] : rng[1]] if w.kind == "string")
    facts = _replace(base, name=name, names=_one(name), labels=labels)
    return ("create_type", facts, name is not None)


def _create_on_table(
    cur: Cursor, base: StatementFacts, kind: str
) -> tuple[str, StatementFacts, bool]:
    name = cur.ident()
    cur.until(["ON"])
    cur.accept("ON")
    if kind == "create_rule":
        cur.accept_any("SELECT", "INSERT", "UPDATE", "DELETE")
        cur.accept("TO")
    table = cur.name()
    facts = _replace(
        base,
        name=ObjectName(name) if name else None,
        names=(ObjectName(name),) if name else (),
        table=table,
    )
    return (kind, facts, bool(name and table))


# ---------------------------------------------------------------- ALTER


def _read_alter(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("ALTER")
    ot = _object_type(cur)
    if ot is None:
        return ("alter_unknown", StatementFacts(), False)
    kind = _kind_name("alter", ot)
    base = StatementFacts(object_type=ot.lower())
    if ot in ("TABLE", "FOREIGN TABLE"):
        return _alter_table(cur, base, kind)
    if ot == "TYPE":
        return _alter_type(cur, base)
    if ot in ("SYSTEM", "DEFAULT PRIVILEGES"):
        return (kind, base, True)
    ie = cur.accept("IF", "EXISTS")
    name = cur.name()
    if ot in ("FUNCTION", "PROCEDURE", "ROUTINE", "AGGREGATE") and cur.at("("):
        args = _parens_text(cur)
        base = _replace(base, arguments=args)
    actions: list[AlterAction] = []
    if ot in ("TRIGGER", "POLICY", "RULE") and cur.accept("ON"):
        base = _replace(base, table=cur.name())
    rng = cur.rest()
    text = _text(cur, rng)
    sub = cur.sub(rng[0], rng[1])
    if sub.accept("RENAME", "TO"):
        actions.append(AlterAction("rename", text, new_name=sub.ident()))
    elif sub.accept("SET", "SCHEMA"):
        actions.append(AlterAction("set_schema", text, new_name=sub.ident()))
    elif sub.accept("OWNER", "TO"):
        actions.append(AlterAction("owner_to", text, new_name=sub.ident()))
    elif text:
        actions.append(AlterAction("other", text))
    facts = _replace(base, name=name, names=_one(name), if_exists=ie, actions=tuple(actions))
    return (kind, facts, name is not None)


def _alter_table(cur: Cursor, base: StatementFacts, kind: str) -> tuple[str, StatementFacts, bool]:
    if cur.accept("ALL", "IN", "TABLESPACE"):
        return (kind, base, True)
    ie = cur.accept("IF", "EXISTS")
    only = cur.accept("ONLY")
    name = cur.name()
    cur.accept("*")
    if name is None:
        return (kind, base, False)
    rng = cur.rest()
    inner = cur.words[rng[0] : rng[1]]
    actions: list[AlterAction] = []
    ok = True
    for a, b in split_top_level(inner):
        action = _alter_table_action(cur.sub(rng[0] + a, rng[0] + b))
        if action is None:
            ok = False
            action = AlterAction("other", collapse(Cursor(inner, cur.source).text((a, b))))
        actions.append(action)
    not_valid = any(x.constraint is not None and x.constraint.not_valid for x in actions)
    concurrently = any(x.concurrently for x in actions)
    cascade = any(x.cascade for x in actions)
    facts = _replace(
        base,
        name=name,
        names=(name,),
        table=name,
        if_exists=ie,
        only=only,
        actions=tuple(actions),
        not_valid=not_valid,
        cascade=cascade,
        concurrently=concurrently,
        columns=tuple(x.column for x in actions if x.column is not None),
        constraints=tuple(x.constraint for x in actions if x.constraint is not None),
    )
    return (kind, facts, ok and bool(actions))


def _alter_table_action(cur: Cursor) -> AlterAction | None:
    text = collapse(cur.text((0, len(cur.words))))
    if cur.accept("ADD"):
        if cur.peek_upper() in _CONSTRAINT_STARTS or cur.at("NOT", "NULL"):
            con = _table_constraint(cur)
            if con is None:
                return None
            return AlterAction("add_constraint", text, constraint_name=con.name, constraint=con)
        cur.accept("COLUMN")
        ine = cur.accept("IF", "NOT", "EXISTS")
        col = _column_def(cur)
        if col is None:
            return None
        return AlterAction("add_column", text, column_name=col.name, column=col, if_not_exists=ine)
    if cur.accept("DROP"):
        if cur.accept("CONSTRAINT"):
            ie = cur.accept("IF", "EXISTS")
            cname = cur.ident()
            cascade = cur.accept("CASCADE")
            cur.accept("RESTRICT")
            return AlterAction(
                "drop_constraint", text, constraint_name=cname, if_exists=ie, cascade=cascade
            )
        cur.accept("COLUMN")
        ie = cur.accept("IF", "EXISTS")
        cname = cur.ident()
        cascade = cur.accept("CASCADE")
        cur.accept("RESTRICT")
        if cname is None or not cur.at_end():
            return None
        return AlterAction("drop_column", text, column_name=cname, if_exists=ie, cascade=cascade)
    if cur.accept("ALTER"):
        if cur.accept("CONSTRAINT"):
            return AlterAction("other", text, constraint_name=cur.ident())
        cur.accept("COLUMN")
        cname = cur.ident()
        if cname is None:
            return None
        if cur.accept("SET", "DATA", "TYPE") or cur.accept("TYPE"):
            rng = cur.until(["USING", "COLLATE"])
            dtype = _type_text(cur, rng)
            using = None
            while not cur.at_end():
                if cur.accept("COLLATE"):
                    cur.name()
                elif cur.accept("USING"):
                    using = _text(cur, cur.rest())
                else:
                    return None
            return AlterAction(
                "alter_column_type", text, column_name=cname, data_type=dtype, using=using
            )
        if cur.accept("SET", "DEFAULT"):
            return AlterAction(
                "set_default", text, column_name=cname, default=_text(cur, cur.rest())
            )
        if cur.accept("DROP", "DEFAULT"):
            return AlterAction("drop_default", text, column_name=cname)
        if cur.accept("SET", "NOT", "NULL"):
            return AlterAction("set_not_null", text, column_name=cname)
        if cur.accept("DROP", "NOT", "NULL"):
            return AlterAction("drop_not_null", text, column_name=cname)
        if cur.accept("ADD", "GENERATED"):
            return AlterAction("add_identity", text, column_name=cname)
        return AlterAction("set_column_option", text, column_name=cname)
    if cur.accept("VALIDATE", "CONSTRAINT"):
        return AlterAction("validate_constraint", text, constraint_name=cur.ident())
    if cur.accept("RENAME"):
        if cur.accept("TO"):
            return AlterAction("rename_table", text, new_name=cur.ident())
        if cur.accept("CONSTRAINT"):
            old = cur.ident()
            cur.accept("TO")
            return AlterAction("rename_constraint", text, constraint_name=old, new_name=cur.ident())
        cur.accept("COLUMN")
        old = cur.ident()
        if not cur.accept("TO"):
            return None
        return AlterAction("rename_column", text, column_name=old, new_name=cur.ident())
    if cur.accept("SET", "SCHEMA"):
        return AlterAction("set_schema", text, new_name=cur.ident())
    if cur.accept("OWNER", "TO"):
        return AlterAction("owner_to", text, new_name=cur.ident())
    if cur.accept("ENABLE", "ROW", "LEVEL", "SECURITY") or cur.accept(
        "FORCE", "ROW", "LEVEL", "SECURITY"
    ):
        return AlterAction("enable_rls", text)
    if cur.accept("DISABLE", "ROW", "LEVEL", "SECURITY") or cur.accept(
        "NO", "FORCE", "ROW", "LEVEL", "SECURITY"
    ):
        return AlterAction("disable_rls", text)
    if cur.accept("ATTACH", "PARTITION"):
        n = cur.name()
        return AlterAction("attach_partition", text, new_name=n.qualified if n else None)
    if cur.accept("DETACH", "PARTITION"):
        n = cur.name()
        return AlterAction(
            "detach_partition",
            text,
            new_name=n.qualified if n else None,
            concurrently=cur.accept("CONCURRENTLY"),
        )
    if cur.peek() is not None and cur.peek_upper():
        return AlterAction("other", text)
    return None


def _alter_type(cur: Cursor, base: StatementFacts) -> tuple[str, StatementFacts, bool]:
    name = cur.name()
    rng = cur.rest()
    text = _text(cur, rng)
    sub = cur.sub(rng[0], rng[1])
    action: AlterAction
    if sub.accept("ADD", "VALUE"):
        ine = sub.accept("IF", "NOT", "EXISTS")
        action = AlterAction("add_value", text, label=sub.string(), if_not_exists=ine)
    elif sub.accept("RENAME", "VALUE"):
        old = sub.string()
        sub.accept("TO")
        action = AlterAction("rename_value", text, label=old, new_name=sub.string())
    elif sub.accept("RENAME", "TO"):
        action = AlterAction("rename_type", text, new_name=sub.ident())
    elif sub.accept("RENAME", "ATTRIBUTE"):
        action = AlterAction("other", text, column_name=sub.ident())
    elif sub.accept("ADD", "ATTRIBUTE"):
        col = _column_def(sub.sub(sub.pos, len(sub.words)))
        action = AlterAction(
            "add_attribute", text, column=col, column_name=col.name if col else None
        )
    elif sub.accept("DROP", "ATTRIBUTE"):
        ie = sub.accept("IF", "EXISTS")
        action = AlterAction("drop_attribute", text, column_name=sub.ident(), if_exists=ie)
    elif sub.accept("ALTER", "ATTRIBUTE"):
        action = AlterAction("alter_attribute", text, column_name=sub.ident())
    elif sub.accept("OWNER", "TO"):
        action = AlterAction("owner_to", text, new_name=sub.ident())
    elif sub.accept("SET", "SCHEMA"):
        action = AlterAction("set_schema", text, new_name=sub.ident())
    else:
        action = AlterAction("other", text)
    labels = (action.label,) if action.action == "add_value" and action.label else ()
    facts = _replace(base, name=name, names=_one(name), actions=(action,), labels=labels)
    return ("alter_type", facts, name is not None)


# ---------------------------------------------------------------- DROP


def _read_drop(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("DROP")
    ot = _object_type(cur)
    if ot is None:
        return ("drop_unknown", StatementFacts(), False)
    kind = _kind_name("drop", ot)
    concurrently = cur.accept("CONCURRENTLY")
    ie = cur.accept("IF", "EXISTS")
    names: list[ObjectName] = []
    arguments: str | None = None
    table: ObjectName | None = None
    if ot == "OWNED" and cur.accept("BY"):
        roles = _name_list(cur)
        cascade = cur.accept("CASCADE")
        cur.accept("RESTRICT")
        facts = StatementFacts(object_type="owned", names=tuple(roles), cascade=cascade)
        return (kind, facts, bool(roles) and cur.at_end())
    if ot == "TRANSFORM":
        kind, facts, complete = _transform(
            cur, StatementFacts(object_type="transform", if_exists=ie), kind
        )
        cascade = cur.accept("CASCADE")
        cur.accept("RESTRICT")
        return (kind, _replace(facts, cascade=cascade), complete and cur.at_end())
    signature = False  # a cast's `(source AS target)`, an operator's `(left, right)` read
    while not cur.at_end():
        if ot == "CAST":
            arguments = _parens_text(cur)
            signature = arguments is not None
            break
        n = _operator_name(cur) if ot == "OPERATOR" else cur.name()
        if n is None:
            break
        names.append(n)
        if cur.at("("):
            args = _parens_text(cur)
            if arguments is None:
                arguments = args
            signature = True
        elif ot == "OPERATOR":
            signature = False  # each operator needs its argument types
            break
        if ot in ("OPERATOR CLASS", "OPERATOR FAMILY"):
            # one name, then its index method
            signature = cur.accept("USING") and cur.ident() is not None
            break
        if not cur.accept(","):
            break
    if ot in ("TRIGGER", "POLICY", "RULE") and cur.accept("ON"):
        table = cur.name()
    cascade = cur.accept("CASCADE")
    cur.accept("RESTRICT")
    facts = StatementFacts(
        object_type=ot.lower(),
        name=names[0] if names else None,
        names=tuple(names),
        table=table,
        if_exists=ie,
        cascade=cascade,
        concurrently=concurrently,
        arguments=arguments,
    )
    if ot in ("CAST", "OPERATOR", "OPERATOR CLASS", "OPERATOR FAMILY") and not signature:
        return (kind, facts, False)
    return (kind, facts, (bool(names) or ot in ("CAST", "OWNED")) and cur.at_end())


# ---------------------------------------------------------------- DML and the rest


def _dml_tail(cur: Cursor) -> tuple[str | None, bool]:
    """WHERE text (up to RETURNING) and whether a FROM/USING join source is present."""
    joined = False
    where: str | None = None
    while not cur.at_end():
        rng = cur.until(["WHERE", "FROM", "USING", "RETURNING"])
        del rng
        if cur.accept("WHERE"):
            if cur.accept("CURRENT", "OF"):
                where = "CURRENT OF " + (cur.ident() or "")
                continue
            where = _text(cur, cur.until(["RETURNING"]))
        elif cur.accept("FROM") or cur.accept("USING"):
            joined = True
        elif cur.accept("RETURNING"):
            cur.rest()
    return where, joined


def _read_delete(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("DELETE")
    if not cur.accept("FROM"):
        return ("delete", StatementFacts(), False)
    only = cur.accept("ONLY")
    table = cur.name()
    cur.accept("*")
    where, joined = _dml_tail(cur)
    return (
        "delete",
        StatementFacts(table=table, names=_one(table), only=only, where=where, from_select=joined),
        table is not None,
    )


def _read_update(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("UPDATE")
    only = cur.accept("ONLY")
    table = cur.name()
    cur.accept("*")
    cur.until(["SET"])
    if not cur.accept("SET"):
        return ("update", StatementFacts(table=table), False)
    where, joined = _dml_tail(cur)
    return (
        "update",
        StatementFacts(table=table, names=_one(table), only=only, where=where, from_select=joined),
        table is not None,
    )


def _read_insert(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("INSERT")
    if not cur.accept("INTO"):
        return ("insert", StatementFacts(), False)
    table = cur.name()
    if cur.accept("AS"):
        cur.ident()
    if cur.at("("):
        cur.skip_parens()
    cur.accept_any("OVERRIDING SYSTEM VALUE", "OVERRIDING USER VALUE")
    from_select = cur.peek_upper() in ("SELECT", "WITH", "TABLE") or (
        cur.at("(") and cur.peek_upper(1) in ("SELECT", "WITH")
    )
    return (
        "insert",
        StatementFacts(table=table, names=_one(table), from_select=from_select),
        table is not None,
    )


def _read_merge(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("MERGE")
    cur.accept("INTO")
    cur.accept("ONLY")
    table = cur.name()
    return (
        "merge",
        StatementFacts(table=table, names=_one(table), from_select=True),
        table is not None,
    )


def _read_truncate(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("TRUNCATE")
    cur.accept("TABLE")
    names: list[ObjectName] = []
    only = False
    while not cur.at_end():
        only |= cur.accept("ONLY")
        n = cur.name()
        if n is None:
            break
        names.append(n)
        cur.accept("*")
        if not cur.accept(","):
            break
    options: list[str] = []
    cascade = False
    while not cur.at_end():
        got = cur.accept_any("RESTART IDENTITY", "CONTINUE IDENTITY", "CASCADE", "RESTRICT")
        if got is None:
            break
        options.append(got)
        cascade |= got == "CASCADE"
    return (
        "truncate",
        StatementFacts(
            object_type="table",
            name=names[0] if names else None,
            names=tuple(names),
            only=only,
            cascade=cascade,
            options=tuple(options),
        ),
        bool(names) and cur.at_end(),
    )


def _read_set(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("SET")
    local = False
    if cur.accept("LOCAL"):
        local = True
    else:
        cur.accept("SESSION")
    if cur.accept("TIME", "ZONE"):
        return (
            "set",
            StatementFacts(setting="timezone", value=_unquote(_text(cur, cur.rest())), local=local),
            True,
        )
    if cur.at("TRANSACTION") or cur.at("CHARACTERISTICS") or cur.at("CONSTRAINTS"):
        return ("set", StatementFacts(setting=cur.peek_upper().lower(), local=local), True)
    if cur.accept("ROLE") or cur.accept("SESSION", "AUTHORIZATION"):
        return (
            "set",
            StatementFacts(setting="role", value=_text(cur, cur.rest()), local=local),
            True,
        )
    rng = cur.until(["TO", "="])
    setting = collapse(cur.text(rng)).lower().replace(" ", "")
    if not (cur.accept("TO") or cur.accept("=")):
        return ("set", StatementFacts(setting=setting or None, local=local), False)
    value = _unquote(_text(cur, cur.rest()))
    return ("set", StatementFacts(setting=setting, value=value, local=local), bool(setting))


def _read_reset(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("RESET")
    rng = cur.rest()
    return ("reset", StatementFacts(setting=collapse(cur.text(rng)).lower()), True)


def _read_do(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("DO")
    language = "plpgsql"
    body: str | None = None
    while not cur.at_end():
        if cur.accept("LANGUAGE"):
            w = cur.next()
            if w:
                language = w.value.lower()
        else:
            s = cur.string()
            if s is None:
                cur.next()
            else:
                body = s
    return ("do", StatementFacts(language=language, body=body), body is not None)


def _read_vacuum(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("VACUUM")
    options: list[str] = []
    if cur.at("("):
        rng = cur.skip_parens()
        assert rng is not None
        inner = cur.words[rng[0] : rng[1]]
        for a, b in split_top_level(inner):
            item = inner[a:b]
            if item and item[0].kind == "word":
                off = len(item) > 1 and item[1].upper in ("FALSE", "OFF", "0")
                if not off:
                    options.append(item[0].upper)
    while cur.peek_upper() in ("FULL", "FREEZE", "VERBOSE", "ANALYZE"):
        options.append(cur.peek_upper())
        cur.next()
    names = _name_list(cur)
    return (
        "vacuum",
        StatementFacts(
            names=tuple(names), name=names[0] if names else None, options=tuple(options)
        ),
        True,
    )


def _name_list(cur: Cursor) -> list[ObjectName]:
    names: list[ObjectName] = []
    while not cur.at_end():
        cur.accept("ONLY")
        n = cur.name()
        if n is None:
            break
        names.append(n)
        cur.accept("*")
        if cur.at("("):
            cur.skip_parens()
        if not cur.accept(","):
            break
    return names


def _read_cluster(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("CLUSTER")
    if cur.at("("):
        cur.skip_parens()
    cur.accept("VERBOSE")
    table = cur.name()
    index = cur.ident() if cur.accept("USING") else None
    return (
        "cluster",
        StatementFacts(
            table=table, names=_one(table), name=table, options=(index,) if index else ()
        ),
        cur.at_end(),
    )


def _read_reindex(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("REINDEX")
    options: list[str] = []
    if cur.at("("):
        cur.skip_parens()
    ot = cur.accept_any("INDEX", "TABLE", "SCHEMA", "DATABASE", "SYSTEM") or ""
    concurrently = cur.accept("CONCURRENTLY")
    name = cur.name()
    return (
        "reindex",
        StatementFacts(
            object_type=ot.lower(),
            name=name,
            names=_one(name),
            concurrently=concurrently,
            options=tuple(options),
        ),
        True,
    )


def _read_refresh(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("REFRESH")
    if not cur.accept("MATERIALIZED", "VIEW"):
        return ("unknown", StatementFacts(), False)
    concurrently = cur.accept("CONCURRENTLY")
    name = cur.name()
    return (
        "refresh_materialized_view",
        StatementFacts(
            object_type="materialized view", name=name, names=_one(name), concurrently=concurrently
        ),
        name is not None,
    )


def _read_lock(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("LOCK")
    cur.accept("TABLE")
    names = _name_list(cur)
    mode = "ACCESS EXCLUSIVE"
    if cur.accept("IN"):
        rng = cur.until(["MODE"])
        mode = collapse(cur.text(rng)).upper()
        cur.accept("MODE")
    nowait = cur.accept("NOWAIT")
    opts = (mode, "NOWAIT") if nowait else (mode,)
    return (
        "lock",
        StatementFacts(
            names=tuple(names),
            name=names[0] if names else None,
            table=names[0] if names else None,
            options=opts,
        ),
        bool(names),
    )


def _read_begin(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    w = cur.peek_upper()
    if w == "START":
        cur.next()
        return ("begin", StatementFacts(), cur.accept("TRANSACTION"))
    return ("begin", StatementFacts(), True)


def _read_commit(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    if cur.accept("COMMIT", "PREPARED"):
        return ("commit_prepared", StatementFacts(), True)
    return ("commit", StatementFacts(), True)


def _read_rollback(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    if cur.accept("ROLLBACK", "PREPARED"):
        return ("rollback_prepared", StatementFacts(), True)
    cur.next()
    cur.accept_any("WORK", "TRANSACTION")
    if cur.accept("TO"):
        return ("rollback_to_savepoint", StatementFacts(), True)
    return ("rollback", StatementFacts(), True)


def _read_prepare(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    if cur.accept("PREPARE", "TRANSACTION"):
        return ("prepare_transaction", StatementFacts(), True)
    return ("prepare", StatementFacts(), True)


def _read_release(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    return ("release_savepoint", StatementFacts(), True)


def _read_comment(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("COMMENT")
    if not cur.accept("ON"):
        return ("comment", StatementFacts(), False)
    ot = _object_type(cur) or cur.accept_any("COLUMN", "CONSTRAINT") or ""
    name = cur.name()
    return ("comment", StatementFacts(object_type=ot.lower(), name=name, names=_one(name)), True)


def _read_select(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    return ("select", StatementFacts(), True)


def _read_copy(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    cur.accept("COPY")
    table = None if cur.at("(") else cur.name()
    return ("copy", StatementFacts(table=table, names=_one(table)), True)


def _read_security(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    return ("security_label", StatementFacts(), cur.at("SECURITY", "LABEL"))


def _read_import(cur: Cursor) -> tuple[str, StatementFacts, bool]:
    return ("import_foreign_schema", StatementFacts(), cur.at("IMPORT", "FOREIGN", "SCHEMA"))


_READERS = {
    "CREATE": _read_create,
    "ALTER": _read_alter,
    "DROP": _read_drop,
    "DELETE": _read_delete,
    "UPDATE": _read_update,
    "INSERT": _read_insert,
    "MERGE": _read_merge,
    "TRUNCATE": _read_truncate,
    "SET": _read_set,
    "RESET": _read_reset,
    "DO": _read_do,
    "VACUUM": _read_vacuum,
    "CLUSTER": _read_cluster,
    "REINDEX": _read_reindex,
    "REFRESH": _read_refresh,
    "LOCK": _read_lock,
    "BEGIN": _read_begin,
    "START": _read_begin,
    "COMMIT": _read_commit,
    "END": _read_commit,
    "ROLLBACK": _read_rollback,
    "ABORT": _read_rollback,
    "PREPARE": _read_prepare,
    "RELEASE": _read_release,
    "COMMENT": _read_comment,
    "SELECT": _read_select,
    "COPY": _read_copy,
    "SECURITY": _read_security,
    "IMPORT": _read_import,
}

_SIMPLE_KINDS = {
    "VALUES": "values",
    "TABLE": "select",
    "SHOW": "show",
    "CALL": "call",
    "ANALYZE": "analyze",
    "ANALYSE": "analyze",
    "GRANT": "grant",
    "REVOKE": "revoke",
    "EXPLAIN": "explain",
    "LISTEN": "listen",
    "UNLISTEN": "unlisten",
    "NOTIFY": "notify",
    "DISCARD": "discard",
    "CHECKPOINT": "checkpoint",
    "SAVEPOINT": "savepoint",
    "EXECUTE": "execute",
    "DEALLOCATE": "deallocate",
    "DECLARE": "declare",
    "FETCH": "fetch",
    "MOVE": "move",
    "CLOSE": "close",
    "LOAD": "load",
    "REASSIGN": "reassign_owned",
}
