"""The normalized catalog: one model built from the spec, the live database and static SQL.

Every object is a frozen dataclass keyed by an `ObjectRef` (kind, schema, name and, for objects
that live on a table, the table). Values are normalized once, at construction, by the
`normalize` module, so two catalogs compare with plain equality. A field holding `None` means
"not known / not specified": the comparison skips it (a spec may leave out what it does not
care about).
"""

from __future__ import annotations

import dataclasses
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Any, ClassVar, TypeVar

from schemacheck import normalize as norm

ABSENT = ""


class Kind(StrEnum):
    """Object kinds, in dependency order (a parent kind before its children)."""

    SCHEMA = "schema"
    EXTENSION = "extension"
    ENUM = "enum"
    SEQUENCE = "sequence"
    TABLE = "table"
    COLUMN = "column"
    CONSTRAINT = "constraint"
    INDEX = "index"
    FOREIGN_KEY = "foreign_key"
    FUNCTION = "function"
    TRIGGER = "trigger"
    VIEW = "view"


TABLE_CHILD_KINDS = frozenset(
    {Kind.COLUMN, Kind.CONSTRAINT, Kind.INDEX, Kind.FOREIGN_KEY, Kind.TRIGGER}
)


@dataclass(frozen=True, order=True, slots=True)
class ObjectRef:
    """Identity of a catalog object. `table` is set for columns, indexes, constraints,
    foreign keys and triggers; functions carry their identity arguments in `name`
    (`count_old_oauth_tokens()`)."""

    kind: Kind
    schema: str
    name: str
    table: str | None = None

    def __str__(self) -> str:
        if self.table is not None:
            return f"{self.kind} {self.schema}.{self.table}.{self.name}"
        if self.kind in (Kind.SCHEMA, Kind.EXTENSION):
            return f"{self.kind} {self.name}"
        return f"{self.kind} {self.schema}.{self.name}"

    @property
    def qualified(self) -> str:
        """`schema.table.name`, `schema.name` or `name`: the pattern-matching form."""
        if self.table is not None:
            return f"{self.schema}.{self.table}.{self.name}"
        if self.kind in (Kind.SCHEMA, Kind.EXTENSION):
            return self.name
        return f"{self.schema}.{self.name}"

    @property
    def table_ref(self) -> ObjectRef | None:
        """The owning table's ref, for table children."""
        if self.table is None:
            return None
        return ObjectRef(Kind.TABLE, self.schema, self.table)


_set = object.__setattr__
"""Set a field of a frozen object while it normalizes itself (bound directly: no wrapper
call for the million fields of a large catalog)."""


@lru_cache(maxsize=65536)
def _qualify(name: str, schema: str) -> str:
    """Qualify `name` with the object's own (already folded) schema when it has none
    (cached: the trigger functions of a schema, the tables foreign keys refer to repeat)."""
    return norm.qualified_name(name, norm.quote_identifier(schema))


_new = object.__new__
_ref_fields = [getattr(ObjectRef, name).__set__ for name in ("kind", "schema", "name", "table")]
_set_kind, _set_schema, _set_name, _set_table = _ref_fields


def _ref(kind: Kind, schema: str, name: str, table: str | None = None) -> ObjectRef:
    """`ObjectRef(kind, schema, name, table)` with fewer calls (the refs of the numerous
    kinds are made for every object the introspection builds)."""
    ref: ObjectRef = _new(ObjectRef)
    _set_kind(ref, kind)
    _set_schema(ref, schema)
    _set_name(ref, name)
    _set_table(ref, table)
    return ref


@dataclass(frozen=True, slots=True)
class CatalogObject:
    """Base of every object: a ref plus attributes compared field by field."""

    kind: ClassVar[Kind]
    schema: str

    @property
    def ref(self) -> ObjectRef:
        raise NotImplementedError

    def attributes(self) -> dict[str, Any]:
        """The compared attributes (everything except identity fields)."""
        return {name: getattr(self, name) for name in _compared_fields(type(self))}


_COMPARED: dict[type, tuple[str, ...]] = {}


