"""A DROP PostgreSQL refuses because what it names is already gone.

A DROP without IF EXISTS fails when the object it names is no longer there at that point: the
files before it (in run order: the prerequisites, the migrations in version order; for a
rollback, the files before its forward migration, the forward migration, then the rollback's
own earlier statements) made it and then

- dropped it (`DROP TABLE subscriptions; ... DROP TABLE subscriptions;`);
- dropped it with its table: a table takes its indexes, triggers, constraints, policies,
  columns, owned sequences (`serial` ones too) and partitions with it;
- dropped it with a column it uses: an index or constraint goes with any column it reads, a
  row-level security policy with a column its USING or WITH CHECK reads when the column is
  dropped with CASCADE (without it, PostgreSQL refuses the DROP COLUMN and nothing goes);
- dropped it with CASCADE of what it depends on: a view or materialized view with a table or
  view it reads, a foreign key with the table it references, a function taking or returning
  a type with the type, everything with its schema;
- renamed it away (`ALTER TABLE a RENAME TO b`, `ALTER INDEX`, `RENAME COLUMN`,
  `RENAME CONSTRAINT`, which renames a unique or primary key's index too, `ALTER POLICY p
  ON t RENAME TO q`); a table's policies go on under its new name.

Indexes, triggers, constraints (`ALTER TABLE ... DROP CONSTRAINT`), columns (`ALTER TABLE
... DROP COLUMN`), policies (`DROP POLICY p ON t`), sequences, views, materialized views,
tables, types and domains are followed. `ALTER TABLE t DROP COLUMN [IF EXISTS] ...` (without
`ALTER TABLE IF EXISTS`), `DROP TRIGGER ... ON t` and `DROP POLICY ... ON t` (without IF
EXISTS) fail as well when table `t` is gone, which PostgreSQL reports first. An `ALTER POLICY`
giving a new USING (or WITH CHECK) expression replaces that one only. A DROP that
fails drops nothing: `DROP TABLE a, b` with `a` gone leaves `b` there.

Functions, procedures and routines are told apart by their argument types, as PostgreSQL
does (`int4` is `integer`, `varchar` is `character varying`):

- `DROP FUNCTION f` without an argument list fails while the files made several functions
  `f` that are all still there, IF EXISTS or not ("function name f is not unique"): name the
  overload to drop (`DROP PROCEDURE` counts the procedures, `DROP ROUTINE` both);
- `DROP FUNCTION f(int4, varchar)` fails when the overload of those types was dropped, or
  when the files made `f` and none of its overloads has those types.

Only what is certain is reported: an object the files never made may exist in the database
(made outside the files), so a DROP of it is never reported. A DROP refused because something
the files made still depends on what it drops (a view reading the table or column, a foreign
key, a trigger, policy, column default or parameter default calling the function, a column or
function argument of the type, a function of the table's row type, a policy of another table
reading the table or column) leaves it there; with CASCADE, a policy of another table naming
what is dropped is no longer known to be there. A DO
block leaves the objects it names unknown, as DROP EXTENSION ... CASCADE does the functions.

The migration (or rollback) stops there; the objects it was meant to remove are gone
already, so write `IF EXISTS` or remove the DROP.

## Bad

```sql
CREATE TABLE subscriptions (id bigint PRIMARY KEY, user_id bigint NOT NULL);
CREATE INDEX subscriptions_user_id_index ON subscriptions (user_id);
CREATE POLICY subscriptions_owner ON subscriptions USING (user_id = 1);
CREATE FUNCTION add_to_bag(v integer) RETURNS integer LANGUAGE sql AS 'SELECT v';
CREATE FUNCTION add_to_bag(v text) RETURNS integer LANGUAGE sql AS 'SELECT 1';
DROP TABLE subscriptions;
DROP INDEX subscriptions_user_id_index;  -- dropped with its table
DROP FUNCTION add_to_bag;                 -- two overloads: not unique
DROP POLICY subscriptions_owner ON subscriptions;  -- its table is gone (and it with it)
```

## Good

```sql
CREATE TABLE subscriptions (id bigint PRIMARY KEY, user_id bigint NOT NULL);
CREATE INDEX subscriptions_user_id_index ON subscriptions (user_id);
CREATE POLICY subscriptions_owner ON subscriptions USING (user_id = 1);
CREATE FUNCTION add_to_bag(v integer) RETURNS integer LANGUAGE sql AS 'SELECT v';
CREATE FUNCTION add_to_bag(v text) RETURNS integer LANGUAGE sql AS 'SELECT 1';
DROP INDEX subscriptions_user_id_index;
DROP POLICY subscriptions_owner ON subscriptions;
DROP TABLE subscriptions;
DROP FUNCTION add_to_bag(integer);
DROP FUNCTION add_to_bag(text);
```
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple

from schemacheck.ddl.statement import AlterAction, ColumnFact, ObjectName, SqlFile, Statement
from schemacheck.findings import Severity
from schemacheck.normalize import quote_identifier as _q
from schemacheck.normalize import split_top_level
from schemacheck.replay.names import make_object_name
from schemacheck.rules._common import (
    ANY_TYPE,
    CONSTRAINT_NAME,
    ROUTINE_CREATES,
    ROUTINE_DROPS,
    Overload,
    argument_key,
    closing_paren,
    column_definitions,
    created_index_key,
    created_overload,
    dropped_routines,
    implicit_constraint_names,
    overload,
    owned_by_parts,
    routines_dropped,
    same_types,
    stored,
    stored_key,
    written_names,
)
from schemacheck.rules.context import Context, Hit, qualified, schema_of
from schemacheck.rules.registry import rule
from schemacheck.rules.sc029_rollback_wrong_drop_order import view_sources

Key = tuple[str, ...]  # ("rel", t) ("type", t) ("column", t, c) ("constraint", t, n) ...


class _Obj(NamedTuple):
    """An object the files made: its kind (`table`, `index`, `view`, `column`, ...), the
    table it hangs on, the columns of that table it uses, and the statement that made it.
    `extra`: what a view reads, the table a foreign key references, a constraint's index."""

    kind: str
    parent: str | None
    columns: frozenset[str]
    made: Statement
    extra: Any = None


_MISSING = object()
_NONE: frozenset[str] = frozenset()
_RELATIONS = {
    "drop_table": "table",
    "drop_view": "view",
    "drop_materialized_view": "materialized view",
    "drop_sequence": "sequence",
    "drop_index": "index",
}
_WORD = re.compile(r'"((?:[^"]|"")+)"|([A-Za-z_][\w$]*)')
_SERIAL = frozenset({"serial", "bigserial", "smallserial", "serial2", "serial4", "serial8"})
_INHERITS = re.compile(r"\bINHERITS\s*\(([^)]*)\)", re.I)
_PLAIN_ELEMENT = re.compile(
    r'^\s*(?:"(?P<q>[^"]+)"|(?P<b>[A-Za-z_][\w$]*))\s*(?:ASC|DESC)?\s*(?:NULLS\s+(?:FIRST|LAST))?\s*$',
    re.I,
)
_INDEX_KINDS = frozenset({"unique", "primary_key", "exclude"})


def _t(name: ObjectName) -> str:
    """A table's (or relation's) key: `schema.name` as PostgreSQL keeps it."""
    return stored_key(qualified(name))


