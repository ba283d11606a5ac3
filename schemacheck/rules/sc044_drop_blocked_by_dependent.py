"""A migration's DROP (or ALTER COLUMN ... TYPE) that PostgreSQL refuses because something the
files made still depends on what it drops or changes.

Without CASCADE, PostgreSQL will not drop an object something else still depends on ("cannot
drop ... because other objects depend on it", 2BP01: a table, view, function, type, domain or
sequence), nor change the type of a column a view,
a policy, a generated column or a trigger's `UPDATE OF` / `WHEN` reads (0A000), nor keep a
column's default it cannot cast to the new type (42804). The dependents are those
SC029 (`rollback-wrong-drop-order`) follows for a rollback, made by the prerequisites, the
earlier migrations (in the run's file order) or the statements before it in the same
migration:

- a view or materialized view reading the table or view dropped, or calling the function;
- a foreign key of another table referencing the table;
- a trigger running the function; a column default, generated column, CHECK constraint,
  index expression, policy or parameter default calling the function or casting to the type;
- a column of the type (or of the table's row type), a function taking or returning it;
- a row-level security policy reading the column dropped (`ALTER TABLE doc DROP COLUMN
  owner` under `USING (owner = current_user)`), or reading the table in a subquery;
- a view or materialized view reading the column dropped, by name or with `*` when the
  column was there when the view was made;
- a column default using the sequence dropped (`DEFAULT nextval('s')`, with `::regclass`, a
  schema or a quoted name, or a `serial` column's `<table>_<column>_seq`): owned by the
  column or not, PostgreSQL keeps it while the default uses it (`nextval('s'::text)` does
  not hold it);
- for `ALTER COLUMN ... TYPE`: a view, policy, generated column or trigger reading the
  column, or a default that is a constant PostgreSQL cannot cast to the new type (a string of
  the column's type when it was set, `0` (integer), `1.5` (numeric), `true`, `0::bigint`:
  `DEFAULT 0` to boolean is refused, to text or bigint is not).

A dependent the files never made is never known, so nothing is said of it; one the files
dropped before the statement (in an earlier migration, or earlier in the same one) no longer
holds anything. Only what is certain is reported: a dependent made before a statement that
may have removed or renamed it without saying so by name (DROP SCHEMA, DROP OWNED, DROP
EXTENSION, a DO block, a statement the parser did not recognise) is not followed, nor one
made before a DROP ... CASCADE (or ALTER TABLE ... DROP ... CASCADE) or an ALTER ... RENAME
(or SET SCHEMA) whose statement names what that drops or renames, or names a view, routine
or type whose statement does, or a table with a column of a type or domain dropped so (and
so on); an ALTER TYPE ... RENAME hides the columns and routines made before it from a DROP
TYPE. A table or view dropped and made again has the new one's dependents, not the old
one's (its foreign keys, triggers, policies, columns); a view, trigger, policy or routine
made again depends on what its new definition names. A column dropped and added again is
not followed. A statement PostgreSQL refuses is taken as done for the statements after it
(as SC029 takes a rollback's), as it is once the cause is fixed.

Migration files and loose (`other`) files are checked; a loose file on its own statements
only. Each message says where the dependent was made (`file:line`, or the line in the same
migration) and, when the migration drops it only later, that line.

The migration stops at the refused statement, half applied where the tool does not wrap it in
a transaction. Drop the dependent first (and make it again after, for a type change), or
write CASCADE when the dependent is meant to go too.

## Other migration

```sql
-- file: migrations/099_accounts.sql
CREATE TABLE accounts (id bigint PRIMARY KEY, owner text NOT NULL, updated_at timestamptz);
CREATE VIEW account_owners AS SELECT id, owner FROM accounts;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION touch();
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY accounts_owner ON accounts USING (owner = current_user);
```

## Bad

```sql
ALTER TABLE accounts DROP COLUMN owner;  -- the view and the policy still read it
DROP FUNCTION touch();                   -- trigger accounts_touch still uses it
DROP TABLE accounts;                     -- view account_owners still reads it
```

## Good

```sql
DROP VIEW account_owners;
DROP POLICY accounts_owner ON accounts;
ALTER TABLE accounts DROP COLUMN owner;
DROP TRIGGER accounts_touch ON accounts;
DROP FUNCTION touch();
DROP TABLE accounts;
```
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from array import array
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import PurePosixPath

from schemacheck.ddl.statement import SqlFile, Statement
from schemacheck.findings import Severity
from schemacheck.rules._common import (
    created_index_key,
    created_overload,
    made_by,
    objects_of,
)
from schemacheck.rules.context import Context, Hit, qualified
from schemacheck.rules.registry import rule
from schemacheck.rules.sc029_rollback_wrong_drop_order import (
    Dependents,
    DropOrder,
    Dropped,
    Refusal,
    is_serial,
)

Place = tuple[int, int]  # (the file's place in the run, the statement's index in it)
Key = tuple[str, ...]

_DROPS = frozenset(
    {
        "drop_table",
        "drop_view",
        "drop_materialized_view",
        "drop_function",
        "drop_procedure",
        "drop_routine",
        "drop_type",
        "drop_domain",
        "drop_sequence",
    }
)
_VIEWS = frozenset({"create_view", "create_materialized_view"})
# statements after which what was made before is no longer known by name
_UNKNOWN_AFTER = frozenset({"do", "drop_schema", "drop_owned", "drop_extension"})
_RENAMES = re.compile(r"\bRENAME\b|\bSET\s+SCHEMA\b", re.I)
_DROPPED_LATER = re.compile(
    r" \((?:never dropped|not dropped|(dropped|changed) later, line (\d+))\)"
)


def _candidate(s: Statement) -> bool:
    """A statement PostgreSQL may refuse for a dependent: a DROP without CASCADE, an ALTER
    TABLE dropping a column without CASCADE or changing a column's type."""
    if s.kind in _DROPS:
        return not s.facts.cascade
    if s.kind == "alter_table" and s.facts.table is not None:
        return any(
            (a.action == "drop_column" and not a.cascade) or a.action == "alter_column_type"
            for a in s.facts.actions
        )
    return False