def _compared_fields(cls: type[CatalogObject]) -> tuple[str, ...]:
    """The fields `attributes` returns for objects of `cls` (looked up once per class: an audit
    of a large catalog asks for them hundreds of thousands of times)."""
    names = _COMPARED.get(cls)
    if names is None:
        skip = {"schema", "name", "table"}
        names = _COMPARED[cls] = tuple(
            f.name for f in dataclasses.fields(cls) if f.name not in skip
        )
    return names


@dataclass(frozen=True, slots=True)
class Schema(CatalogObject):
    kind: ClassVar[Kind] = Kind.SCHEMA
    name: str = ""

    def __post_init__(self) -> None:
        _set(self, "name", norm.identifier(self.name or self.schema))
        _set(self, "schema", self.name)

    @property
    def ref(self) -> ObjectRef:
        return ObjectRef(Kind.SCHEMA, self.name, self.name)


@dataclass(frozen=True, slots=True)
class Extension(CatalogObject):
    """An installed extension; `schema` is where its objects live."""

    kind: ClassVar[Kind] = Kind.EXTENSION
    name: str = ""
    version: str | None = None

    def __post_init__(self) -> None:
        _set(self, "schema", norm.identifier(self.schema))
        _set(self, "name", self.name.lower())

    @property
    def ref(self) -> ObjectRef:
        return ObjectRef(Kind.EXTENSION, "", self.name)


@dataclass(frozen=True, slots=True)
class Table(CatalogObject):
    """A table; `partition_of` names the parent of a partition, `partitioned` marks a parent."""

    kind: ClassVar[Kind] = Kind.TABLE
    name: str = ""
    partitioned: bool | None = None
    partition_of: str | None = None

    def __post_init__(self) -> None:
        _set(self, "schema", norm.identifier(self.schema))
        _set(self, "name", norm.identifier(self.name))
        self._canonical()

    def _canonical(self) -> None:
        """Normalize the attributes other than the object's own names."""
        if self.partition_of:
            _set(self, "partition_of", _qualify(self.partition_of, self.schema))

    @property
    def ref(self) -> ObjectRef:
        return _ref(Kind.TABLE, self.schema, self.name)


@dataclass(frozen=True, slots=True)
class Column(CatalogObject):
    """A table column. `identity` is None/"always"/"by default"; `generated` holds the
    expression of a stored generated column; `collation` the column's collation where it is
    not its type's own (ABSENT: the type's), its name as `collation_name` writes it."""

    kind: ClassVar[Kind] = Kind.COLUMN
    table: str = ""
    name: str = ""
    type: str | None = None
    nullable: bool | None = None
    default: str | None = None
    identity: str | None = None
    generated: str | None = None
    collation: str | None = None

    def __post_init__(self) -> None:
        _set(self, "schema", norm.identifier(self.schema))
        _set(self, "table", norm.identifier(self.table))
        _set(self, "name", norm.identifier(self.name))
        self._canonical()

    def _canonical(self) -> None:
        """Normalize the attributes other than the object's own names."""
        if self.type is not None:
            _set(self, "type", norm.data_type(self.type))
        if self.default:
            _set(self, "default", norm.default(self.default))
        if self.generated:
            _set(self, "generated", norm.expression(self.generated))
        if self.identity:
            _set(self, "identity", self.identity.lower())
        if self.collation:
            _set(self, "collation", collation_name(self.collation))

    @property
    def ref(self) -> ObjectRef:
        return _ref(Kind.COLUMN, self.schema, self.name, self.table)


@lru_cache(maxsize=4096)
def collation_name(name: str) -> str:
    """A collation's name as an index key's COLLATE is compared: each part folded and quoted
    only where needed, the schema left out for `pg_catalog` and `public` (`pg_catalog."C"` is
    `"C"`, `"default"` is `default`), kept for any other (`other.c2`)."""
    parts = [norm.identifier(p) for p in _COLLATION_PART.findall(name.strip())]
    if len(parts) > 1 and parts[-2] in ("pg_catalog", "public"):
        parts = parts[-1:]
    return ".".join(norm.quote_identifier(p) for p in parts[-2:])


_COLLATION_PART = re.compile(r'"(?:[^"]|"")*"|[^."\s]+')


