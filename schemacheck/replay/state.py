"""The replay's working catalog: drafts by name, name resolution through the search path,
PostgreSQL's name choice, and the cascades of DROP and RENAME."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import overload

from schemacheck import normalize as norm
from schemacheck.findings import Location
from schemacheck.replay import names
from schemacheck.replay.drafts import (
    EnumDraft,
    ExtensionDraft,
    ForeignKeyDraft,
    FunctionDraft,
    IndexDraft,
    Key,
    SchemaDraft,
    SequenceDraft,
    TableDraft,
    ViewDraft,
    quote,
)
from schemacheck.replay.result import Skipped
from schemacheck.replay.sqltext import columns_read, rename_in

FunctionKey = tuple[str, str, tuple[str, ...]]

_REGCLASS_PART = re.compile(r'"(?:[^"]|"")*"|[^."]+')


class IndexPool(dict[Key, IndexDraft]):
    """The replayed indexes by key, plus the keys of each table's indexes (`of_table`), kept
    as indexes are added and removed: finding a table's indexes by scanning every index of the
    catalog, at each DROP or RENAME COLUMN, made the replay of a large project quadratic. An
    index moved to another table or schema is re-inserted (`del`, change, then add) or, when
    its table is renamed, re-filed with `retable`."""

    def __init__(self) -> None:
        super().__init__()
        self._by_table: dict[Key, dict[Key, None]] = {}

    def __setitem__(self, key: Key, index: IndexDraft) -> None:
        old = self.get(key)
        if old is not None:
            self._unfile(key, old)
        super().__setitem__(key, index)
        self._by_table.setdefault((index.schema, index.table), {})[key] = None

    def __delitem__(self, key: Key) -> None:
        self._unfile(key, self[key])
        super().__delitem__(key)

    def pop(self, key: Key, *default: IndexDraft | None) -> IndexDraft | None:  # type: ignore[override]
        if key in self:
            index = self[key]
            del self[key]
            return index
        if default:
            return default[0]
        raise KeyError(key)

    def _unfile(self, key: Key, index: IndexDraft) -> None:
        keys = self._by_table.get((index.schema, index.table))
        if keys is not None:
            keys.pop(key, None)

    def of_table(self, table: Key) -> list[tuple[Key, IndexDraft]]:
        """The indexes of `table`, as (key, index)."""
        return [(k, self[k]) for k in self._by_table.get(table, ())]

    def retable(self, old: Key, new_name: str) -> None:
        """The table `old` was renamed to `new_name` (same schema): its indexes follow."""
        keys = self._by_table.pop(old, {})
        for k in keys:
            super().__getitem__(k).table = new_name
        self._by_table.setdefault((old[0], new_name), {}).update(keys)

    def move(self, old: Key, new: Key) -> None:
        """The table or materialized view `old` is now `new` (another schema, maybe another
        name): its indexes follow, re-filed under their new schema."""
        for key, index in self.of_table(old):
            del self[key]
            index.schema, index.table = new
            self[(new[0], index.name)] = index

    def update(self, *args: object, **kwargs: object) -> None:
        raise NotImplementedError("add indexes one by one")

    def setdefault(self, *args: object, **kwargs: object) -> IndexDraft:
        raise NotImplementedError("add indexes one by one")


class SequencePool(dict[Key, SequenceDraft]):
    """The replayed sequences by key, plus the sequences each table ever owned (`owned`):
    finding a column's sequences by scanning every sequence of the catalog, at each DROP or
    RENAME of a column or table, made the replay of a large project quadratic (every serial
    column has one). Ownership is noted when a sequence is stored and by `note_owner` when
    it changes in place; `owned` checks each noted sequence when read, so a dropped, moved or
    re-owned one is harmless."""

    def __init__(self) -> None:
        super().__init__()
        self._by_owner: dict[Key, list[SequenceDraft]] = {}

    def __setitem__(self, key: Key, seq: SequenceDraft) -> None:
        super().__setitem__(key, seq)
        self.note_owner(seq)

    def note_owner(self, seq: SequenceDraft) -> None:
        """`seq` is now owned by a column of the table its `owned_by` names."""
        if seq.owned_by:
            self._by_owner.setdefault(seq.owned_by[:2], []).append(seq)

    def owned(self, table: Key, column: str | None = None) -> list[tuple[Key, SequenceDraft]]:
        """The sequences owned by `table` (by its `column` when given), in catalog order."""
        found: dict[Key, SequenceDraft] = {}
        for seq in self._by_owner.get(table, ()):
            key = (seq.schema, seq.name)
            owner = seq.owned_by
            if (
                self.get(key) is seq
                and owner is not None
                and owner[:2] == table
                and (column is None or owner[2] == column)
            ):
                found[key] = seq
        if len(found) < 2:
            return list(found.items())
        order = {k: n for n, k in enumerate(self)}
        return sorted(found.items(), key=lambda item: order[item[0]])

    def update(self, *args: object, **kwargs: object) -> None:
        raise NotImplementedError("add sequences one by one")

    def setdefault(self, *args: object, **kwargs: object) -> SequenceDraft:
        raise NotImplementedError("add sequences one by one")


class FunctionPool(dict[FunctionKey, FunctionDraft]):
    """The replayed functions by key (schema, name, argument types), plus the keys of each
    name, in catalog order (`named`): looking a name up by scanning every function, at each
    CREATE TRIGGER, ALTER or DROP FUNCTION, made the replay of a large project quadratic."""

    def __init__(self) -> None:
        super().__init__()
        self._by_name: dict[str, dict[FunctionKey, None]] = {}

    def __setitem__(self, key: FunctionKey, fn: FunctionDraft) -> None:
        super().__setitem__(key, fn)
        self._by_name.setdefault(key[1], {})[key] = None

    def __delitem__(self, key: FunctionKey) -> None:
        super().__delitem__(key)
        self._by_name[key[1]].pop(key, None)

    @overload  # type: ignore[override]
    def pop(self, key: FunctionKey) -> FunctionDraft: ...
    @overload
    def pop(self, key: FunctionKey, default: FunctionDraft | None) -> FunctionDraft | None: ...
    def pop(self, key: FunctionKey, default: object = KeyError) -> FunctionDraft | None:
        if key in self:
            fn = self[key]
            del self[key]
            return fn
        if default is KeyError:
            raise KeyError(key)
        return default  # type: ignore[return-value]

    def named(self, name: str) -> list[FunctionKey]:
        """The keys of the functions called `name`, in catalog order."""
        return list(self._by_name.get(name, ()))

    def update(self, *args: object, **kwargs: object) -> None:
        raise NotImplementedError("add functions one by one")

    def setdefault(self, *args: object, **kwargs: object) -> FunctionDraft:
        raise NotImplementedError("add functions one by one")


@dataclass
class State:
    """Everything replayed so far. `here` and `kind` are the statement being replayed."""

    search_path: list[str] = field(default_factory=lambda: ["public"])
    schemas: dict[str, SchemaDraft] = field(default_factory=dict)
    extensions: dict[str, ExtensionDraft] = field(default_factory=dict)
    tables: dict[Key, TableDraft] = field(default_factory=dict)
    indexes: IndexPool = field(default_factory=IndexPool)
    sequences: SequencePool = field(default_factory=SequencePool)
    views: dict[Key, ViewDraft] = field(default_factory=dict)
    enums: dict[Key, EnumDraft] = field(default_factory=dict)
    functions: FunctionPool = field(default_factory=FunctionPool)
    skipped: list[Skipped] = field(default_factory=list)
    here: Location = field(default_factory=lambda: Location("<sql>"))
    kind: str = ""  # the kind of the statement being replayed
    # The tables that were ever given a constraint or foreign key of each name (see
    # `note_constraint`): PostgreSQL chooses a new constraint's name unique in its schema, and
    # looking through every table of the schema for each candidate name made the replay of a
    # large project quadratic. Entries are checked when read, so a dropped or renamed one is
    # harmless; every place that gives a table a constraint name notes it here.
    constraint_owners: dict[str, list[TableDraft]] = field(default_factory=dict)
    # The tables that were ever given a foreign key referencing each table (see
    # `note_reference`), for the same reason: a DROP or RENAME of a column or table looked
    # through every foreign key of the catalog. Checked when read, like `constraint_owners`.
    referrers: dict[Key, list[TableDraft]] = field(default_factory=dict)

    # ------------------------------------------------------------ names

    @property
    def default_schema(self) -> str:
        return self.search_path[0] if self.search_path else "public"

    def creating(self, schema: str | None, name: str) -> Key:
        """Where a new object goes: its written schema, else the first of the search path."""
        return (schema or self.default_schema, name)

    def resolve(self, schema: str | None, name: str, pool: Mapping[Key, object]) -> Key:
        """An existing object's key: the written schema, else the first search-path schema
        holding it, else the default schema."""
        if schema:
            return (schema, name)
        for candidate in [*self.search_path, "pg_catalog"]:
            if (candidate, name) in pool:
                return (candidate, name)
        return (self.default_schema, name)

    def table(self, schema: str | None, name: str) -> TableDraft:
        """An existing table, or a stub for one the files never created."""
        key = self.resolve(schema, name, self.tables)
        found = self.tables.get(key)
        if found is None:
            found = TableDraft(key[0], key[1], stub=True)
            self.tables[key] = found
        return found

    def trigger_owner(self, schema: str | None, name: str) -> TableDraft | ViewDraft | None:
        """The table or view a trigger is on (`ON name`), found through the search path as
        PostgreSQL finds a relation; None when the files create neither."""
        for candidate in [schema] if schema else [*self.search_path, "pg_catalog"]:
            found = self.tables.get((candidate, name)) or self.views.get((candidate, name))
            if found is not None:
                return found
        return None

    def relation_taken(self, schema: str, name: str) -> bool:
        key = (schema, name)
        return any(key in pool for pool in (self.tables, self.indexes, self.sequences, self.views))

    def note_constraint(self, table: TableDraft, name: str) -> None:
        """`table` now has a constraint or foreign key called `name`."""
        self.constraint_owners.setdefault(name, []).append(table)

    def note_reference(self, table: TableDraft, target: Key) -> None:
        """`table` now has a foreign key referencing the table `target`."""
        self.referrers.setdefault(target, []).append(table)

    def referencing(self, target: Key) -> list[tuple[TableDraft, str, ForeignKeyDraft]]:
        """The foreign keys referencing the table `target`: (table, name, foreign key)."""
        out: list[tuple[TableDraft, str, ForeignKeyDraft]] = []
        seen: set[int] = set()
        for table in self.referrers.get(target, ()):
            if id(table) in seen or self.tables.get(table.key) is not table:
                continue
            seen.add(id(table))
            out += [
                (table, n, fk) for n, fk in table.foreign_keys.items() if fk.references == target
            ]
        return out

    def constraint_taken(self, schema: str, name: str, extra: set[str] | None = None) -> bool:
        if extra and name in extra:
            return True
        return any(
            t.schema == schema
            and self.tables.get(t.key) is t
            and (name in t.constraints or name in t.foreign_keys)
            for t in self.constraint_owners.get(name, ())
        )

    def choose_relation_name(
        self, schema: str, name1: str, name2: str | None, label: str, constraint: bool
    ) -> str:
        def taken(n: str) -> bool:
            return self.relation_taken(schema, n) or (
                constraint and self.constraint_taken(schema, n)
            )

        return names.choose_name(name1, name2, label, taken)

    def choose_constraint_name(
        self, schema: str, name1: str, name2: str | None, label: str, extra: set[str]
    ) -> str:
        return names.choose_name(
            name1, name2, label, lambda n: self.constraint_taken(schema, n, extra)
        )

    def function_key(self, schema: str, name: str, arguments: tuple[str, ...]) -> FunctionKey:
        return (schema, name, tuple(norm.data_type(a) for a in arguments))

    def functions_named(self, schema: str | None, name: str) -> list[FunctionKey]:
        schemas = [schema] if schema else self.search_path
        return [k for k in self.functions.named(name) if k[0] in schemas]

    def sequence_regclass(self, text: str) -> str:
        """A `nextval('name')` argument as the live catalog prints it back: the sequence it
        resolves to on the current search path, schema-qualified (the text as written when
        the files never create such a sequence)."""
        parts = [
            p[1:-1].replace('""', '"') if p.startswith('"') else names.truncate(p.lower())
            for p in _REGCLASS_PART.findall(text.strip())
        ]
        if not parts or len(parts) > 2:
            return text
        schema, name = (parts[0], parts[1]) if len(parts) == 2 else (None, parts[0])
        key = self.resolve(schema, name, self.sequences)
        if key not in self.sequences:
            return text
        return f"{quote(key[0])}.{quote(key[1])}"

    def skip(self, kind: str, detail: str = "") -> None:
        self.skipped.append(Skipped(self.here, kind, detail))

    def skip_part(self, detail: str) -> None:
        """Record one part of the current statement (a clause, an element, a column
        option) as not replayed."""
        self.skip(self.kind, detail)

    # ------------------------------------------------------------ drops

    def drop_table(self, key: Key) -> None:
        """A table and everything that depends on it: its indexes, owned sequences, foreign
        keys pointing at it, views reading it and its partitions."""
        table = self.tables.pop(key, None)
        if table is None:
            return
        for ikey in [k for k, _ in self.indexes.of_table(key)]:
            del self.indexes[ikey]
        for skey, _ in self.sequences.owned(key):
            del self.sequences[skey]
        for other, name, _ in self.referencing(key):
            del other.foreign_keys[name]
        for child in [t.key for t in self.tables.values() if t.partition_of == key]:
            self.drop_table(child)
        self.drop_views_reading({key})

    def dependents(self, keys: set[Key]) -> list[str]:
        """What other objects depend on the tables or views `keys`: foreign keys of other
        tables pointing at them and views reading them (DROP without CASCADE fails on any)."""
        out = [
            f"{other.name}.{name}"
            for key in sorted(keys)
            for other, name, _ in self.referencing(key)
            if other.key not in keys
        ]
        out += [
            f"view {v.name}" for k, v in self.views.items() if k not in keys and keys & v.tables
        ]
        return out

    def drop_view(self, key: Key) -> None:
        """A view, its indexes (a materialized view's) and the views reading it."""
        if self.views.pop(key, None) is not None:
            for ikey in [k for k, _ in self.indexes.of_table(key)]:
                del self.indexes[ikey]
        self.drop_views_reading({key})

    def drop_views_reading(self, keys: set[Key]) -> None:
        for vkey in [k for k, v in self.views.items() if v.tables & keys]:
            self.drop_view(vkey)

    def drop_index(self, key: Key) -> None:
        index = self.indexes.pop(key, None)
        if index is not None and index.constraint is not None:
            table = self.tables.get((index.schema, index.table))
            if table is not None:
                table.constraints.pop(index.constraint, None)

    def drop_constraint(self, table: TableDraft, name: str) -> bool:
        """Drop a constraint or foreign key by name (and a PK/UNIQUE constraint's index)."""
        if name in table.foreign_keys:
            del table.foreign_keys[name]
            return True
        if name not in table.constraints:
            return False
        del table.constraints[name]
        for key in [k for k, i in self.indexes.of_table(table.key) if i.constraint == name]:
            del self.indexes[key]
        return True

    def drop_column(self, table: TableDraft, column: str) -> None:
        """A column and the indexes, constraints, foreign keys and sequences using it."""
        table.columns.pop(column, None)
        tkey = table.key
        for key in [k for k, i in self.indexes.of_table(tkey) if _index_uses(i, column)]:
            self.drop_index(key)
        for name in [
            n
            for n, c in table.constraints.items()
            if column in (c.columns or ())
            or (c.expression and column in columns_read(c.expression))
        ]:
            self.drop_constraint(table, name)
        for name in [n for n, fk in table.foreign_keys.items() if column in fk.columns]:
            del table.foreign_keys[name]
        for other, name, fk in self.referencing(tkey):
            if column in (fk.referenced_columns or ()):
                del other.foreign_keys[name]
        for skey, _ in self.sequences.owned(tkey, column):
            del self.sequences[skey]

    def drop_function(self, key: FunctionKey, cascade: bool) -> None:
        self.functions.pop(key, None)
        if cascade:
            target = (key[0], key[1])
            owners: list[TableDraft | ViewDraft] = [*self.tables.values(), *self.views.values()]
            for owner in owners:
                for name in [n for n, t in owner.triggers.items() if t.function == target]:
                    del owner.triggers[name]

    def drop_schema(self, schema: str) -> None:
        self.schemas.pop(schema, None)
        for key in [k for k in self.tables if k[0] == schema]:
            self.drop_table(key)
        for ikey in [k for k in self.indexes if k[0] == schema]:
            del self.indexes[ikey]
        for skey in [k for k in self.sequences if k[0] == schema]:
            del self.sequences[skey]
        for vkey in [k for k in self.views if k[0] == schema]:
            del self.views[vkey]
        for ekey in [k for k in self.enums if k[0] == schema]:
            del self.enums[ekey]
        for fkey in [k for k in self.functions if k[0] == schema]:
            self.drop_function(fkey, cascade=True)

    def drop_type(self, key: Key, cascade: bool) -> None:
        self.enums.pop(key, None)
        if not cascade:
            return
        names_ = {key[1], f"{key[0]}.{key[1]}"}
        for table in list(self.tables.values()):
            for col in [
                c.name
                for c in table.columns.values()
                if c.type is not None and c.type.strip('"').lower() in names_
            ]:
                self.drop_column(table, col)

    # ------------------------------------------------------------ renames

    def rename_table(self, table: TableDraft, new: str) -> None:
        old_key = table.key
        del self.tables[old_key]
        table.name = new
        self.tables[table.key] = table
        self.indexes.retable(old_key, new)
        for other, _, fk in self.referencing(old_key):
            fk.references = table.key
            self.note_reference(other, table.key)
        for other in self.tables.values():
            if other.partition_of == old_key:
                other.partition_of = table.key
        for _, seq in self.sequences.owned(old_key):
            if seq.owned_by:
                seq.owned_by = (table.schema, new, seq.owned_by[2])
                self.sequences.note_owner(seq)
        self.retarget_views(old_key, table.key)

    def rename_column(self, table: TableDraft, old: str, new: str) -> None:
        table.columns = {(new if name == old else name): col for name, col in table.columns.items()}
        if new in table.columns:
            table.columns[new].name = new
        for col in table.columns.values():
            if col.generated:
                col.generated = rename_in(col.generated, old, new)
        for con in table.constraints.values():
            if con.columns:
                con.columns = tuple(new if c == old else c for c in con.columns)
            if con.expression:
                con.expression = rename_in(con.expression, old, new)
        for fk in table.foreign_keys.values():
            fk.columns = tuple(new if c == old else c for c in fk.columns)
            fk.on_delete_columns = tuple(new if c == old else c for c in fk.on_delete_columns)
        tkey = table.key
        for _, _, fk in self.referencing(tkey):
            if fk.referenced_columns:
                fk.referenced_columns = tuple(new if c == old else c for c in fk.referenced_columns)
        for _, index in self.indexes.of_table(tkey):
            for key in index.keys:
                if key.column == old:
                    key.column = new
                    key.expression = new
                elif key.column is None:
                    key.expression = rename_in(key.expression, old, new)
            index.include = tuple(new if c == old else c for c in index.include)
            if index.predicate:
                index.predicate = rename_in(index.predicate, old, new)
        for trigger in table.triggers.values():
            if trigger.when:
                trigger.when = rename_in(trigger.when, old, new)
            trigger.columns = tuple(new if c == old else c for c in trigger.columns)
        for _, seq in self.sequences.owned(tkey, old):
            seq.owned_by = (table.schema, table.name, new)

    def rename_constraint(self, table: TableDraft, old: str, new: str) -> bool:
        if old in table.foreign_keys:
            fk = table.foreign_keys.pop(old)
            fk.name = new
            table.foreign_keys[new] = fk
            self.note_constraint(table, new)
            return True
        con = table.constraints.pop(old, None)
        if con is None:
            return False
        con.name = new
        table.constraints[new] = con
        self.note_constraint(table, new)
        for key, index in self.indexes.of_table(table.key):
            if index.constraint == old:
                del self.indexes[key]
                index.name = new
                index.constraint = new
                self.indexes[(index.schema, new)] = index
        return True

    def rename_sequence(self, key: Key, new: str) -> None:
        """Rename a sequence (see `move_sequence`)."""
        self.move_sequence(key, (key[0], new))

    def move_sequence(self, key: Key, new: Key) -> None:
        """Rename a sequence or move it to another schema: the defaults calling it follow
        (PostgreSQL stores the sequence's OID and prints its current qualified name back)."""
        seq = self.sequences.pop(key)
        seq.schema, seq.name = new
        self.sequences[new] = seq
        before = "'" + f"{quote(key[0])}.{quote(key[1])}".replace("'", "''") + "'::regclass"
        after = "'" + f"{quote(new[0])}.{quote(new[1])}".replace("'", "''") + "'::regclass"
        for table in self.tables.values():
            for col in table.columns.values():
                if col.default and before in col.default:
                    col.default = col.default.replace(before, after)

    def rename_type(self, key: Key, new: str) -> None:
        """Rename an enum type: the columns of that type (or an array of it) follow."""
        enum = self.enums.pop(key)
        enum.name = new
        self.enums[(enum.schema, new)] = enum
        old_names = {quote(key[1]), f"{quote(key[0])}.{quote(key[1])}"}
        for table in self.tables.values():
            for col in table.columns.values():
                if col.type is None:
                    continue
                base = col.type.removesuffix("[]")
                if (base if '"' in base else base.lower()) in old_names:
                    schema = f"{quote(key[0])}." if "." in base else ""
                    col.type = schema + quote(new) + col.type[len(base) :]

    def move_view(self, old: Key, new: Key) -> None:
        """Rename a view or move it to another schema: its indexes (a materialized view's)
        and the views reading it follow."""
        view = self.views.pop(old)
        view.schema, view.name = new
        self.views[new] = view
        self.indexes.move(old, new)
        self.retarget_views(old, new)

    def retarget_views(self, old: Key, new: Key) -> None:
        """The relation `old` is now `new`: the views reading it read `new`."""
        for view in self.views.values():
            if old in view.tables:
                view.tables = (view.tables - {old}) | {new}

    def rename_index(self, key: Key, new: str) -> bool:
        index = self.indexes.pop(key, None)
        if index is None:
            return False
        old = index.name
        index.name = new
        self.indexes[(index.schema, new)] = index
        if index.constraint is not None:
            table = self.tables.get((index.schema, index.table))
            if table is not None and old in table.constraints:
                con = table.constraints.pop(old)
                con.name = new
                table.constraints[new] = con
                self.note_constraint(table, new)
            index.constraint = new
        return True


def _index_uses(index: IndexDraft, column: str) -> bool:
    if column in index.include:
        return True
    for key in index.keys:
        if key.column == column or (key.column is None and column in columns_read(key.expression)):
            return True
    return bool(index.predicate and column in columns_read(index.predicate))