def _made_keys(s: Statement) -> Iterator[Key]:
    """The dependents a statement makes, as `Refusal.dependent` names them (`_looked_up`)."""
    f = s.facts
    k = s.kind
    if k in ("create_table", "create_table_as", "create_foreign_table") and f.name:
        t = qualified(f.name)
        yield ("relation", t)
        for col in f.columns:
            yield ("column", t, col.name)
            if col.default or is_serial(col):
                yield ("default", t, col.name)
            if col.generated:
                yield ("generated", t, col.name)
            if col.references is not None:
                yield ("fk", t, qualified(col.references))
        for con in f.constraints:
            if con.type == "foreign_key" and con.references is not None:
                yield ("fk", t, qualified(con.references))
            elif con.type == "check" and con.name:
                yield ("check", t, con.name)
    elif k in ("create_view", "create_materialized_view") and f.name:
        yield ("relation", qualified(f.name))
    elif k in ("create_function", "create_procedure") and f.name:
        yield ("function", qualified(f.name))
    elif k == "create_trigger" and f.table is not None and f.names:
        yield ("trigger", qualified(f.table), f.names[0].name)
    elif k == "create_policy" and f.table is not None and f.names:
        yield ("policy", qualified(f.table), f.names[0].name)
    elif k == "alter_policy" and f.table is not None and f.names:
        for a in f.actions:
            if a.action == "rename" and a.new_name:
                yield ("policy", qualified(f.table), a.new_name)
    elif k == "create_index" and f.table is not None:
        yield ("index", created_index_key(f.table, f.name, f.index_columns))
    elif k == "alter_table" and f.table is not None:
        t = qualified(f.table)
        for a in f.actions:
            c = a.column_name
            if a.action == "add_column" and a.column is not None:
                yield ("column", t, a.column.name)
                if a.column.default or is_serial(a.column):
                    yield ("default", t, a.column.name)
                if a.column.generated:
                    yield ("generated", t, a.column.name)
                if a.column.references is not None:
                    yield ("fk", t, qualified(a.column.references))
            elif a.action == "alter_column_type" and c:
                yield ("column", t, c)
            elif a.action == "set_default" and c:
                yield ("default", t, c)
            elif a.action == "add_constraint" and a.constraint is not None:
                con = a.constraint
                if con.type == "foreign_key" and con.references is not None:
                    yield ("fk", t, qualified(con.references))
                elif con.type == "check" and con.name:
                    yield ("check", t, con.name)