@dataclass(frozen=True, slots=True)
class Index(CatalogObject):
    """An index: key columns or expressions (normalized), uniqueness, partial predicate,
    access method and INCLUDE columns."""

    kind: ClassVar[Kind] = Kind.INDEX
    table: str = ""
    name: str = ""
    columns: tuple[str, ...] | None = None
    unique: bool | None = None
    predicate: str | None = None
    method: str | None = None
    include: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        _set(self, "schema", norm.identifier(self.schema))
        _set(self, "table", norm.identifier(self.table))
        _set(self, "name", norm.identifier(self.name))
        self._canonical()

    def _canonical(self) -> None:
        """Normalize the attributes other than the object's own names."""
        if self.columns is not None:
            _set(self, "columns", tuple(norm.index_key(c) for c in self.columns))
        if self.include is not None:
            _set(self, "include", tuple(norm.identifier(c) for c in self.include))
        if self.predicate:
            _set(self, "predicate", norm.expression(self.predicate))
        if self.method is not None:
            _set(self, "method", self.method.lower())

    @property
    def ref(self) -> ObjectRef:
        return _ref(Kind.INDEX, self.schema, self.name, self.table)


class ConstraintType(StrEnum):
    PRIMARY_KEY = "primary_key"
    UNIQUE = "unique"
    CHECK = "check"
    EXCLUSION = "exclusion"


_constraint_type: Callable[[Any], ConstraintType] = lru_cache(maxsize=64)(ConstraintType)
"""`ConstraintType(value)`, cached (an enum lookup by value is a Python call chain)."""


@dataclass(frozen=True, slots=True)
class Constraint(CatalogObject):
    """A primary key, unique, check or exclusion constraint (foreign keys are separate).
    `validated` is False for a constraint added NOT VALID and not yet validated;
    `initially_deferred` is True for one DEFERRABLE INITIALLY DEFERRED."""

    kind: ClassVar[Kind] = Kind.CONSTRAINT
    table: str = ""
    name: str = ""
    type: ConstraintType | None = None
    columns: tuple[str, ...] | None = None
    expression: str | None = None
    validated: bool | None = None
    deferrable: bool | None = None
    initially_deferred: bool | None = None

    def __post_init__(self) -> None:
        _set(self, "schema", norm.identifier(self.schema))
        _set(self, "table", norm.identifier(self.table))
        _set(self, "name", norm.identifier(self.name))
        self._canonical()

    def _canonical(self) -> None:
        """Normalize the attributes other than the object's own names."""
        if self.type is not None:
            _set(self, "type", _constraint_type(self.type))
        if self.columns is not None:
            _set(self, "columns", tuple(norm.identifier(c) for c in self.columns))
        if self.expression:
            _set(self, "expression", norm.expression(self.expression))

    @property
    def ref(self) -> ObjectRef:
        return _ref(Kind.CONSTRAINT, self.schema, self.name, self.table)


@dataclass(frozen=True, slots=True)
class ForeignKey(CatalogObject):
    """A foreign key; `references` is the schema-qualified target table. `match` is `simple`,
    `full` or `partial`; `on_delete_columns` the columns of `ON DELETE SET NULL (a)` or `SET
    DEFAULT (a)` (PostgreSQL 15), in order, () for every referencing column."""

    kind: ClassVar[Kind] = Kind.FOREIGN_KEY
    table: str = ""
    name: str = ""
    columns: tuple[str, ...] | None = None
    references: str | None = None
    referenced_columns: tuple[str, ...] | None = None
    on_delete: str | None = None
    on_update: str | None = None
    deferrable: bool | None = None
    initially_deferred: bool | None = None
    validated: bool | None = None
    match: str | None = None
    on_delete_columns: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        _set(self, "schema", norm.identifier(self.schema))
        _set(self, "table", norm.identifier(self.table))
        _set(self, "name", norm.identifier(self.name))
        self._canonical()

    def _canonical(self) -> None:
        """Normalize the attributes other than the object's own names."""
        if self.columns is not None:
            _set(self, "columns", tuple(norm.identifier(c) for c in self.columns))
        if self.referenced_columns is not None:
            _set(
                self,
                "referenced_columns",
                tuple(norm.identifier(c) for c in self.referenced_columns),
            )
        if self.references:
            _set(self, "references", _qualify(self.references, self.schema))
        for action in ("on_delete", "on_update"):
            value = getattr(self, action)
            if value is not None:
                _set(self, action, norm.fk_action(value))
        if self.match is not None:
            _set(self, "match", _FK_MATCH.get(self.match.lower(), self.match.lower()))
        if self.on_delete_columns is not None:
            _set(
                self,
                "on_delete_columns",
                tuple(norm.identifier(c) for c in self.on_delete_columns),
            )

    @property
    def ref(self) -> ObjectRef:
        return _ref(Kind.FOREIGN_KEY, self.schema, self.name, self.table)