def _shown(relation: str, name: str | None = None) -> str:
    """A key (`schema.name`, and a column's or constraint's name) as PostgreSQL would write
    it: `public.a.b` -> `public."a.b"`, `public.Users` -> `public."Users"`."""
    schema, _, short = relation.partition(".")
    shown = f"{_q(schema)}.{_q(short)}"
    return shown if name is None else f"{shown}.{_q(name)}"


def _in_schema(of: ObjectName, name: str) -> str:
    """`name` in the schema of `of`, as PostgreSQL keeps it."""
    return stored_key(f"{schema_of(of)}.{name}")


# a constraint name written in a column's definition (`a int CONSTRAINT a_uk UNIQUE`); a
# table constraint's is followed by a parenthesis (`CONSTRAINT t_uk UNIQUE (a)`) or FOREIGN KEY
# (CHECK may be either)
_INLINE_NAMED = re.compile(
    r'\bCONSTRAINT\s+(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s+'
    r"(?:PRIMARY\s+KEY(?!\s*\()|UNIQUE(?!\s*\()|REFERENCES|NOT\s+NULL|NULL|DEFAULT|GENERATED|CHECK)",
    re.I,
)


def _words(text: str) -> set[str]:
    """The identifiers of `text`, as PostgreSQL keeps them (`Users` -> `users`)."""
    return {q.replace('""', '"') if q else b.lower() for q, b in _WORD.findall(text)}


_STRING_BODY = re.compile(r"\bAS\s*(?:\$[A-Za-z_0-9]*\$|')", re.I)


def _header_words(s: Statement) -> set[str]:
    """The words of a CREATE FUNCTION / PROCEDURE that can hold a dependency: all but a body
    in a string (argument and result types, parameter defaults, a SQL-standard body)."""
    body = s.facts.body
    text = s.text
    if body and _STRING_BODY.search(text) is not None:
        text = text.replace(body, " ")
    return _words(text)


def _short(relation: str) -> str:
    """`public.users` -> `users` (a quoted name may hold a dot: `public.a.b` -> `a.b`)."""
    return relation.partition(".")[2]


def _read_names(obj: _Obj) -> Iterable[str]:
    """The relations (their names without schema) a view or an inheriting table may read: a
    view holds the words of its query that name relations, an inheriting table its parents'
    keys."""
    if obj.kind == "inherits":
        return [_short(p) for p in obj.extra or ()]
    if obj.kind in ("view", "materialized view"):
        return obj.extra or ()
    return ()


def _name_of(key: Key) -> str:
    """The object's own name (a constraint's, a column's; the unqualified relation's)."""
    return _short(key[1]) if len(key) == 2 else key[-1]


def _where(s: Statement, here: SqlFile) -> str:
    return f"line {s.line}" if s.path == here.path else f"line {s.line} of {s.path}"


