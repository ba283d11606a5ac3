"""The parsed-statement model: what `schemacheck.ddl.parse_file` and friends hand to the lint
rules and to the static replay. Frozen data only; nothing here parses.

A file becomes an `SqlFile`: its role and version (from the layout or the file name), its
statements in order, the file-wide suppressions and the problems met while reading it (bad
bytes, an untokenizable part, psql meta-commands, transaction mistakes).

Every `Statement` keeps where it starts (path, 1-based line and column of its first token),
its raw text (without the terminating `;`), sqlglot's tree when sqlglot could parse it
(`None` when it raised; an `exp.Command` when sqlglot fell back), a `kind` such as
`"create_table"`, `"create_index"`, `"alter_table"`, `"drop_table"`, `"create_function"`,
`"do"`, `"delete"`, `"begin"` decided from the tokens (never from the tree alone: sqlglot reads
`START TRANSACTION` as an alias and `ABORT` as a column), and `facts` recovered at token level
so that a rule or the replay never has to care whether sqlglot understood the statement.

Names in facts are folded the PostgreSQL way: unquoted identifiers lower-cased, quoted ones kept
as written (without the quotes). Expression texts (defaults, CHECK bodies, WHERE clauses) are
the source text, whitespace-collapsed, not normalized.

Statement kinds (`Statement.kind`):

- `create_<object>`, `alter_<object>`, `drop_<object>` where object is one of `table`,
  `index`, `function`, `procedure`, `trigger`, `view`, `materialized_view`, `sequence`,
  `schema`, `extension`, `type`, `domain`, `policy`, `rule`, `role`, `aggregate`, ... (the
  PostgreSQL keywords, spaces as underscores; `create_table_as` for `CREATE TABLE ... AS`).
- `select`, `insert`, `update`, `delete`, `merge`, `truncate`, `copy`, `values`
- `begin`, `commit`, `rollback`, `savepoint`, `release_savepoint`, `rollback_to_savepoint`,
  `prepare_transaction`
- `set`, `reset`, `show`, `do`, `call`, `vacuum`, `analyze`, `cluster`, `reindex`,
  `refresh_materialized_view`, `lock`, `grant`, `revoke`, `comment`, `explain`, `listen`,
  `notify`, `discard`, `checkpoint`, `security_label`, `import_foreign_schema`
- `unknown` when the first words say nothing we know.

Alter-table actions (`AlterAction.action`): `add_column`, `drop_column`, `alter_column_type`,
`set_not_null`, `drop_not_null`, `set_default`, `drop_default`, `add_constraint`,
`drop_constraint`, `validate_constraint`, `rename_table`, `rename_column`,
`rename_constraint`, `set_schema`, `owner_to`, `enable_rls`, `disable_rls`,
`attach_partition`, `detach_partition`, `add_identity`, `set_column_option`, `other`.
Alter-type actions: `add_value`, `rename_value`, `rename_type`, `add_attribute`,
`drop_attribute`, `alter_attribute`, `owner_to`, `set_schema`, `other`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, TypeVar, overload

from sqlglot import exp
from sqlglot.tokenizer_core import TokenType

from schemacheck.findings import Location

FileRole = Literal["prerequisite", "migration", "rollback", "check", "other"]
ROLE_ORDER: dict[str, int] = {
    "prerequisite": 0,
    "migration": 1,
    "rollback": 2,
    "check": 3,
    "other": 4,
}


class Word(NamedTuple):
    """One token of a statement, offsets absolute in the file's text.

    `kind` is `word` (keyword or bare identifier), `ident` (quoted identifier, `value` without
    the quotes), `string` (any string literal or dollar-quoted body; `value` is its content),
    `number`, or `punct` (parentheses, commas, operators). Statements that sqlglot's tokenizer
    keeps as one raw string after a command keyword (`DO ...`, `VACUUM ...`) are tokenized
    again, so every statement reads as plain words.

    A named tuple, not a dataclass: a large corpus makes a million of them, and as tuples they
    need no per-object dict (a cold lint of 52,000 statements peaked at 640 MB with one) and
    are made and freed several times faster."""

    kind: str
    value: str
    start: int
    end: int  # just past the last character
    token_type: TokenType

    @property
    def upper(self) -> str:
        """The keyword upper-cased; empty for anything but a bare word."""
        return self.value.upper() if self.kind == "word" else ""

    @property
    def is_name(self) -> bool:
        return self.kind in ("word", "ident")

    @property
    def folded(self) -> str:
        """The identifier folded as PostgreSQL does (bare words lower-cased)."""
        return self.value.lower() if self.kind == "word" else self.value


_Cls = TypeVar("_Cls", bound=type)


def _sparse(cls: _Cls) -> _Cls:
    """Let a frozen dataclass store only the fields it is given: the others read as the class
    attribute the dataclass made of their default. A parse makes hundreds of thousands of facts
    with a few of their (up to 40) fields set; stored whole they took most of the time of
    making, pickling and unpickling them. Equality, hashing, `repr` and `dataclasses.replace`
    read attributes, so they are unchanged."""
    fields = dataclasses.fields(cls)
    for f in fields:
        if f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: a default factory has no class default")
    names = tuple(f.name for f in fields)

    def __init__(self: object, *args: object, **kwargs: object) -> None:
        d = self.__dict__
        if args:
            d.update(zip(names, args, strict=False))
        d.update(kwargs)

    cls.__init__ = __init__  # type: ignore[misc]
    return cls


@dataclass(frozen=True, order=True)
class ObjectName:
    """A possibly schema-qualified name, folded (`Users` -> `users`, `"Users"` -> `Users`)."""

    name: str
    schema: str | None = None
    # for an unqualified name: the schema it stands for when not `public`, the first of the
    # file's `SET search_path` (`schemacheck.ddl.search_path`); not part of what is written
    implied: str | None = field(default=None, compare=False, repr=False)

    @property
    def qualified(self) -> str:
        """`schema.name` when a schema was written, else `name`."""
        return f"{self.schema}.{self.name}" if self.schema else self.name

    def with_default_schema(self, schema: str = "public") -> ObjectName:
        return self if self.schema else ObjectName(self.name, schema)

    def same_object(self, other: ObjectName, default_schema: str = "public") -> bool:
        """Equal names, an unqualified name standing for `default_schema`."""
        return self.with_default_schema(default_schema) == other.with_default_schema(default_schema)

    def __str__(self) -> str:
        return self.qualified


# a Flyway version's parts after the first: `V1.10.2__x.sql` -> (10, 2); `V1_1__x.sql` is 1.1
_FLYWAY_MINOR = re.compile(r"^[VvUu]\d+((?:[._]\d+)+)__")


def _minor_version(name: str) -> tuple[int, ...]:
    m = _FLYWAY_MINOR.match(name)
    return tuple(int(p) for p in re.split(r"[._]", m.group(1)[1:])) if m else ()


@_sparse
@dataclass(frozen=True)
class ColumnFact:
    """One column definition (CREATE TABLE element or ALTER TABLE ... ADD COLUMN)."""

    name: str
    data_type: str  # as written, lower-cased and whitespace-collapsed: "timestamp with time zone"
    not_null: bool = False
    default: str | None = None  # the DEFAULT expression's text
    primary_key: bool = False
    unique: bool = False
    references: ObjectName | None = None
    ref_columns: tuple[str, ...] = ()
    on_delete: str | None = None  # "cascade", "set null", ...
    identity: bool = False  # GENERATED ... AS IDENTITY
    generated: bool = False  # GENERATED ALWAYS AS (expr) STORED
    check: str | None = None  # an inline CHECK's expression text
    collation: str | None = None


@_sparse
@dataclass(frozen=True)
class ConstraintFact:
    """A table constraint (CREATE TABLE element or ALTER TABLE ... ADD CONSTRAINT).

    `type` is one of `check`, `foreign_key`, `unique`, `primary_key`, `exclude`, `not_null`.
    """

    type: str
    name: str | None = None
    columns: tuple[str, ...] = ()
    expression: str | None = None  # CHECK (...) body, EXCLUDE element list
    references: ObjectName | None = None
    ref_columns: tuple[str, ...] = ()
    on_delete: str | None = None
    on_update: str | None = None
    not_valid: bool = False
    using_index: str | None = None  # UNIQUE/PRIMARY KEY USING INDEX name
    deferrable: bool = False
    text: str = ""


@_sparse
@dataclass(frozen=True)
class AlterAction:
    """One comma-separated action of ALTER TABLE / ALTER TYPE (see the module doc for the
    action names)."""

    action: str
    text: str
    column_name: str | None = None
    column: ColumnFact | None = None  # add_column
    constraint_name: str | None = None
    constraint: ConstraintFact | None = None  # add_constraint
    data_type: str | None = None  # alter_column_type
    using: str | None = None  # alter_column_type USING expression
    default: str | None = None  # set_default
    new_name: str | None = None  # rename_*, set_schema, owner_to
    label: str | None = None  # alter type add_value / rename_value
    if_exists: bool = False
    if_not_exists: bool = False
    cascade: bool = False
    concurrently: bool = False  # detach_partition ... CONCURRENTLY


@_sparse
@dataclass(frozen=True)
class StatementFacts:
    """What the checks and the replay need, recovered at token level for every statement
    (whether sqlglot parsed it, fell back to `exp.Command`, or raised).

    Fields not meaningful for a statement's kind keep their defaults.
    """

    object_type: str = ""  # "table", "index", "function", "materialized view", ...
    name: ObjectName | None = None  # the (first) object created/altered/dropped
    names: tuple[ObjectName, ...] = ()  # every object named (DROP TABLE a, b; TRUNCATE a, b)
    table: ObjectName | None = None  # table acted on: index/trigger/policy table, DML target
    if_exists: bool = False
    if_not_exists: bool = False
    or_replace: bool = False
    cascade: bool = False
    concurrently: bool = False
    not_valid: bool = False
    unique: bool = False
    temporary: bool = False
    only: bool = False
    # CREATE TABLE / ADD COLUMN
    columns: tuple[ColumnFact, ...] = ()
    constraints: tuple[ConstraintFact, ...] = ()
    partition_of: ObjectName | None = None
    # ALTER TABLE / ALTER TYPE
    actions: tuple[AlterAction, ...] = ()
    # CREATE INDEX
    index_method: str | None = None
    index_columns: str | None = None  # the text inside the parentheses
    index_where: str | None = None
    # CREATE FUNCTION / PROCEDURE / DO
    arguments: str | None = None  # text inside the parentheses: "a integer, b text"
    returns: str | None = None  # "trigger", "setof messages", "table(n bigint)", "integer"
    language: str | None = None
    body: str | None = None  # the function/DO body, dollar quotes removed
    volatility: str | None = None  # "immutable" / "stable" / "volatile" when written
    security_definer: bool = False
    # CREATE TRIGGER
    function: ObjectName | None = None  # EXECUTE FUNCTION/PROCEDURE name
    timing: str | None = None  # "before", "after", "instead of"
    events: tuple[str, ...] = ()  # "insert", "update", "delete", "truncate"
    for_each_row: bool = False
    # CREATE TYPE ... AS ENUM / ALTER TYPE ... ADD VALUE
    labels: tuple[str, ...] = ()
    # CREATE EXTENSION
    extension_schema: str | None = None
    # DML
    where: str | None = None  # WHERE clause text of UPDATE/DELETE (None: no WHERE)
    from_select: bool = False  # INSERT ... SELECT, UPDATE ... FROM, DELETE ... USING
    # SET / RESET
    setting: str | None = None
    value: str | None = None
    local: bool = False
    # VACUUM, CLUSTER, LOCK, ... (upper-case option words as written: "FULL", "ACCESS EXCLUSIVE")
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suppression:
    """`-- schemacheck: ignore CODE-or-slug[, ...] [reason]` (statement) or
    `-- schemacheck: ignore-file CODE-or-slug[, ...] [reason]` (whole file).

    `codes` are as written (codes upper-cased, slugs lower-cased); `all` matches every rule
    (written as `all` or `*`). After the comma-separated list, further codes separated by
    spaces (`ignore SC001 SC002 reason`) are codes too; only `SC` and digits, so a reason's
    words are never read as codes."""

    codes: tuple[str, ...]
    reason: str
    line: int
    column: int
    file_wide: bool
    text: str

    def matches(self, code: str, slug: str) -> bool:
        return any(c in ("ALL", "*") or c == code.upper() or c == slug.lower() for c in self.codes)


@dataclass(frozen=True)
class Problem:
    """Something met while reading a file that is not a statement: the engine turns each into a
    finding.

    kind: `encoding` (bytes not UTF-8, decoded with replacement), `untokenizable` (a part the
    tokenizer could not read: unterminated string, comment or dollar quote),
    `meta_command` (a psql backslash command, skipped), `nested_transaction` (BEGIN inside an
    open transaction), `unclosed_transaction` (BEGIN never committed by end of file),
    `no_transaction` (COMMIT/ROLLBACK with no BEGIN), `bad_suppression` (a malformed
    `schemacheck:` comment)."""

    kind: str
    message: str
    line: int
    column: int = 1
    text: str = ""


# a statement's words as pickled: their fields as columns (kinds, values, starts, ends, token
# types), the values joined by NUL when none holds one (one string instead of one per word)
_PackedWords = list[Any]
_SEP = "\x00"
_new_word = functools.partial(tuple.__new__, Word)


def _pack(words: tuple[Word, ...]) -> _PackedWords:
    if not words:
        return []
    kinds, values, starts, ends, types = zip(*words, strict=True)
    joined = _SEP.join(values)
    packed_values: str | tuple[str, ...] = (
        joined if joined.count(_SEP) == len(values) - 1 else values
    )
    return [kinds, packed_values, starts, ends, types]


def _unpack(packed: _PackedWords) -> tuple[Word, ...]:
    if not packed:
        return ()
    kinds, values, starts, ends, types = packed
    if isinstance(values, str):
        values = values.split(_SEP)
    return tuple(map(_new_word, zip(kinds, values, starts, ends, types, strict=True)))


class _StatementWords:
    """`Statement.words`, kept in the instance as `_words`: a tuple of `Word`s, or (as read
    back from a pickle) their fields in columns, turned into `Word`s when first read. A cache
    entry holds every statement's words, and most are never read again by the rules."""

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> tuple[Word, ...]: ...
    @overload
    def __get__(self, obj: Statement, owner: type | None = None) -> tuple[Word, ...]: ...
    def __get__(self, obj: Statement | None, owner: type | None = None) -> tuple[Word, ...]:
        if obj is None:
            return ()  # the dataclass default
        words: tuple[Word, ...] | _PackedWords = obj.__dict__["_words"]
        if isinstance(words, list):
            words = _unpack(words)
            obj.__dict__["_words"] = words
        return words

    def __set__(self, obj: Statement, value: tuple[Word, ...]) -> None:
        obj.__dict__["_words"] = value