def _hides(s: Statement) -> tuple[bool, bool]:
    """Whether after `s` what was made before may be gone or renamed unseen: for every
    dependent (DROP SCHEMA, a DO block...), or for types only (ALTER TYPE ... RENAME: the
    columns of a type are known by its name). A CASCADE or another rename is `_touched`."""
    if not s.understood or s.kind in _UNKNOWN_AFTER:
        return True, True
    if s.kind in ("alter_type", "alter_domain") and _renames(s.text):
        return False, True
    return False, False


def _touched(s: Statement) -> list[str]:
    """The names (unqualified, lower-case) of what a DROP ... CASCADE drops, of the table an
    ALTER TABLE drops a column or constraint of with CASCADE, or of what an ALTER ... RENAME
    (or SET SCHEMA) renames or moves, and its new name: what names them may be gone, or now
    depend on something else of that name."""
    f = s.facts
    if f.cascade and f.names:
        return [n.name.lower() for n in f.names]
    if s.kind == "alter_table" and f.table is not None and any(a.cascade for a in f.actions):
        return [f.table.name.lower()]
    if (
        s.kind.startswith("alter_")
        and s.kind not in ("alter_type", "alter_domain")  # `_hides`: for DROP TYPE
        and _renames(s.text)
    ):
        named = [n for n in (f.table, f.name, *f.names) if n is not None]
        out = [n.name.lower() for n in named]
        out += [a.new_name.strip('"').lower() for a in f.actions if a.new_name]
        return out or [w.lower() for w in _WORD.findall(s.text)]
    return []


_WORD = re.compile(r"[A-Za-z_][\w$]*")


def _words(s: Statement) -> frozenset[str]:
    text = s.text
    if text.isascii():  # lower-case first: the same words
        return frozenset(_WORD.findall(text.lower()))
    return frozenset(w.lower() for w in _WORD.findall(text))


def _renames(text: str) -> bool:
    """`_RENAMES` is in the text (a plain search first: most statements have neither word)."""
    if text.isascii():
        low = text.lower()
        if "rename" not in low and "schema" not in low:
            return False
    return _RENAMES.search(text) is not None


_SHIFT = 24  # a place packed in an int: the file's place << _SHIFT | the statement's index


def _packed(place: Place) -> int:
    return place[0] << _SHIFT | place[1]