class _Schema:
    """What the files made that is there, and what they made that is gone (with how and
    where), statement by statement. Every change can be journaled and undone: a rollback is
    played on the state its forward migration leaves, then taken back."""

    def __init__(self) -> None:
        self.live: dict[Key, _Obj] = {}
        self.gone: dict[Key, tuple[str, Statement]] = {}
        self.gone_under: dict[str, dict[Key, None]] = {}  # gone columns, constraints, triggers
        self.children: dict[str, dict[Key, None]] = {}
        self.column_users: dict[tuple[str, str], dict[Key, None]] = {}
        # the views (and inheriting tables) that may read a relation, by its name without schema
        self.readers: dict[str, dict[Key, None]] = {}
        self.relation_names: dict[str, dict[Key, None]] = {}  # the relations there, likewise
        self.referencing: dict[str, dict[Key, None]] = {}  # foreign keys, by referenced table
        self.routines: dict[str, tuple[tuple[Overload, Statement], ...]] = {}
        self.routines_gone: dict[str, tuple[tuple[Overload, str, Statement], ...]] = {}
        self.routines_made: dict[str, tuple[Overload, ...]] = {}
        self.unknown_routines: dict[str, None] = {}  # names a DO block (or the like) may change
        # names with an overload a refused DROP may have dropped after all (nothing called it)
        self.doubtful: dict[str, None] = {}
        # word -> keys of objects whose statement names it (a call of a function, a type):
        # only grows; the keys still live are the users
        self.mentions: dict[str, dict[Key, None]] = {}
        self.journal: list[tuple[dict[Any, Any], Any, Any]] | None = None

    # ------------------------------------------------------------ journaled changes

    def _set(self, d: dict[Any, Any], k: Any, v: Any) -> None:
        if self.journal is not None:
            self.journal.append((d, k, d.get(k, _MISSING)))
        d[k] = v

    def _del(self, d: dict[Any, Any], k: Any) -> None:
        if k not in d:
            return
        if self.journal is not None:
            self.journal.append((d, k, d[k]))
        del d[k]

    def undo(self) -> None:
        journal, self.journal = self.journal or [], None
        for d, k, old in reversed(journal):
            if old is _MISSING:
                d.pop(k, None)
            else:
                d[k] = old

    # ------------------------------------------------------------ objects

    def create(self, key: Key, obj: _Obj, words: Iterable[str] = ()) -> None:
        if key in self.live:
            self.forget(key)
        self._set(self.live, key, obj)
        self._del(self.gone, key)
        if obj.parent is not None:
            self._set(self.children.setdefault(obj.parent, {}), key, None)
            for c in obj.columns:
                self._set(self.column_users.setdefault((obj.parent, c), {}), key, None)
        for src in _read_names(obj):
            self._set(self.readers.setdefault(src, {}), key, None)
        if key[0] == "rel":
            self._set(self.relation_names.setdefault(_short(key[1]), {}), key, None)
        if obj.kind == "constraint" and isinstance(obj.extra, tuple) and obj.extra[0] == "fk":
            self._set(self.referencing.setdefault(obj.extra[1], {}), key, None)
        self.mention(key, words)

    def _detach(self, key: Key) -> _Obj:
        obj = self.live[key]
        self._del(self.live, key)
        if obj.parent is not None:
            self._del(self.children.get(obj.parent, {}), key)
            for c in obj.columns:
                self._del(self.column_users.get((obj.parent, c), {}), key)
        for src in _read_names(obj):
            self._del(self.readers.get(src, {}), key)
        if key[0] == "rel":
            self._del(self.relation_names.get(_short(key[1]), {}), key)
        if obj.kind == "constraint" and isinstance(obj.extra, tuple) and obj.extra[0] == "fk":
            self._del(self.referencing.get(obj.extra[1], {}), key)
        return obj

    def forget(self, key: Key) -> None:
        """Whether `key` is there is no longer known (nor is anything hanging on it)."""
        self._del(self.gone, key)
        if key not in self.live:
            return
        obj = self._detach(key)
        if key[0] == "rel":
            for child in list(self.children.get(key[1], ())):
                self.forget(child)
            for reader in list(self.readers.get(_short(key[1]), ())):
                self.forget(reader)
        elif key[0] == "column":
            for child in list(self.column_users.get((key[1], key[2]), ())):
                self.forget(child)
        elif obj.kind == "constraint" and isinstance(obj.extra, tuple) and obj.extra[0] == "index":
            self.forget(obj.extra[1])

    def remove(self, key: Key, how: str, s: Statement, cascade: bool = False) -> None:
        """`key` is gone: `how` (`dropped`, `dropped with table public.t`, ...) by `s`."""
        if key not in self.live:
            return
        obj = self._detach(key)
        self.mark_gone(key, how, s)
        if key[0] == "rel":
            with_it = f"dropped with {obj.kind} {_shown(key[1])}"
            # what hangs on the table first, its columns last (what uses them is gone already)
            for child in sorted(self.children.get(key[1], ()), key=lambda c: c[0] == "column"):
                self.remove(child, with_it, s)
            if cascade:
                for reader in list(self.readers.get(_short(key[1]), ())):
                    self.cascade_to(reader, key[1], with_it, s)
                for fk in list(self.referencing.get(key[1], ())):
                    self.remove(fk, with_it, s)
        elif key[0] == "column":
            with_it = f"dropped with column {_shown(key[1], key[2])}"
            for child in list(self.column_users.get((key[1], key[2]), ())):
                self.remove(child, with_it, s)
        elif key[0] == "constraint" and isinstance(obj.extra, tuple) and obj.extra[0] == "index":
            self.remove(obj.extra[1], f"dropped with constraint {_shown(key[1], key[2])}", s)

    def reads(self, reader: Key, relation: str) -> bool | None:
        """Whether `reader` (a view, an inheriting table) reads `relation`: None when not known
        (a view naming it sqlglot cannot read)."""
        obj = self.live[reader]
        if reader[0] == "inherits":
            return relation in (obj.extra or ())
        if relation not in view_sources(obj.made):
            return None
        return True

    def cascade_to(self, reader: Key, relation: str, how: str, s: Statement) -> None:
        """`relation` is dropped with CASCADE: `reader` goes with it (or is unknown now)."""
        if reader not in self.live:
            return
        if not self.reads(reader, relation):
            self.forget(reader)
        elif reader[0] == "inherits":
            self.remove(("rel", reader[1]), how, s, cascade=True)
        else:
            self.remove(reader, how, s, cascade=True)

    def mark_gone(self, key: Key, how: str, s: Statement) -> None:
        self._set(self.gone, key, (how, s))
        if len(key) == 3:
            self._set(self.gone_under.setdefault(key[1], {}), key, None)

    def clear_gone_under(self, table: str) -> None:
        """A new table of this name: what the old one had is not known to be gone."""
        for key in list(self.gone_under.get(table, ())):
            self._del(self.gone, key)
            self._del(self.gone_under[table], key)

    def used(self, word: str, besides: Iterable[Key] = ()) -> bool:
        """A live object's statement names `word` (it may call or use what is dropped)."""
        skip = set(besides)
        return any(k in self.live and k not in skip for k in self.mentions.get(word, ()))

    def policies_naming(self, word: str) -> list[Key]:
        """The policies there whose expressions name `word` (a table, a column they read)."""
        return [k for k in self.mentions.get(word, ()) if k[0] == "policy" and k in self.live]

    def policies_reading(self, t: str, column: str) -> list[Key]:
        """The policies there that may read column `column` of table `t`: those of `t` using
        it (or with an expression not known), those naming it (of another table, naming `t`
        too)."""
        short = _short(t)
        out = [k for k in self.column_users.get((t, column), ()) if k[0] == "policy"]
        out += [  # and those of `t` with an expression not known
            k
            for k in self.children.get(t, ())
            if k[0] == "policy" and None in self.live[k].extra[:2]
        ]
        known = ("rel", t) in self.live  # the columns a policy of `t` reads are known
        for k in self.policies_naming(column):
            if (k[1] == t and not known) or (k[1] != t and k in self.mentions.get(short, ())):
                out.append(k)
        return list(dict.fromkeys(out))

    def blocked(self, rel: str, dropping: set[str]) -> bool:
        """Something the files made still reads or references relation `rel` (not among
        `dropping`): a DROP of it without CASCADE may fail."""
        for k in self.readers.get(_short(rel), ()):
            if k[1] not in dropping and (k[0] != "inherits" or self.reads(k, rel)):
                return True
        return any(k[1] not in dropping for k in self.referencing.get(rel, ()))

    # ------------------------------------------------------------ routines

    def make_routine(self, name: str, o: Overload, s: Statement, words: Iterable[str]) -> None:
        live = tuple(
            p for p in self.routines.get(name, ()) if not same_types(p[0].identity, o.identity)
        )
        self._set(self.routines, name, (*live, (o, s)))
        gone = self.routines_gone.get(name, ())
        kept = tuple(g for g in gone if not same_types(g[0].identity, o.identity))
        if kept != gone:
            self._set(self.routines_gone, name, kept)
        self._set(self.routines_made, name, (*self.routines_made.get(name, ()), o))
        self.mention(("routine", name), words)

    def mention(self, key: Key, words: Iterable[str]) -> None:
        """`key`'s statement names `words` (only grows: the live keys are the users)."""
        for w in words:
            self.mentions.setdefault(w, {})[key] = None

    def unknown(self, name: str) -> bool:
        """Which routines of this name are there is not known."""
        return name in self.unknown_routines or f"*.{_short(name)}" in self.unknown_routines

    def routines_naming(self, word: str) -> list[str]:
        """The routines there whose statement names `word`."""
        keys = self.mentions.get(word, ())
        return [k[1] for k in keys if k[0] == "routine" and k[1] in self.routines]

    def drop_routines(self, name: str, made: Iterable[Statement], how: str, s: Statement) -> None:
        """The routines of `name` the statements `made` made are gone: `how`, by `s`."""
        which = {id(m) for m in made}
        live = self.routines.get(name, ())
        self._set(self.routines, name, tuple(p for p in live if id(p[1]) not in which))
        gone = tuple((o, how, s) for o, m in live if id(m) in which)
        self._set(self.routines_gone, name, (*self.routines_gone.get(name, ()), *gone))

    def forget_routines(self, name: str) -> None:
        """Which routines of this name are there is no longer known: none is said to be
        missing from now on (those made later are followed again)."""
        for d in (self.routines, self.routines_gone, self.routines_made):
            self._del(d, name)
        self._set(self.unknown_routines, name, None)


# ---------------------------------------------------------------- playing the statements