@dataclass(frozen=True)
class Statement:
    """One SQL statement of a file, with where it starts and what it means.

    `tree` is sqlglot's expression (`None` when sqlglot raised, an `exp.Command` when it fell
    back); `parse_error` holds sqlglot's message when it raised. Both come from `parsed`, the
    pair `(tree, parse_error)`: the reader fills it in when it needed the tree itself, else it
    is `None` and the statement's text is parsed the first time either is asked for (most
    statements' facts and kind come from their words, and most rules never look at a tree).
    `understood` says whether the kind was recognised at all: a statement that is neither
    parsed nor recognised is reported as unparseable (SC000). `in_transaction` is true inside
    an explicit BEGIN/START TRANSACTION ... COMMIT/ROLLBACK: the opening BEGIN is not inside,
    the closing COMMIT is (and so is a nested BEGIN, which PostgreSQL ignores with a warning);
    it is true too inside the transaction a migration tool opens around the file or its
    section (`transaction_tool` names the tool: goose, dbmate, Flyway), which holds the
    statements as a BEGIN would; `transaction` numbers those blocks within the file
    (0, 1, ...), `None` outside. `words`
    are the statement's tokens (see `Word`), for rules and the replay to read what the tree
    does not hold.
    `suppressions` are the `-- schemacheck: ignore` comments on the lines just before the
    statement or at its end on the same line.
    """

    path: str
    line: int
    column: int
    index: int
    text: str
    kind: str
    facts: StatementFacts
    in_transaction: bool = False
    transaction: int | None = None
    suppressions: tuple[Suppression, ...] = ()
    comments: tuple[str, ...] = ()
    understood: bool = True
    end_line: int = 0
    words: _StatementWords = field(default=_StatementWords(), compare=False, repr=False)
    parsed: tuple[exp.Expr | None, str | None] | None = field(
        default=None, compare=False, repr=False
    )
    # whether the words hold DELETE or UPDATE other than as an event or a foreign key action
    # (`schemacheck.ddl.parse.mentions_dml`); None: not recorded, read the words
    dml_words: bool | None = field(default=None, compare=False, repr=False)
    # the migration tool whose own transaction the statement runs in (`goose`, `dbmate`,
    # `flyway`, `golang-migrate`: `schemacheck.ddl.sections.tool_transactions`), followed by
    # `:one-query` (`sections.ONE_QUERY`) when it is the implicit transaction PostgreSQL runs
    # a query of several statements in, the tool having sent the part as one query; then
    # `in_transaction` is true and `transaction` numbers that transaction too. Empty in a
    # transaction the file opens with BEGIN, and outside any.
    transaction_tool: str = ""

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        words = state["_words"]
        if isinstance(words, tuple):
            state["_words"] = _pack(words)  # columns: a few objects instead of five a word
        return state

    @property
    def tree(self) -> exp.Expr | None:
        return self._parse()[0]

    @property
    def parse_error(self) -> str | None:
        return self._parse()[1]

    def _parse(self) -> tuple[exp.Expr | None, str | None]:
        parsed = self.parsed
        if parsed is None:
            from schemacheck.ddl.parse import parse_statement

            parsed = parse_statement(self.text, self.line)
            object.__setattr__(self, "parsed", parsed)
        return parsed

    @property
    def location(self) -> Location:
        return Location(self.path, self.line, self.column)

    @property
    def is_command_fallback(self) -> bool:
        """sqlglot did not really parse it (raised, or fell back to `exp.Command`)."""
        return self.tree is None or isinstance(self.tree, exp.Command)

    def snippet(self, width: int = 80) -> str:
        """The statement's text on one line, shortened to `width` characters."""
        flat = " ".join(self.text.split())
        return flat if len(flat) <= width else flat[: width - 3] + "..."