_FK_MATCH = {"s": "simple", "f": "full", "p": "partial"}
"""`pg_constraint.confmatchtype` codes."""


@dataclass(frozen=True, slots=True)
class Trigger(CatalogObject):
    """A trigger: timing (before/after/instead of), events (sorted), row or statement level,
    the schema-qualified function it executes, its WHEN condition and whether it is enabled;
    the columns of `UPDATE OF` (sorted: a set; () for none), the arguments the function is
    called with (strings, as `tgargs` holds them) and, for a constraint trigger, whether it
    is DEFERRABLE and INITIALLY DEFERRED."""

    kind: ClassVar[Kind] = Kind.TRIGGER
    table: str = ""
    name: str = ""
    timing: str | None = None
    events: tuple[str, ...] | None = None
    level: str | None = None
    function: str | None = None
    when: str | None = None
    enabled: bool | None = None
    columns: tuple[str, ...] | None = None
    arguments: tuple[str, ...] | None = None
    deferrable: bool | None = None
    initially_deferred: bool | None = None

    def __post_init__(self) -> None:
        _set(self, "schema", norm.identifier(self.schema))
        _set(self, "table", norm.identifier(self.table))
        _set(self, "name", norm.identifier(self.name))
        self._canonical()

    def _canonical(self) -> None:
        """Normalize the attributes other than the object's own names."""
        if self.timing is not None:
            _set(self, "timing", " ".join(self.timing.lower().split()))
        if self.events is not None:
            _set(self, "events", tuple(sorted(" ".join(e.lower().split()) for e in self.events)))
        if self.level is not None:
            _set(self, "level", self.level.lower())
        if self.function:
            _set(self, "function", _qualify(self.function.removesuffix("()"), self.schema))
        if self.when:
            _set(self, "when", norm.expression(self.when))
        if self.columns is not None:  # UPDATE OF: a set of columns, whatever order is written
            _set(self, "columns", tuple(sorted({norm.identifier(c) for c in self.columns})))
        if self.arguments is not None:
            _set(self, "arguments", tuple(str(a) for a in self.arguments))

    @property
    def ref(self) -> ObjectRef:
        return _ref(Kind.TRIGGER, self.schema, self.name, self.table)


@dataclass(frozen=True, slots=True)
class Function(CatalogObject):
    """A function or procedure. `name` is the bare name; `arguments` the normalized identity
    argument types, which together with the name make its identity (`f(uuid, integer)`).
    `strict` is STRICT (True) or CALLED ON NULL INPUT (False); `parallel` is safe, restricted
    or unsafe; `settings` are the configuration parameters the function sets when called
    (`SET search_path = ...`), as `name=value` entries (see `function_settings`; () for none).
    `body_hash` is a hash of the whitespace-normalized body."""

    kind: ClassVar[Kind] = Kind.FUNCTION
    name: str = ""
    arguments: tuple[str, ...] = ()
    routine: str | None = None
    returns: str | None = None
    language: str | None = None
    volatility: str | None = None
    security_definer: bool | None = None
    strict: bool | None = None
    parallel: str | None = None
    settings: tuple[str, ...] | None = None
    body_hash: str | None = None

    def __post_init__(self) -> None:
        _set(self, "schema", norm.identifier(self.schema))
        _set(self, "name", norm.identifier(self.name))
        _set(self, "arguments", tuple(norm.argument_type(a) for a in self.arguments))
        if self.parallel is not None:
            _set(self, "parallel", self.parallel.lower())
        if self.settings is not None:
            _set(self, "settings", function_settings(self.settings))
        if self.returns is not None:
            _set(self, "returns", norm.return_type(self.returns))
        if self.language is not None:
            _set(self, "language", self.language.lower())
        if self.volatility is not None:
            _set(self, "volatility", self.volatility.lower())
        if self.routine is not None:
            _set(self, "routine", self.routine.lower())

    @property
    def signature(self) -> str:
        return f"{self.name}({', '.join(self.arguments)})"

    @property
    def ref(self) -> ObjectRef:
        return ObjectRef(Kind.FUNCTION, self.schema, self.signature)

    def attributes(self) -> dict[str, Any]:
        attrs = CatalogObject.attributes(self)  # slots classes: no zero-argument super()
        attrs.pop("arguments")
        return attrs