class _Player:
    """Plays a file's statements on a `_Schema`, saying which DROPs fail."""

    def __init__(self, state: _Schema, file: SqlFile, want: frozenset[str] | None) -> None:
        self.st = state
        self.file = file
        self.want = want  # the names some DROP or RENAME of the run names (None: all)
        self.hits: list[Hit] = []

    def wanted(self, name: str) -> bool:
        """An object of this name may matter: some statement of the run drops or renames a
        thing of that name (the others are never followed, for speed)."""
        return self.want is None or name in self.want

    def kept(self, words: set[str]) -> set[str]:
        return words if self.want is None else words & self.want

    def hit(self, s: Statement, what: str, why: str, obj: str) -> None:
        self.hits.append(Hit(f"{what} fails: {why}", object=obj, statement=s))

    def failed(self, s: Statement) -> bool:
        """`s` was found to fail (its last hit is about it): it changes nothing."""
        return bool(self.hits) and self.hits[-1].statement is s

    def maybe_refused(self, keys: Sequence[Key], if_exists: bool) -> bool:
        """A DROP of several objects, one not known to be there (the files did not make it):
        it may be refused as a whole, so the others are not known to be gone either (they are
        unknown now)."""
        if if_exists or len(keys) < 2 or all(k in self.st.live for k in keys):
            return False
        for k in keys:
            self.st.forget(k)
        return True

    def gone_why(self, key: Key, whose: str = "it") -> str | None:
        found = self.st.gone.get(key)
        if found is None or key in self.st.live:
            return None
        how, where = found
        return f"{whose} was {how} at {_where(where, self.file)}"

    def play(self, statements: Iterable[Statement]) -> list[Hit]:
        for s in statements:
            k = s.kind
            if k in _RELATIONS:
                self.drop_relations(s)
            elif k in ("drop_type", "drop_domain"):
                self.drop_types(s)
            elif k == "drop_trigger":
                self.drop_trigger(s)
            elif k == "drop_policy":
                self.drop_policy(s)
            elif k in ROUTINE_DROPS:
                self.drop_routines(s)
            elif k == "alter_table":
                self.alter_table(s)
            elif k == "drop_schema":
                self.drop_schema(s)
            elif k == "drop_extension" and s.facts.cascade:
                for name in list(self.st.routines):
                    self.st.forget_routines(name)
            elif k == "do":
                self.unknown(_words(s.facts.body if s.facts.body is not None else s.text))
            else:
                self.create(s)
        return self.hits

    # ---------------------------------------------------------- what the files make

    def create(self, s: Statement) -> None:
        f = s.facts
        k = s.kind
        st = self.st
        if k in ("create_table", "create_table_as", "create_foreign_table") and f.name:
            t = _t(f.name)
            if f.if_not_exists and ("rel", t) in st.live:
                return
            st.forget(("rel", t))
            st.clear_gone_under(t)
            self.named_in(f.name, s.text)
            inherits: set[str] = set()
            m = _INHERITS.search(s.text) if k == "create_table" else None
            if m is not None:
                inherits = {_t(_object_name(p, f.name)) for p in split_top_level(m.group(1))}
            parent = _t(f.partition_of) if f.partition_of is not None else None
            st.create(("rel", t), _Obj("table", parent, frozenset(), s))
            if inherits:
                st.create(("inherits", t), _Obj("inherits", t, frozenset(), s, frozenset(inherits)))

            @functools.cache
            def definitions() -> dict[str, str]:
                """The column definitions, when a column names a constraint of its own."""
                return column_definitions(s.text) if _INLINE_NAMED.search(s.text) else {}

            def text_of(name: str) -> str:
                return definitions().get(name, "")

            want = self.want
            for col in f.columns:
                if (
                    want is not None
                    and col.name not in want
                    and not (col.primary_key or col.unique or col.references or col.check)
                    and not (col.default or col.generated or col.identity)
                    and col.data_type.split("(")[0].strip() not in _SERIAL
                    and col.data_type.rstrip("[] ").rpartition(".")[2] not in want
                ):
                    continue  # nothing of it can matter
                definition = functools.partial(text_of, col.name)
                self.add_column(f.name, col, s, None, definition, t)
            for con in f.constraints:
                action = AlterAction("add_constraint", con.text, constraint=con)
                self.add_constraint(f.name, action, s)
        elif k == "create_index" and f.table is not None:
            key = ("rel", stored_key(created_index_key(f.table, f.name, f.index_columns)))
            if f.if_not_exists and key in st.live:
                return
            t = _t(f.table)
            text = f"{f.index_columns or ''} {f.index_where or ''}"
            words = self.kept(_words(text))
            if self.wanted(_name_of(key)):
                used = self.columns_used(t, f.index_columns, text)
                st.create(key, _Obj("index", t, used, s), words)
            elif words:  # what it uses, held while its table is there
                st.mention(("rel", t), words)
        elif k == "create_trigger" and f.name and f.table:
            t = _t(f.table)
            fn = f.function.name.lower() if f.function is not None else ""
            if self.wanted(f.name.name) or self.wanted(fn):
                st.create(("trigger", t, f.name.name), _Obj("trigger", t, _NONE, s), [fn])
        elif k in ("create_view", "create_materialized_view") and f.name:
            kind = "view" if k == "create_view" else "materialized view"
            key = ("rel", _t(f.name))
            if f.if_not_exists and key in st.live:
                return
            every = _words(s.text)
            reads = frozenset(w for w in every if st.relation_names.get(w))
            st.create(key, _Obj(kind, None, _NONE, s, reads), self.kept(every))
        elif k == "create_sequence" and f.name:
            key = ("rel", _t(f.name))
            if f.if_not_exists and key in st.live:
                return
            if self.wanted(f.name.name):
                st.create(key, _Obj("sequence", None, _NONE, s))
                self.owned_by(f.name, s.text, s)
        elif k == "alter_sequence" and f.name:
            for a in f.actions:
                if a.action == "rename" and a.new_name:
                    self.rename(("rel", _t(f.name)), _in_schema(f.name, a.new_name), s)
                else:
                    self.owned_by(f.name, a.text, s)
        elif k in ("alter_index", "alter_view", "alter_materialized_view") and f.name:
            for a in f.actions:
                key = ("rel", _t(f.name))
                if a.action == "rename" and a.new_name:
                    self.rename(key, _in_schema(f.name, a.new_name), s)
                elif a.action == "set_schema":
                    st.forget(key)
        elif k in ("create_type", "create_domain") and f.name:
            st.create(("type", _t(f.name)), _Obj("type", None, frozenset(), s))
        elif k in ("alter_type", "alter_domain") and f.name:
            for a in f.actions:
                if a.action in ("rename_type", "rename") and a.new_name:
                    self.rename(("type", _t(f.name)), _in_schema(f.name, a.new_name), s)
                elif a.action == "set_schema":
                    st.forget(("type", _t(f.name)))
        elif k in ROUTINE_CREATES and f.name:
            rname = qualified(f.name)
            st.make_routine(rname, created_overload(s), s, self.kept(_header_words(s)))
        elif k in ("alter_function", "alter_procedure", "alter_routine") and f.name:
            if any(a.action in ("rename", "set_schema") for a in f.actions):
                st.forget_routines(qualified(f.name))
                for a in f.actions:
                    if a.new_name:
                        st.forget_routines(f"{schema_of(f.name)}.{a.new_name}")
        elif k in ("create_policy", "alter_policy") and f.name and f.table:
            self.policy(s, f.name.name, f.table)

    def policy(self, s: Statement, name: str, table: ObjectName) -> None:
        """CREATE POLICY, or ALTER POLICY: renamed, or given new expressions (those it is not
        given it keeps)."""
        st = self.st
        t = _t(table)
        key: Key = ("policy", t, stored(name))
        obj = st.live.get(key)
        renames = [a.new_name for a in s.facts.actions if a.action == "rename" and a.new_name]
        if renames:
            new_key: Key = ("policy", t, stored(renames[0]))
            if new_key in st.live:
                return  # refused: the name is taken (or the same)
            st.forget(new_key)
            if obj is None:
                st.forget(key)
                return
            st._detach(key)
            st.mark_gone(key, f"renamed to {_q(new_key[2])}", s)
            st.create(new_key, obj, _policy_words(obj))
            return
        if s.kind == "create_policy" and obj is not None:
            return  # refused: there is one of this name
        if s.kind == "alter_policy" and obj is None and key in st.gone:
            return  # refused: it is gone
        using, check = _policy_expressions(s.text)
        # an ALTER of a policy the files did not make keeps expressions not known (None)
        unknown = (None, None, _NONE) if s.kind == "alter_policy" else (_NONE, _NONE, _NONE)
        old_using, old_check, old_words = obj.extra if obj is not None else unknown
        words = frozenset(self.kept(_words(f"{using or ''} {check or ''}"))) | old_words
        used = (
            old_using if using is None else self.columns_used(t, None, using),
            old_check if check is None else self.columns_used(t, None, check),
        )
        columns = frozenset().union(*(u for u in used if u is not None))
        made = obj.made if obj is not None else s
        st.create(key, _Obj("policy", t, columns, made, (*used, words)), words)

    def columns_used(self, t: str, elements: str | None, text: str) -> frozenset[str]:
        """The columns of `t` an index (or constraint) reads: the known columns named in its
        text, or, on a table the files did not make, its plain column elements."""
        if ("rel", t) in self.st.live:
            known = {k[2] for k in self.st.children.get(t, ()) if k[0] == "column"}
            return frozenset(_words(text) & known)
        out = set()
        for e in split_top_level(elements or ""):
            m = _PLAIN_ELEMENT.match(e)
            if m is not None:
                out.add(m.group("q") or (m.group("b") or "").lower())
        return frozenset(self.kept(out))

    def owned_by(self, seq: ObjectName, text: str, s: Statement) -> None:
        parts = owned_by_parts(text)
        key = ("rel", _t(seq))
        obj = self.st.live.get(key)
        if parts is None or obj is None:
            return
        if len(parts) < 2:
            self.st.create(key, obj._replace(parent=None, columns=frozenset()))
            return
        table = ObjectName(parts[-2], parts[-3] if len(parts) > 2 else None, implied=seq.implied)
        self.st.create(key, obj._replace(parent=_t(table), columns=frozenset({parts[-1]})))

    def add_column(
        self,
        table: ObjectName,
        col: ColumnFact,
        s: Statement,
        action: AlterAction | None,
        named_text: Callable[[], str] = str,
        table_key: str = "",
    ) -> None:
        """A column, its sequence (`serial`, identity) and inline constraints. `action` is the
        ALTER TABLE's ADD COLUMN, or None in a CREATE TABLE, where `named_text()` gives the
        column's definition (read only when needed)."""
        st = self.st
        t = table_key or _t(table)
        base = col.data_type.split("(")[0].strip()
        type_word = base.rstrip("[] ").rpartition(".")[2]
        words = {type_word} if self.wanted(type_word) else set()
        default = col.default or ""
        if col.check or col.generated or "(" in default or "::" in default:  # calls, casts
            written = action.text if action is not None else ""
            words |= self.kept(_words(f"{col.default or ''} {col.check or ''} {written}"))
        if self.wanted(col.name):
            st.create(("column", t, col.name), _Obj("column", t, _NONE, s, col.data_type), words)
        elif words:  # what the column uses, held while its table is there
            st.mention(("rel", t), words)
        if base in _SERIAL or col.identity:
            seq_name = make_object_name(table.name, col.name, "seq")
            if self.wanted(seq_name):
                seq = _in_schema(table, seq_name)
                st.create(("rel", seq), _Obj("sequence", t, frozenset({col.name}), s))
        if not (col.primary_key or col.unique or col.references or col.check):
            return
        if col.references is not None:  # it holds the table it references (named or not)
            fk: Any = ("fk", _t(col.references))
            st.create(("constraint", t, f" fk {col.name}"), _Obj("constraint", t, _NONE, s, fk))
        if action is None:
            action = AlterAction("add_column", "", column=col)
        names = [
            n
            for n in implicit_constraint_names(table, action)
            if self.wanted(n) and not n.endswith("_not_null")
        ]
        if names and CONSTRAINT_NAME.search(action.text or named_text()) is not None:
            return  # named inline constraints: which name is whose is not read here
        for name in names:
            kind = name.rpartition("_")[2]
            extra: Any = None
            if kind in ("pkey", "key"):
                index = ("rel", _in_schema(table, name))
                st.create(index, _Obj("index", t, frozenset({col.name}), s, "constraint"))
                extra = ("index", index)
            elif kind == "fkey" and col.references is not None:
                extra = ("fk", _t(col.references))
            st.create(
                ("constraint", t, stored(name)),
                _Obj("constraint", t, frozenset({col.name}), s, extra),
            )

    def add_constraint(self, table: ObjectName, action: AlterAction, s: Statement) -> None:
        con = action.constraint
        if con is None or con.using_index:
            return
        st = self.st
        t = _t(table)
        text = f"{' '.join(con.columns)} {con.expression or ''}"
        for name in implicit_constraint_names(table, action)[:1]:
            if not self.wanted(name) and con.type != "foreign_key":
                words = self.kept(_words(text))
                if words:  # what it uses, held while its table is there
                    st.mention(("rel", t), words)
                continue
            cols = frozenset(con.columns) | self.columns_used(t, None, con.expression or "")
            extra: Any = None
            if con.type in _INDEX_KINDS:
                index = ("rel", _in_schema(table, name))
                st.create(index, _Obj("index", t, cols, s, "constraint"))
                extra = ("index", index)
            elif con.type == "foreign_key" and con.references is not None:
                extra = ("fk", _t(con.references))
            st.create(
                ("constraint", t, stored(name)),
                _Obj("constraint", t, cols, s, extra),
                self.kept(_words(text)),
            )

    def rename(self, key: Key, new: str, s: Statement) -> None:
        """`key` (a relation or type, `schema.name`) renamed to `new`: it goes on under the new
        name with what hangs on it."""
        st = self.st
        obj = st.live.get(key)
        new_key = (key[0], new)
        if new_key in st.live:
            return  # refused: the name is taken (or the same)
        if obj is None:
            st.forget(key)
            st.forget(new_key)
            return
        st.forget(new_key)
        if key[0] == "rel" and obj.kind in ("table", "view", "materialized view"):
            old_t = key[1]
            children = [(c, st.live[c]) for c in st.children.get(old_t, ()) if c in st.live]
            readers = [(r, st.live[r]) for r in st.readers.get(_short(old_t), ()) if r in st.live]
            fks = [
                (r, st.live[r])
                for r in st.referencing.get(old_t, ())
                if r in st.live and st.live[r].parent != old_t  # its own are among the children
            ]
            for c, _ in children:
                st._detach(c)
            for r, _ in readers + fks:
                st._detach(r)
            st._detach(key)
            st.mark_gone(key, f"renamed to {_shown(new_key[1])}", s)
            st.create(new_key, obj)
            for c, cobj in children:
                ck = c if c[0] == "rel" else (c[0], new_key[1], *c[2:])
                st.create(ck, cobj._replace(parent=new_key[1]), _policy_words(cobj))
            for p in st.policies_naming(_short(old_t)):
                st.mention(p, [_short(new_key[1])])
            for r, robj in readers:
                if r[0] == "inherits":
                    srcs = frozenset(new_key[1] if x == old_t else x for x in robj.extra or ())
                else:
                    old, new_short = _short(old_t), _short(new_key[1])
                    srcs = frozenset(new_short if x == old else x for x in robj.extra or ())
                st.create(r, robj._replace(extra=srcs))
            for r, robj in fks:
                st.create(r, robj._replace(extra=("fk", new_key[1])))
            return
        st._detach(key)
        st.mark_gone(key, f"renamed to {_shown(new_key[1])}", s)
        st.create(new_key, obj)
        if obj.kind == "index" and obj.parent is not None:
            # a unique or primary key's index and constraint are renamed together
            con = ("constraint", obj.parent, _name_of(key))
            if con in st.live:
                cobj = st._detach(con)
                st.mark_gone(con, f"renamed to {_q(_name_of(new_key))}", s)
                st.create((*con[:2], _name_of(new_key)), cobj._replace(extra=("index", new_key)))

    # ---------------------------------------------------------- DROP

    def drop_relations(self, s: Statement) -> None:
        f = s.facts
        st = self.st
        word = _RELATIONS[s.kind]
        keys = []
        for n in f.names:
            key = ("rel", _t(n))
            keys.append(key)
            if not f.if_exists:
                why = self.gone_why(key)
                if why is not None:
                    self.hit(s, f"DROP {word.upper()} {_shown(key[1])}", why, f"{word} {key[1]}")
        if self.failed(s):
            return  # refused: it drops nothing
        if self.maybe_refused(keys, f.if_exists):
            return
        dropping = {k[1] for k in keys}
        for key in keys:
            obj = st.live.get(key)
            if obj is None:
                continue
            if not f.cascade and (st.blocked(key[1], dropping) or obj.extra == "constraint"):
                continue  # refused (something depends on it): still there
            if not f.cascade and st.routines_naming(_short(key[1])):
                continue  # a routine's argument or result of its row type: refused
            if not f.cascade and obj.kind == "sequence" and st.used(_short(key[1]), [key]):
                continue  # a column default still takes its values: refused
            readers = [
                p
                for p in st.policies_naming(_short(key[1]))
                if st.live[p].parent not in dropping and obj.kind != "index"
            ]
            if readers and not f.cascade:
                continue  # a policy of another table reads it: refused
            for p in readers:  # CASCADE takes it along (if it does read it)
                st.forget(p)
            st.remove(key, "dropped", s, cascade=f.cascade)
            if f.cascade:  # a function's SQL body reading it goes too: unknown now
                for name in st.routines_naming(_short(key[1])):
                    st.forget_routines(name)

    def drop_types(self, s: Statement) -> None:
        f = s.facts
        st = self.st
        what = "DOMAIN" if s.kind == "drop_domain" else "TYPE"
        for n in f.names:
            key = ("type", _t(n))
            if not f.if_exists:
                why = self.gone_why(key)
                if why is not None:
                    self.hit(s, f"DROP {what} {_shown(key[1])}", why, f"{what.lower()} {key[1]}")
        types = [("type", _t(n)) for n in f.names]
        if self.failed(s) or self.maybe_refused(types, f.if_exists):
            return
        for n in f.names:
            key = ("type", _t(n))
            if key not in st.live:
                continue
            short = n.name.lower()
            users = st.routines_naming(short)
            if f.cascade or users or st.used(short):
                # CASCADE drops what uses it: the routines taking or returning it go, those
                # otherwise naming it (a parameter default, a body) are unknown now
                for name in users:
                    if f.cascade:
                        self.cascade_routines(name, key, s)
                    else:
                        st.forget_routines(name)
                if not f.cascade:
                    continue
            st.remove(key, "dropped", s)

    def cascade_routines(self, name: str, type_key: Key, s: Statement) -> None:
        """Type `type_key` is dropped with CASCADE: routine `name`'s overloads taking or
        returning it go with it; if another names it, which are there is not known."""
        st = self.st
        live = st.routines.get(name, ())
        taking = [m for o, m in live if _takes_type(o, m, type_key[1])]
        word = _short(type_key[1])
        if any(word in _header_words(m) for o, m in live if m not in taking):
            st.forget_routines(name)
        elif taking:
            st.drop_routines(name, taking, f"dropped with type {_shown(type_key[1])}", s)

    def drop_trigger(self, s: Statement) -> None:
        f = s.facts
        if f.table is None:
            return
        t = _t(f.table)
        for n in f.names:
            if f.if_exists:
                self.st.remove(("trigger", t, n.name), "dropped", s)
                continue
            what = f"DROP TRIGGER {_q(n.name)} ON {_shown(t)}"
            why = self.gone_why(("rel", t), f"table {_shown(t)}")
            if why is None:
                why = self.gone_why(("trigger", t, n.name))
            if why is not None:
                self.hit(s, what, why, f"trigger {t}.{n.name}")
            self.st.remove(("trigger", t, n.name), "dropped", s)

    def drop_policy(self, s: Statement) -> None:
        f = s.facts
        if f.table is None:
            return
        t = _t(f.table)
        for n in f.names:
            key = ("policy", t, stored(n.name))
            if not f.if_exists:  # IF EXISTS skips a missing table too
                what = f"DROP POLICY {_q(key[2])} ON {_shown(t)}"
                why = self.gone_why(("rel", t), f"table {_shown(t)}") or self.gone_why(key)
                if why is not None:
                    self.hit(s, what, why, f"policy {t}.{key[2]}")
                    continue
            self.st.remove(key, "dropped", s)

    def drop_routines(self, s: Statement) -> None:
        f = s.facts
        st = self.st
        word = ROUTINE_DROPS[s.kind]
        names = dropped_routines(s)
        later: list[Callable[[], None]] = []  # done unless the statement fails
        for n, arguments in names:
            name = qualified(n)
            live = st.routines.get(name, ())
            what = f"DROP {word.upper()} {_shown(name)}"
            refused = self.held(n, f.cascade) and not f.cascade  # something still calls it
            if arguments is None:
                fitting = [i for i, (o, _) in enumerate(live) if _of_kind(o, word)]
                if len(fitting) >= 2 and name not in st.doubtful:
                    shown = ", ".join(
                        f"{_q(n.name)}({', '.join(live[i][0].shown)})" for i in fitting
                    )
                    self.hit(s, what, f"the name is not unique ({shown})", f"{word} {name}")
                elif len(fitting) == 1:
                    later.append(self.drop_one(name, live[fitting[0]][1], refused, s))
                elif not fitting and not f.if_exists and not st.unknown(name):
                    gone = [g for g in st.routines_gone.get(name, ()) if _of_kind(g[0], word)]
                    if gone:
                        _, how, where = gone[-1]
                        why = f"it was {how} at {_where(where, self.file)}"
                        self.hit(s, what, why, f"{word} {name}")
                continue
            drop = overload(arguments)
            what = f"DROP {word.upper()} {_shown(name)}({', '.join(drop.shown)})"
            found = routines_dropped(arguments, word, enumerate(o for o, _ in live))
            if len(found) == 1:
                later.append(self.drop_one(name, live[found[0]][1], refused, s))
            elif found:  # which it drops is not known statically
                later.append(functools.partial(st.forget_routines, name))
            elif not f.if_exists and ANY_TYPE not in drop.identity:
                self.missing_overload(s, n, arguments, what)
        if self.failed(s):
            return  # refused: it drops nothing
        if len(later) < len(names) and len(names) > 1 and not f.if_exists:
            # a name not known to be there: it may be refused as a whole (unknown now)
            for n, _ in names:
                st.forget_routines(qualified(n))
            return
        for change in later:
            change()

    def drop_one(
        self, name: str, made: Statement, refused: bool, s: Statement
    ) -> Callable[[], None]:
        """What dropping the one overload of `name` that `made` made changes, unless `s` fails:
        if something calls it (`refused`), it is still there, unless nothing called it after
        all (doubtful)."""
        if refused:
            return functools.partial(self.st._set, self.st.doubtful, name, None)
        return functools.partial(self.st.drop_routines, name, [made], "dropped", s)

    def missing_overload(self, s: Statement, n: ObjectName, arguments: str, what: str) -> None:
        """A DROP of routine `n` with these arguments, which matches no overload there: a hit
        if the overload was dropped, or the files made `n` and none of its overloads."""
        st = self.st
        name = qualified(n)
        word = ROUTINE_DROPS[s.kind]
        dropped = st.routines_gone.get(name, ())
        hit = routines_dropped(arguments, word, enumerate(o for o, _, _ in dropped))
        if hit:
            _, how, where = dropped[hit[-1]]
            self.hit(s, what, f"it was {how} at {_where(where, self.file)}", f"{word} {name}")
            return
        made = st.routines_made.get(name, ())
        if not made or st.unknown(name) or routines_dropped(arguments, word, enumerate(made)):
            return
        shown = ", ".join(dict.fromkeys(f"{_q(n.name)}({', '.join(o.shown)})" for o in made))
        self.hit(s, what, f"the files made no such overload ({shown})", f"{word} {name}")

    def held(self, n: ObjectName, cascade: bool) -> bool:
        """Something the files made may call routine `n` (a trigger, a view, a default, an
        index): a DROP of it may be refused, or with CASCADE take those along (unknown now)."""
        word = n.name.lower()
        callers = [r for r in self.st.routines_naming(word) if _short(r) != word]
        if not callers and not self.st.used(word):
            return False
        for name in callers if cascade else ():  # a parameter default calling it goes too
            self.st.forget_routines(name)
        if cascade:
            for key in [k for k in self.st.mentions.get(word, ()) if k in self.st.live]:
                self.st.forget(key)
        return True

    def named_in(self, table: ObjectName, text: str) -> None:
        """The constraints (and their indexes) a statement names are made again: not gone."""
        if "constraint" not in text.lower():
            return
        t = _t(table)
        for name in written_names(text):
            self.st._del(self.st.gone, ("constraint", t, stored(name)))
            self.st._del(self.st.gone, ("rel", _in_schema(table, name)))

    def drop_schema(self, s: Statement) -> None:
        f = s.facts
        st = self.st
        for n in f.names:
            prefix = f"{n.name}."
            for key in [k for k in st.live if k[1].startswith(prefix) and k[0] in ("rel", "type")]:
                if f.cascade:
                    st.remove(key, f"dropped with schema {_q(n.name)}", s, cascade=True)
                else:
                    st.forget(key)
            for name in [r for r in st.routines if r.startswith(prefix)]:
                live = st.routines.get(name, ())
                if f.cascade and live:
                    every = [m for _, m in live]
                    st.drop_routines(name, every, f"dropped with schema {_q(n.name)}", s)
                else:
                    st.forget_routines(name)

    def alter_table(self, s: Statement) -> None:
        f = s.facts
        if f.table is None:
            return
        t = _t(f.table)
        drops = [a for a in f.actions if a.action in ("drop_column", "drop_constraint")]
        if drops and not f.if_exists:
            table_gone = self.gone_why(("rel", t), f"table {_shown(t)}")
            for a in drops:
                word = "COLUMN" if a.action == "drop_column" else "CONSTRAINT"
                name = a.column_name if a.action == "drop_column" else a.constraint_name
                if not name:
                    continue
                what = f"ALTER TABLE {_shown(t)} DROP {word} {_q(name)}"
                obj = f"{word.lower()} {t}.{name}"
                if table_gone is not None:
                    self.hit(s, what, table_gone, obj)
                    break
                if a.if_exists:
                    continue
                why = self.gone_why((word.lower(), t, stored(name)))
                if why is not None:
                    self.hit(s, what, why, obj)
        if self.failed(s):
            return  # refused: none of its actions is done
        dropped: list[Key] = [
            ("column", t, a.column_name or "")
            if a.action == "drop_column"
            else ("constraint", t, stored(a.constraint_name or ""))
            for a in drops
            if not a.if_exists
        ]
        if self.maybe_refused(dropped, False):
            return
        for a in f.actions:
            if a.action != "drop_column" or ("column", t, a.column_name or "") not in self.st.live:
                continue
            policies = self.st.policies_reading(t, a.column_name or "")
            if policies and not a.cascade:
                return  # refused: a policy reads the column (none of its actions is done)
            for p in policies:  # CASCADE takes them along: those of `t` using it surely
                if p not in self.st.column_users.get((t, a.column_name or ""), ()):
                    self.st.forget(p)
        for a in f.actions:
            self.alter_action(s, f.table, t, a)

    def alter_action(self, s: Statement, table: ObjectName, t: str, a: AlterAction) -> None:
        st = self.st
        if a.action == "add_column" and a.column is not None:
            if a.if_not_exists and ("column", t, a.column.name) in st.live:
                return
            self.add_column(table, a.column, s, a)
        elif a.action == "add_constraint" and a.constraint is not None:
            self.named_in(table, a.text)
            self.add_constraint(table, a, s)
        elif a.action == "drop_column" and a.column_name:
            key = ("column", t, a.column_name)
            if key not in st.live:
                return
            if not a.cascade and (st.readers.get(_short(t)) or st.referencing.get(t)):
                st.forget(key)  # a view or foreign key may hold it: the drop may fail
                return
            if a.cascade:
                for r in list(st.readers.get(_short(t), ())):
                    st.forget(r)
                for r in list(st.referencing.get(t, ())):
                    st.forget(r)
            st.remove(key, "dropped", s)
        elif a.action == "drop_constraint" and a.constraint_name:
            st.remove(("constraint", t, stored(a.constraint_name)), "dropped", s)
        elif a.action == "rename_table" and a.new_name:
            self.rename(("rel", t), _in_schema(table, a.new_name), s)
        elif a.action == "rename_column" and a.column_name and a.new_name:
            self.rename_column(t, a.column_name, a.new_name, s)
        elif a.action == "rename_constraint" and a.constraint_name and a.new_name:
            old = ("constraint", t, stored(a.constraint_name))
            obj = st.live.get(old)
            if ("constraint", t, stored(a.new_name)) in st.live:
                return  # refused: the name is taken (or the same)
            if obj is None:
                st.forget(old)
                st.forget(("constraint", t, stored(a.new_name)))
                st.forget(("rel", _in_schema(table, a.new_name)))
                return
            st._detach(old)
            st.mark_gone(old, f"renamed to {_q(stored(a.new_name))}", s)
            if isinstance(obj.extra, tuple) and obj.extra[0] == "index":
                index = obj.extra[1]
                iobj = st.live.get(index)
                new_index = ("rel", _in_schema(table, a.new_name))
                if iobj is not None:
                    st._detach(index)
                    st.mark_gone(index, f"renamed to {_shown(new_index[1])}", s)
                    st.create(new_index, iobj)
                obj = obj._replace(extra=("index", new_index))
            st.create(("constraint", t, stored(a.new_name)), obj)
        elif a.action == "set_schema":
            st.forget(("rel", t))
        elif a.action == "detach_partition":  # it no longer goes with this table
            part = ("rel", _in_schema(table, a.new_name or ""))
            partitions = [
                c for c in st.children.get(t, ()) if c[0] == "rel" and st.live[c].kind == "table"
            ]
            for child in [part] if part in partitions else partitions:
                st.forget(child)

    def rename_column(self, t: str, old: str, new: str, s: Statement) -> None:
        st = self.st
        key = ("column", t, old)
        if ("column", t, new) in st.live:
            return  # refused: the name is taken (or the same)
        users = [(k, st.live[k]) for k in st.column_users.get((t, old), ()) if k in st.live]
        obj = st.live.get(key)
        st.forget(("column", t, new))
        if obj is None:
            for k, _ in users:
                st.forget(k)
            return
        for k, _ in users:
            st._detach(k)
        st._detach(key)
        st.mark_gone(key, f"renamed to {_q(new)}", s)
        st.create(("column", t, new), obj)
        for k, uobj in users:
            cols = frozenset(new if c == old else c for c in uobj.columns)
            if uobj.kind == "policy":
                using, check, words = uobj.extra
                using, check = (
                    None if u is None else frozenset(new if c == old else c for c in u)
                    for u in (using, check)
                )
                uobj = uobj._replace(extra=(using, check, words | {new}))
            st.create(k, uobj._replace(columns=cols), _policy_words(uobj))

    def unknown(self, words: set[str]) -> None:
        """A DO block: what it does with the objects it names is not known."""
        st = self.st
        for key in [k for k in st.gone if _name_of(k) in words]:
            st._del(st.gone, key)
        for name in [r for r in st.routines_made if _short(r) in words]:
            st.forget_routines(name)
        for w in words:  # and those it may make of a name the files make later
            st._set(st.unknown_routines, f"*.{w}", None)