@dataclass(frozen=True)
class SqlFile:
    """One SQL file: role and version from its place and name, statements in order.

    Roles come from the layout `sql/prerequisites/NNN_*.sql`, `sql/migrations/NNN_*.sql`,
    `sql/rollbacks/NNN_*.rollback.sql`, `sql/checks/*.sql`, and for other paths from the file
    name: `NNN_name.sql` is a migration, `NNN_name.rollback.sql` / `NNN_name_down.sql` /
    `NNN_name.down.sql` a rollback of migration NNN; anything else is `other`.
    """

    path: str
    role: FileRole
    version: int | None
    statements: tuple[Statement, ...]
    problems: tuple[Problem, ...] = ()
    suppressions: tuple[Suppression, ...] = ()  # the file-wide ones
    text: str = field(default="", compare=False, repr=False)
    # a file with dbmate's or goose's up and down sections (`schemacheck.ddl.sections`): the
    # statements after the down marker, as a rollback of this file; `section` says which
    # part of its file a `SqlFile` is ("" for a whole file or its up part, "down")
    down: SqlFile | None = None
    section: str = ""
    # the migration tool the file is written for (`goose`, `dbmate`, `flyway`,
    # `golang-migrate`, or empty), and
    # whether that tool runs this file (or this section of it) inside a transaction it opens
    # and commits itself (`schemacheck.ddl.sections.tool_transactions`)
    tool: str = ""
    tool_transaction: bool = False

    @property
    def ident(self) -> tuple[str, str]:
        """What tells the files of a run apart: the path, and for a down section its name
        (it shares its file's path)."""
        return (self.path, self.section)

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def full_version(self) -> tuple[int, ...] | None:
        """The version with the rest of a Flyway version (`V1.1__x.sql`, `V1_1__x.sql` and
        `U1.1__x.sql` are all (1, 1); `V1.0` is `V1`), None without a version."""
        if self.version is None:
            return None
        parts = (self.version, *_minor_version(self.name))
        while len(parts) > 1 and parts[-1] == 0:
            parts = parts[:-1]
        return parts

    @property
    def sort_key(self) -> tuple[int, int, tuple[int, ...], str]:
        """Role, version, then the rest of a Flyway version (`V1.10__x.sql` after
        `V1.2__x.sql`, both version 1), then the name."""
        version = self.version if self.version is not None else 1 << 62
        return (ROLE_ORDER[self.role], version, _minor_version(self.name), self.name)