class _Made:
    """Where the files made each dependent, and the places of the statements after which
    what was made before is no longer known (`_hides`), in run order. Each statement is
    indexed by its subject (`_subject`) only, its place packed in an int: built once per run,
    the index holds no objects the garbage collector walks through; the few statements of a
    dependent's subject are read when it is asked for."""

    def __init__(self, files: Mapping[int, SqlFile]) -> None:
        self.files = files  # by place
        self.at: dict[str, array[int]] = {}
        self.hidden = array("q")
        self.hidden_types = array("q")
        self.touches = array("q")  # the places of the CASCADEs and renames (`_touched`)
        self.touched: set[str] = set()  # the names they touch
        self.touched_types: set[str] = set()  # the types and domains among them
        self._reach: set[str] | None = None  # what the CASCADEs and renames name (`reaches`)
        self._by_name: dict[str, list[Statement]] = {}  # the views, routines, types made
        self._good: set[str] = set()  # the names found to reach one of them
        self._bad: set[str] = set()  # and not to
        self._words: dict[int, frozenset[str]] = {}  # by statement (its id)
        self.added: list[int] = []  # the places of the files added
        # for `reach`, in run order: the views, routines and types made, and the statements
        # making or altering a table
        self.defining: list[Statement] = []
        self.tables: list[Statement] = []

    def add(self, place: int, f: SqlFile) -> None:
        self.added.append(place)
        at = self.at
        for s in f.statements:
            kind = s.kind
            packed = place << _SHIFT | s.index
            subject = _subject(s) if kind in _SUBJECT_KINDS else None
            if subject is not None:
                found = at.get(subject)
                if found is None:
                    at[subject] = array("q", (packed,))
                else:
                    found.append(packed)
            if not s.understood or kind in _HIDING:
                every, types = _hides(s)
                if every:
                    self.hidden.append(packed)
                if types:
                    self.hidden_types.append(packed)
            if kind in _TABLES_ALTERED:
                self.tables.append(s)
            elif kind in _DEFINING_OTHER and s.facts.name:
                self.defining.append(s)
            names = _touched(s) if kind.startswith(("drop_", "alter_")) else ()
            if names:
                self.touches.append(packed)
                self.touched.update(names)
                if s.kind in ("drop_type", "drop_domain"):
                    self.touched_types.update(names)

    def where(self, dependent: Key, before: Place) -> tuple[Place, Statement] | None:
        """The last statement before `before` that made the dependent (found by the first of
        its `_looked_up` keys any statement made), with its place."""
        found = self.at.get(dependent[1])
        if found is None:
            return None
        n = bisect.bisect_left(found, _packed(before))
        for key in _looked_up(dependent):
            for packed in reversed(found[:n]):
                place, index = packed >> _SHIFT, packed & ((1 << _SHIFT) - 1)
                s = self.files[place].statements[index]
                if key in _made_keys(s):
                    return (place, index), s
        return None

    def hidden_between(self, made: Place, before: Place, types: bool) -> bool:
        places = self.hidden_types if types else self.hidden
        n = bisect.bisect_right(places, _packed(made))
        return n < len(places) and places[n] < _packed(before)

    def touched_between(self, made: Place, before: Place, s: Statement) -> bool:
        """A CASCADE or a rename between `made` and `before` may have dropped what statement
        `s` made, or made it depend on something else: `s` names something one of the run's
        touches (`_touched`), or something that names one (and so on: a view of a view, a
        table with a column of a type), as far as the run's tables, views, routines and types
        show."""
        n = bisect.bisect_right(self.touches, _packed(made))
        if n == len(self.touches) or self.touches[n] >= _packed(before):
            return False
        return self.reaches(_words(s))

    def reaches(self, words: frozenset[str]) -> bool:
        """One of `words` is a name a CASCADE or rename of the run may have touched something
        of: one it names (or a table whose statements name a type or domain a CASCADE drops:
        its columns of the type go, and what reads them), or a view, routine or type whose
        statement names such a name (and so on). A table referencing a table dropped with
        CASCADE loses only the foreign key, which names the table. The statements of the
        views, routines and types are read for their words only as far as the search goes."""
        base = self._base()
        if not words.isdisjoint(base):
            return True
        good, bad, by_name = self._good, self._bad, self._by_name
        parent: dict[str, str | None] = {}
        todo: list[str] = []
        for w in words:
            if w not in bad and w not in parent:
                parent[w] = None
                todo.append(w)
        while todo:
            name = todo.pop()
            if name in base or name in good:
                way: str | None = name
                while way is not None:  # the way here reaches too
                    good.add(way)
                    way = parent[way]
                return True
            for s in by_name.get(name, ()):
                for w in self._words_of(s):
                    if w not in parent and w not in bad:
                        parent[w] = name
                        todo.append(w)
        bad.update(parent)  # all they name was searched: none reaches
        return False

    def _base(self) -> set[str]:
        if self._reach is None:
            reach = set(self.touched)
            if self.touched_types:
                for s in self.tables:
                    table = s.facts.name if s.kind in _TABLES else s.facts.table
                    if table is not None and not _words(s).isdisjoint(self.touched_types):
                        reach.add(table.name.lower())
            for s in self.defining:
                if s.facts.name:
                    self._by_name.setdefault(s.facts.name.name.lower(), []).append(s)
            self._reach = reach
        return self._reach

    def _words_of(self, s: Statement) -> frozenset[str]:
        found = self._words.get(id(s))
        if found is None:
            found = self._words[id(s)] = _words(s)
        return found


def _subject(s: Statement) -> str | None:
    """What a statement making a dependent (`_made_keys`) is indexed by: the table, view or
    routine it makes, or the table of what it makes."""
    f = s.facts
    if s.kind in _SUBJECT_NAMED and f.name:
        return qualified(f.name)
    if s.kind in _SUBJECT_TABLE and f.table is not None:
        return qualified(f.table)
    return None