_POLICY_CLAUSE = re.compile(r"\b(USING|CHECK)\s*\(", re.I)


def _policy_expressions(text: str) -> tuple[str | None, str | None]:
    """A CREATE or ALTER POLICY's USING and WITH CHECK expressions (None: not given)."""
    found: dict[str, str] = {}
    at = 0
    while (m := _POLICY_CLAUSE.search(text, at)) is not None:
        end = closing_paren(text, m.end() - 1)
        if end < 0:
            break
        found.setdefault(m.group(1).upper(), text[m.end() : end])
        at = end + 1
    return found.get("USING"), found.get("CHECK")


def _policy_words(obj: _Obj) -> frozenset[str]:
    """The words a policy's expressions name (what it may read or call)."""
    return obj.extra[2] if obj.kind == "policy" else _NONE


def _signature_types(o: Overload, made: Statement) -> Iterator[str]:
    """The types a routine takes (every argument's) and returns (a table's columns too), as
    overloads compare them (`argument_key`), arrays as their element type."""
    returns = (made.facts.returns or "").strip()
    if returns.lower().startswith("setof "):
        returns = returns[6:]
    if returns.lower().startswith("table") and "(" in returns:
        inner = returns[returns.find("(") + 1 : closing_paren(returns, returns.find("("))]
        results = [c.strip().partition(" ")[2] for c in split_top_level(inner)]
    else:
        results = [returns] if returns else []
    for t in (*o.every, *(argument_key(r) for r in results if r)):
        yield t.replace(" ", "").rstrip("[]")