_QUOTED_LISTS = frozenset({"search_path", "temp_tablespaces"})
"""Settings whose value is a list of names (PostgreSQL quotes each where needed)."""


def function_settings(entries: Iterable[str]) -> tuple[str, ...]:
    """A function's settings (`pg_proc.proconfig` entries, `name=value`) normalized: names in
    lower case (`TimeZone=UTC` is `timezone=UTC`), values trimmed, a list of names
    (`search_path`) as PostgreSQL stores it, each name folded and quoted only where needed and
    the names joined by `, ` (`search_path=public,PG_TEMP` is `search_path=public, pg_temp`);
    sorted by name (a name set twice keeps its last value)."""
    by_name: dict[str, str] = {}
    for entry in entries:
        name, _, value = entry.partition("=")
        name, value = name.strip().lower(), value.strip()
        if name in _QUOTED_LISTS:
            value = _name_list(value)
        by_name[name] = value
    return tuple(f"{name}={by_name[name]}" for name in sorted(by_name))


def _name_list(value: str) -> str:
    """`"$user",Public , "My S"` -> `"$user", public, "My S"`; an empty list is `""`, as
    PostgreSQL stores `SET search_path = ''`."""
    items: list[str] = []
    current, quoted = "", False
    for ch in value:
        if ch == '"':
            quoted = not quoted
        if ch == "," and not quoted:
            items.append(current)
            current = ""
        else:
            current += ch
    items.append(current)
    names = [norm.quote_identifier(norm.identifier(item)) for item in items if item.strip()]
    return ", ".join(names) if names else '""'


@dataclass(frozen=True, slots=True)
class Sequence(CatalogObject):
    """A sequence; `min_value`, `max_value`, `cycle` and `cache` as `pg_sequence` holds them
    (a bound not written is its data type's for the increment's sign, see
    `sequence_bounds`)."""

    kind: ClassVar[Kind] = Kind.SEQUENCE
    name: str = ""
    data_type: str | None = None
    start: int | None = None
    increment: int | None = None
    owned_by: str | None = None
    min_value: int | None = None
    max_value: int | None = None
    cycle: bool | None = None
    cache: int | None = None

    def __post_init__(self) -> None:
        _set(self, "schema", norm.identifier(self.schema))
        _set(self, "name", norm.identifier(self.name))
        if self.data_type is not None:
            _set(self, "data_type", norm.data_type(self.data_type))
        if self.owned_by:
            _set(self, "owned_by", _qualify(self.owned_by, self.schema))

    @property
    def ref(self) -> ObjectRef:
        return ObjectRef(Kind.SEQUENCE, self.schema, self.name)


_TYPE_MAX = {"smallint": 2**15 - 1, "integer": 2**31 - 1, "bigint": 2**63 - 1}


def sequence_bounds(data_type: str, increment: int) -> tuple[int, int] | None:
    """The MINVALUE and MAXVALUE a sequence of `data_type` takes when they are not written
    (or written NO MINVALUE / NO MAXVALUE): 1 and the type's largest value when it counts up,
    the type's smallest value and -1 when it counts down; None for a type not known here."""
    top = _TYPE_MAX.get(norm.data_type(data_type))
    if top is None:
        return None
    return (1, top) if increment > 0 else (-top - 1, -1)