_SUBJECT_NAMED = frozenset(
    {
        "create_table",
        "create_table_as",
        "create_foreign_table",
        "create_view",
        "create_materialized_view",
        "create_function",
        "create_procedure",
    }
)
_DEFINING = frozenset({*_SUBJECT_NAMED, "create_type", "create_domain"})
_TABLES = frozenset({"create_table", "create_table_as", "create_foreign_table"})
_TABLES_ALTERED = _TABLES | {"alter_table"}
_DEFINING_OTHER = _DEFINING - _TABLES
_SUBJECT_TABLE = frozenset({"create_trigger", "create_policy", "alter_policy", "create_index"})
_SUBJECT_TABLE |= {"alter_table"}
_SUBJECT_KINDS = _SUBJECT_NAMED | _SUBJECT_TABLE
# the kinds `_hides` may say something of (besides a statement not understood)
_HIDING = _UNKNOWN_AFTER | {"alter_type", "alter_domain"}


def _looked_up(dependent: Key) -> list[Key]:
    """The keys of `_made_keys` a dependent is found by, the most precise first."""
    kind = dependent[0]
    if kind == "parameter":
        return [("function", dependent[1])]
    if kind == "index":  # ("index", table, index)
        return [("index", dependent[2])]
    if kind in ("check", "generated"):
        return [dependent, ("relation", dependent[1])]  # an unnamed CHECK: its table's
    return [dependent]


def _shown(dependent: Key, made: Dependents) -> str:
    kind = dependent[0]
    if kind == "relation":
        view = made.lookup(lambda d: d.view_kind, dependent[1])
        return f"{view or 'table'} {dependent[1]}"
    if kind == "fk":
        return f"the foreign key of {dependent[1]}"
    if kind in ("function", "parameter"):
        return f"function {dependent[1]}"
    if kind == "column":
        return f"column {dependent[2]} of {dependent[1]}"
    if kind == "default":
        return f"the default of {dependent[1]}.{dependent[2]}"
    if kind == "generated":
        return f"generated column {dependent[1]}.{dependent[2]}"
    if kind == "index":
        return f"index {dependent[2]}"
    table, name = dependent[1], dependent[2]
    return f"{'constraint' if kind == 'check' else kind} {name} on {table}"


