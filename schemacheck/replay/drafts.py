"""Mutable drafts of catalog objects while statements replay; `build` turns them into the
frozen model once, at the end, so every value is normalized exactly once.

Names in drafts are folded (PostgreSQL's case rules already applied, quotes removed); values
are SQL text as the replay renders it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from schemacheck.findings import Location
from schemacheck.model import sequence_bounds

Key = tuple[str, str]
"""(schema, name) of a schema-level object."""


@dataclass
class SchemaDraft:
    name: str
    origin: Location | None = None


@dataclass
class ExtensionDraft:
    name: str
    schema: str
    version: str | None = None
    origin: Location | None = None


UNKNOWN_DEFAULT = "\x00unknown default"
"""A column default whose stored value the files alone do not decide (a timestamptz literal
without its zone is read in the session's TimeZone): built as unknown, so not checked."""


_CREATED = itertools.count()


def _created() -> int:
    return next(_CREATED)


@dataclass
class ColumnDraft:
    """`created` orders columns and views by creation (a view's `*` stands for the columns its
    table had then); `first_name` is the name the column was created with. `collation` is the
    column's collation as SQL (`default`, `"C"`, `other.c2`): it decides which index keys
    PostgreSQL prints with a COLLATE; `collation_written` tells one given by a COLLATE clause
    from the type's own."""

    name: str
    type: str | None
    nullable: bool = True
    default: str | None = None
    identity: str | None = None
    generated: str | None = None
    origin: Location | None = None
    collation: str = "default"
    collation_written: bool = False
    created: int = field(default_factory=_created, compare=False, repr=False)
    first_name: str = field(default="", compare=False, repr=False)

    def __post_init__(self) -> None:
        self.first_name = self.first_name or self.name


@dataclass
class ConstraintDraft:
    """A primary key, unique, check or exclusion constraint."""

    name: str
    type: str
    columns: tuple[str, ...] | None = None
    expression: str | None = None
    validated: bool = True
    deferrable: bool = False
    initially_deferred: bool = False
    origin: Location | None = None


@dataclass
class ForeignKeyDraft:
    name: str
    columns: tuple[str, ...]
    references: Key
    referenced_columns: tuple[str, ...] | None
    on_delete: str = "no action"
    on_update: str = "no action"
    deferrable: bool = False
    initially_deferred: bool = False
    validated: bool = True
    origin: Location | None = None
    match: str = "simple"
    on_delete_columns: tuple[str, ...] = ()


@dataclass
class IndexKey:
    """One index key: a plain column (`column` set) or an expression, with its options.
    `collation` is SQL text, each part of a qualified name quoted on its own (`"C"`,
    `other.c2`)."""

    expression: str
    column: str | None = None
    collation: str | None = None
    opclass: str | None = None
    desc: bool = False
    nulls_first: bool | None = None

    def render(self) -> str:
        """The key as `pg_get_indexdef` prints it: expression, collation, opclass, order."""
        text = quote(self.column) if self.column is not None else self.expression
        if self.column is None and not _is_call(self.expression):
            text = f"({self.expression})"
        if self.collation:
            text += f" COLLATE {self.collation}"
        if self.opclass:
            text += f" {self.opclass}"
        if self.desc:
            text += " DESC"
            if self.nulls_first is False:
                text += " NULLS LAST"
        elif self.nulls_first:
            text += " NULLS FIRST"
        return text


def _is_call(text: str) -> bool:
    return re.fullmatch(r"[A-Za-z_][A-Za-z0-9_$.]*\(.*\)", text, re.DOTALL) is not None


@dataclass
class IndexDraft:
    schema: str
    name: str
    table: str
    keys: list[IndexKey]
    unique: bool = False
    predicate: str | None = None
    method: str = "btree"
    include: tuple[str, ...] = ()
    constraint: str | None = None
    origin: Location | None = None


@dataclass
class TriggerDraft:
    """A trigger; `columns` are those of UPDATE OF (folded), `arguments` the strings the
    function is called with (None: not known statically)."""

    name: str
    timing: str
    events: tuple[str, ...]
    level: str
    function: Key
    when: str | None = None
    enabled: bool = True
    origin: Location | None = None
    when_unknown: bool = False
    columns: tuple[str, ...] = ()
    arguments: tuple[str, ...] | None = ()
    deferrable: bool = False
    initially_deferred: bool = False


@dataclass
class TableDraft:
    """A table and what lives on it (indexes live in the schema: they are relations).
    `stub` marks a table the files alter but never create."""

    schema: str
    name: str
    columns: dict[str, ColumnDraft] = field(default_factory=dict)
    constraints: dict[str, ConstraintDraft] = field(default_factory=dict)
    foreign_keys: dict[str, ForeignKeyDraft] = field(default_factory=dict)
    triggers: dict[str, TriggerDraft] = field(default_factory=dict)
    partitioned: bool = False
    partition_of: Key | None = None
    stub: bool = False
    origin: Location | None = None

    @property
    def key(self) -> Key:
        return (self.schema, self.name)


@dataclass
class FunctionDraft:
    """A routine; `settings` are its SET clauses by (lower-case) name, values as PostgreSQL
    stores them (None: not known statically, as after `SET x FROM CURRENT`)."""

    schema: str
    name: str
    arguments: tuple[str, ...]
    routine: str = "function"
    returns: str | None = None
    language: str | None = None
    volatility: str = "volatile"
    security_definer: bool = False
    strict: bool = False
    parallel: str = "unsafe"
    settings: dict[str, str] | None = field(default_factory=dict)
    body_hash: str | None = None
    origin: Location | None = None
    # a procedure's parameter types, OUT ones too: ALTER and DROP PROCEDURE may name it so
    all_arguments: tuple[str, ...] = ()

    @property
    def config(self) -> tuple[str, ...] | None:
        """The settings as the model's `name=value` entries (None: not known)."""
        if self.settings is None:
            return None
        return tuple(f"{name}={value}" for name, value in self.settings.items())

    def named_by(self, types: tuple[str, ...]) -> bool:
        """Whether an argument list written in ALTER or DROP names this routine."""
        return types == self.arguments or (
            self.routine == "procedure" and types == self.all_arguments
        )


@dataclass
class SequenceDraft:
    """A sequence; `min_value` and `max_value` are its bounds (None: not known statically),
    its data type's for the increment's sign unless given."""

    schema: str
    name: str
    data_type: str = "bigint"
    start: int = 1
    increment: int = 1
    owned_by: tuple[str, str, str] | None = None
    origin: Location | None = None
    internal: bool = False  # an identity column's sequence: part of the column
    min_value: int | None = None
    max_value: int | None = None
    cycle: bool = False
    cache: int | None = 1

    def __post_init__(self) -> None:
        if self.min_value is None and self.max_value is None:
            self.min_value, self.max_value = sequence_bounds(self.data_type, self.increment) or (
                None,
                None,
            )


@dataclass
class ViewDraft:
    schema: str
    name: str
    materialized: bool
    definition: str | None
    tables: frozenset[Key] = frozenset()
    origin: Location | None = None
    created: int = field(default_factory=_created, compare=False, repr=False)
    triggers: dict[str, TriggerDraft] = field(default_factory=dict)  # INSTEAD OF, mostly


@dataclass
class EnumDraft:
    schema: str
    name: str
    labels: list[str]
    origin: Location | None = None


_PLAIN = re.compile(r"[a-z_][a-z0-9_$]*")


def quote(name: str) -> str:
    """A folded name as SQL: bare when PostgreSQL would fold it to itself, else quoted."""
    if _PLAIN.fullmatch(name):
        return name
    return '"' + name.replace('"', '""') + '"'