def _takes_type(o: Overload, made: Statement, type_key: str) -> bool:
    """Routine overload `o` (made by `made`) takes or returns type `type_key` (`schema.name`):
    an unqualified type is taken as in the routine's own schema search."""
    n = made.facts.name
    implied = (n.implied if n is not None else None) or "public"
    for t in _signature_types(o, made):
        if stored_key(t if "." in t else f"{implied}.{t}") == type_key:
            return True
    return False


def _of_kind(o: Overload, word: str) -> bool:
    """DROP FUNCTION looks among the functions, DROP PROCEDURE the procedures, DROP ROUTINE
    both."""
    return word == "routine" or o.procedure == (word == "procedure")


def _words_list(text: str) -> list[str]:
    return [q.replace('""', '"') if q else b.lower() for q, b in _WORD.findall(text)]


def _object_name(text: str, near: ObjectName) -> ObjectName:
    parts = _words_list(text)
    if len(parts) >= 2:
        return ObjectName(parts[-1], parts[-2])
    return ObjectName(parts[0] if parts else text.strip(), None, implied=near.implied)


# ---------------------------------------------------------------- the run


_STREAM = ("prerequisite", "migration")


class _Run:
    """The run's files played in order once (again only when an earlier place is asked for):
    a migration's findings are kept as it is played; a rollback is played on the state its
    forward migration leaves, and taken back."""

    def __init__(self, ctx: Context) -> None:
        self.files = ctx.history.files
        self.stream = [(i, f) for i, f in enumerate(self.files) if f.role in _STREAM]
        self.found: dict[tuple[str, str], list[Hit]] = {}
        self.want = _wanted(self.files)
        self._reset()

    def _reset(self) -> None:
        self.state = _Schema()
        self.next = 0  # index into `stream` of the first file not played

    def advance(self, place: int) -> None:
        """Play every stream file before position `place`."""
        if self.next > 0 and self.stream[self.next - 1][0] >= place:
            self._reset()
        while self.next < len(self.stream) and self.stream[self.next][0] < place:
            f = self.stream[self.next][1]
            hits = _Player(self.state, f, self.want).play(f.statements)
            self.found.setdefault(f.ident, hits)
            self.next += 1

    def on_top(self, place: int, f: SqlFile) -> list[Hit]:
        """Play `f` on the state of the stream files before `place`, then take it back."""
        self.advance(place)
        self.state.journal = []
        try:
            return _Player(self.state, f, self.want).play(f.statements)
        finally:
            self.state.undo()