class _Run:
    """What the rule keeps per run, built up as the migrations come in the run's file order
    (afresh only if an earlier place follows a later one): the dependents the files before
    the next migration made (`deps`, one record: a later file's definition replaces an
    earlier one's), what they dropped (`gone`), and where things were made (`where`)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.files = ctx.files
        self.deps = Dependents()
        self.gone = Dropped()
        self.remade: dict[str, Place] = {}  # `_passed`
        self.upto = 0  # the files before this place are in `deps` and `gone`
        self.made: _Made | None = None

    def before(self, place: int) -> None:
        """Take in the files the run applies before `place`."""
        for at, f in enumerate(self.files[self.upto : place], start=self.upto):
            if _runs(f):
                self.deps.add(made_by(self.ctx, f), f)
                walk = DropOrder(f.statements, self.deps, Dependents(outer=self.deps), self.gone)
                for i in range(len(f.statements)):
                    _passed(walk, i, at, self.remade)
        self.upto = max(self.upto, place)

    def where(self) -> _Made:
        if self.made is None:
            self.made = _Made(dict(enumerate(self.files)))
            for place, f in enumerate(self.files):
                if _runs(f):
                    self.made.add(place, f)
        return self.made


_RELATIONS_MADE = frozenset({"create_table", "create_table_as", "create_foreign_table", *_VIEWS})
# the dependents that belong to a table (or view): made before it was made again, they went
# with the one dropped
_BELONGING = frozenset(
    {"fk", "trigger", "column", "default", "generated", "check", "index", "policy"}
)


def _passed(walk: DropOrder, i: int, place: int, remade: dict[str, Place]) -> None:
    """Statement `i` of the walk's file (at `place`) is done: what it drops is gone, and a
    table or view it makes again after one of its name was dropped is there again (`remade`:
    where; what belonged to the one dropped is not), as is a trigger, a policy or a routine
    made again (the dependencies are the new one's)."""
    walk.passed(i)
    s = walk.stmts[i]
    f = s.facts
    gone = walk.gone
    if s.kind in _RELATIONS_MADE and f.name:
        name = qualified(f.name)
        if name in gone.relations:
            gone.relations.discard(name)
            remade[name] = (place, i)
    elif s.kind == "create_trigger" and f.table is not None and f.names:
        gone.triggers.discard((qualified(f.table), f.names[0].name))
    elif s.kind == "create_policy" and f.table is not None and f.names:
        gone.policies.discard((qualified(f.table), f.names[0].name))
    elif s.kind in ("create_function", "create_procedure") and f.name and gone.functions:
        gone.functions.discard((qualified(f.name), created_overload(s).identity))


def _made_in(f: SqlFile, place: int) -> _Made:
    """The index of what a loose file makes, at its place in the run."""
    made = _Made({place: f})
    made.add(place, f)
    return made


def _runs(f: SqlFile) -> bool:
    """A file the run applies before the migrations after it."""
    return f.role == "prerequisite" or (f.role == "migration" and f.version is not None)


def _run(ctx: Context, place: int) -> _Run:
    memo = ctx.history.memo
    found = memo.get("sc044 run")
    if not isinstance(found, _Run) or found.files is not ctx.files or found.upto > place:
        found = memo["sc044 run"] = _Run(ctx)
    return found


def _message(r: Refusal, where: str, shown: str) -> str:
    """SC029's words, with where the dependent was made instead of whether a rollback drops
    it, and the fix."""
    text = r.hit.message
    m = _DROPPED_LATER.search(text)
    if m is None:
        text += f" ({shown} made at {where})"
    else:
        later = f", {m.group(1)} later, line {m.group(2)}" if m.group(1) else ""
        text = text[: m.start()] + f" (made at {where}{later})" + text[m.end() :]
    if ": drop " not in text:
        text += f": drop {shown} first, or add CASCADE if it is meant to go too"
    return text


@rule(
    "SC044",
    "drop-blocked-by-dependent",
    Severity.ERROR,
    "Drop what still depends on it first (views, foreign keys, triggers, policies...), or "
    "use CASCADE when that is meant.",
    scope="file",
    roles=("migration", "other"),
)
def check(ctx: Context) -> Iterator[Hit]:
    f = ctx.file
    stmts = f.statements
    todo = [i for i, s in enumerate(stmts) if _candidate(s)]
    if not todo:
        return
    place = ctx.history.position(f)
    if _runs(f) and place < len(ctx.files):
        run = _run(ctx, place)
        run.before(place)
        deps, gone, remade, where_made = run.deps, run.gone, run.remade, run.where
        run.upto = place + 1  # this file is taken in below
    else:  # a loose file: its own statements only
        deps, gone, remade = Dependents(), Dropped(), {}
        where_made = functools.partial(_made_in, f, place)
    # one record of the dependents: the file's statements are added to it in order, up to
    # the one checked (`made` stays empty: nothing replaces what `deps` holds)
    made = Dependents(outer=deps)
    walk = DropOrder(stmts, deps, made, gone)
    # the statements are taken in up to each one checked, and up to right after each view
    # made (a column added after a view of `*` is not in it)
    views = {i + 1 for i, s in enumerate(stmts) if s.kind in _VIEWS and "*" in s.text}
    checked = set(todo)
    start = 0
    for i in sorted(checked | views | {len(stmts)}):
        if i > start:
            chunk = replace(f, statements=stmts[start:i])
            deps.add(objects_of(chunk.statements), chunk)
            walk.grown()
            for j in range(start, i):
                _passed(walk, j, place, remade)
            start = i
        if i not in checked:
            continue
        for r in itertools.chain(walk.refused(i), walk.columns_read(i)):
            index = where_made()  # what was made where: built once per run
            found = index.where(r.dependent, (place, i))
            if found is None:
                continue  # made where the files do not say: not known
            at, s = found
            types = stmts[i].kind in ("drop_type", "drop_domain")
            if index.hidden_between(at, (place, i), types):
                continue
            if index.touched_between(at, (place, i), s):
                continue  # it may have gone with what a CASCADE dropped
            again = remade.get(r.dependent[1]) if r.dependent[0] in _BELONGING else None
            if again is not None and at < again:
                continue  # it went with its table, made again since
            where = (
                f"line {s.line}"
                if at[0] == place
                else f"{PurePosixPath(index.files[at[0]].path).name}:{s.line}"
            )
            shown = _shown(r.dependent, made)
            yield Hit(_message(r, where, shown), object=r.hit.object, statement=stmts[i])