@dataclass(frozen=True, slots=True)
class View(CatalogObject):
    """A view or materialized view; `definition` is the normalized query text."""

    kind: ClassVar[Kind] = Kind.VIEW
    name: str = ""
    materialized: bool | None = None
    definition: str | None = None

    def __post_init__(self) -> None:
        _set(self, "schema", norm.identifier(self.schema))
        _set(self, "name", norm.identifier(self.name))
        if self.definition:
            _set(self, "definition", norm.query(self.definition))

    @property
    def ref(self) -> ObjectRef:
        return ObjectRef(Kind.VIEW, self.schema, self.name)


@dataclass(frozen=True, slots=True)
class Enum(CatalogObject):
    kind: ClassVar[Kind] = Kind.ENUM
    name: str = ""
    labels: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        _set(self, "schema", norm.identifier(self.schema))
        _set(self, "name", norm.identifier(self.name))

    @property
    def ref(self) -> ObjectRef:
        return ObjectRef(Kind.ENUM, self.schema, self.name)


@dataclass(frozen=True)
class Prerequisites:
    """What must already be in place before the spec's migrations run: the schema-version
    table and the lowest version it must hold, and the versions the spec's own migrations
    record once applied."""

    version_table: str = "public.schema_migrations"
    version_column: str = "version"
    min_version: int | None = None
    applied_versions: tuple[int, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """A set of objects keyed by ref, plus which tables are strict (objects the catalog does
    not list on them count as drift), which schemas are strict (tables, functions, ... not
    listed in them count as drift), whether the catalog itself is strict (schemas and
    extensions it does not list count as drift) and what prerequisites hold."""

    objects: Mapping[ObjectRef, CatalogObject] = field(default_factory=dict)
    strict_tables: frozenset[ObjectRef] = frozenset()
    strict_schemas: frozenset[str] = frozenset()
    prerequisites: Prerequisites | None = None
    source: str = ""
    strict_database: bool = False

    @classmethod
    def of(
        cls,
        objects: Iterable[CatalogObject],
        *,
        strict_tables: Iterable[ObjectRef] = (),
        strict_schemas: Iterable[str] = (),
        prerequisites: Prerequisites | None = None,
        source: str = "",
        strict_database: bool = False,
    ) -> Catalog:
        """Build a catalog; a duplicate ref keeps the last object (like replaying DDL)."""
        return cls.keyed(
            {obj.ref: obj for obj in objects},
            strict_tables=strict_tables,
            strict_schemas=strict_schemas,
            prerequisites=prerequisites,
            source=source,
            strict_database=strict_database,
        )

    @classmethod
    def keyed(
        cls,
        by_ref: Mapping[ObjectRef, CatalogObject],
        *,
        strict_tables: Iterable[ObjectRef] = (),
        strict_schemas: Iterable[str] = (),
        prerequisites: Prerequisites | None = None,
        source: str = "",
        strict_database: bool = False,
    ) -> Catalog:
        """`of` for objects already keyed by their refs (each `ref` must be its object's)."""
        ordered = dict(sorted(by_ref.items(), key=_item_sort_key))
        return cls(
            ordered,
            frozenset(strict_tables),
            frozenset(strict_schemas),
            prerequisites,
            source,
            strict_database,
        )

    def __iter__(self) -> Iterator[CatalogObject]:
        return iter(self.objects.values())

    def __len__(self) -> int:
        return len(self.objects)

    def __contains__(self, ref: object) -> bool:
        return ref in self.objects

    def get(self, ref: ObjectRef) -> CatalogObject | None:
        return self.objects.get(ref)

    def of_kind(self, kind: Kind) -> list[CatalogObject]:
        return [obj for ref, obj in self.objects.items() if ref.kind is kind]

    def children(self, table: ObjectRef) -> list[CatalogObject]:
        """Columns, indexes, constraints, foreign keys and triggers of a table."""
        return [
            obj
            for ref, obj in self.objects.items()
            if ref.table == table.name and ref.schema == table.schema
        ]


_KIND_ORDER = {kind: i for i, kind in enumerate(Kind)}

CatalogEntry = tuple[tuple[str, str, int, str], ObjectRef, CatalogObject]
"""`(catalog_order(ref), ref, object)`: one object with its place in catalog order."""


class OrderedObjects(Mapping[ObjectRef, CatalogObject]):
    """A catalog's objects from entries already in catalog order (at most one per ref).
    Iterating them in order needs nothing more; the ref-keyed dict is built on the first
    lookup. On a large catalog read only to be written out (`schemacheck snapshot`), that
    dict of hundreds of thousands of refs is never built."""

    __slots__ = ("_entries", "_keyed")

    def __init__(self, entries: list[CatalogEntry]) -> None:
        self._entries = entries
        self._keyed: dict[ObjectRef, CatalogObject] | None = None

    def _lookup(self) -> dict[ObjectRef, CatalogObject]:
        if self._keyed is None:
            self._keyed = {ref: obj for _, ref, obj in self._entries}
        return self._keyed

    def __getitem__(self, ref: ObjectRef) -> CatalogObject:
        return self._lookup()[ref]

    def __contains__(self, ref: object) -> bool:
        return ref in self._lookup()

    def __iter__(self) -> Iterator[ObjectRef]:
        return map(_ENTRY_REF, self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def items(self) -> Iterator[tuple[ObjectRef, CatalogObject]]:  # type: ignore[override]
        """(ref, object) pairs in catalog order."""
        return map(_ENTRY_ITEM, self._entries)

    def values(self) -> Iterator[CatalogObject]:  # type: ignore[override]
        return map(_ENTRY_OBJECT, self._entries)

    def __reduce__(self) -> tuple[Any, ...]:
        return (OrderedObjects, (self._entries,))


def in_catalog_order(runs: Iterable[list[CatalogEntry]]) -> list[CatalogEntry]:
    """Merge runs of entries, each sorted by catalog order, into one list in catalog order;
    of entries with the same ref, the last one given is kept (as `Catalog.of` keeps the last
    object)."""
    entries = [entry for run in runs for entry in run]
    entries.sort(key=_ENTRY_ORDER)  # a stable sort: equal refs stay in the order given
    keys = [entry[0] for entry in entries]
    if any(map(operator.eq, keys, keys[1:])):  # rare: keep the last of each equal run
        entries = [e for e, nxt in zip(entries, [*keys[1:], None], strict=True) if e[0] != nxt]
    return entries


_ENTRY_ORDER = operator.itemgetter(0)
_ENTRY_REF = operator.itemgetter(1)
_ENTRY_OBJECT = operator.itemgetter(2)
_ENTRY_ITEM = operator.itemgetter(1, 2)


def _item_sort_key(item: tuple[ObjectRef, CatalogObject]) -> tuple[str, str, int, str]:
    """Catalog order: by schema, then owning table (a table with its children), kind, name."""
    ref = item[0]
    owner = ref.table if ref.table is not None else (ref.name if ref.kind is Kind.TABLE else "")
    return (ref.schema, owner, _KIND_ORDER[ref.kind], ref.name)


def catalog_order(ref: ObjectRef) -> tuple[str, str, int, str]:
    """The sort key of `ref` in a Catalog's order (what `Catalog.of` sorts by)."""
    owner = ref.table if ref.table is not None else (ref.name if ref.kind is Kind.TABLE else "")
    return (ref.schema, owner, _KIND_ORDER[ref.kind], ref.name)


_Object = TypeVar("_Object", bound=CatalogObject)


def exact_constructor(cls: type[_Object]) -> Callable[..., _Object]:
    """A constructor of `cls` (Table, Column, Index, Constraint, ForeignKey or Trigger) for
    objects whose own names (schema, table, name) are exact: folded already, as the catalog
    stores them. It takes every field positionally, in field order, sets them without folding
    those names and normalizes the other attributes as `__post_init__` does
    (`_canonical`). The same object as `cls(...)` with each name quoted, built with fewer
    calls: the introspection builds hundreds of thousands of them."""
    fields = [f.name for f in dataclasses.fields(cls)]
    args = ", ".join(f"v{i}" for i in range(len(fields)))
    namespace: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = [f"def make({args}):", "    obj = new(cls)"]
    for i, name in enumerate(fields):
        namespace[f"set{i}"] = getattr(cls, name).__set__
        lines.append(f"    set{i}(obj, v{i})")
    lines += ["    obj._canonical()", "    return obj"]
    exec("\n".join(lines), namespace)  # as dataclasses builds __init__
    make: Callable[..., _Object] = namespace["make"]
    return make