_RENAMES = frozenset(
    {"alter_index", "alter_view", "alter_materialized_view", "alter_sequence", "alter_type"}
    | {"alter_domain"}
)
_NAMED_DROPS = frozenset({*_RELATIONS, *ROUTINE_DROPS, "drop_type", "drop_domain", "drop_trigger"})


def _wanted(files: Iterable[SqlFile]) -> frozenset[str] | None:
    """The names the run's DROPs and RENAMEs name (None when a DROP SCHEMA takes any name):
    an object of another name can never be the one a DROP finds gone."""
    out: set[str] = set()
    for f in files:
        for s in f.statements:
            k = s.kind
            if k in _NAMED_DROPS:
                out.update(n.name for n in s.facts.names)
            elif k == "alter_table":
                t = s.facts.table
                for a in s.facts.actions:
                    if a.action in ("drop_column", "rename_column") and a.column_name:
                        out.add(a.column_name)
                        if t is not None:  # a policy of another table may read it
                            out.add(t.name)
                    elif a.action in ("drop_constraint", "rename_constraint") and a.constraint_name:
                        out.add(a.constraint_name)
                    elif a.action in ("rename_table", "set_schema") and t is not None:
                        out.add(t.name)
            elif k in _RENAMES and s.facts.name is not None and s.facts.actions:
                out.add(s.facts.name.name)
            elif k == "drop_schema":
                return None
    return frozenset(out | {stored(n) for n in out})


def _run(ctx: Context) -> _Run:
    memo = ctx.history.memo
    run = memo.get("sc039 run")
    if not isinstance(run, _Run) or run.files is not ctx.history.files:
        run = memo["sc039 run"] = _Run(ctx)
    return run


@rule(
    "SC039",
    "drop-fails",
    Severity.ERROR,
    "Drop each object once: what went with its table, column or schema, or was renamed, is "
    "gone; name the overload of a function with several.",
    scope="file",
    roles=("migration", "rollback", "other"),
)
def check(ctx: Context) -> Iterator[Hit]:
    run = _run(ctx)
    history = ctx.history
    f = ctx.file
    if f.role == "migration":
        place = history.position(f)
        run.advance(place + 1)
        yield from run.found.get(f.ident, ())
    elif f.role == "rollback":
        fwd = ctx.forward
        if fwd is None or fwd.role not in _STREAM:
            return
        yield from run.on_top(history.position(fwd) + 1, f)
    else:  # a loose file: on the prerequisites
        first = next((i for i, g in run.stream if g.role != "prerequisite"), len(run.files))
        yield from run.on_top(first, f)
