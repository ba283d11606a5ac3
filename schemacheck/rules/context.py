"""What a rule sees (`Context`) and what it returns (`Hit`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schemacheck.ddl.statement import ObjectName, SqlFile, Statement

DEFAULT_SCHEMA = "public"


def qualified(name: ObjectName | None) -> str:
    """`schema.name`, unqualified names standing for `public` (or for the first schema of
    the file's search path: `ObjectName.implied`)."""
    if name is None:
        return ""
    return f"{name.schema or name.implied or DEFAULT_SCHEMA}.{name.name}"  # `schema_of`, inline


def schema_of(name: ObjectName) -> str:
    """The schema `name` is in: as written, else the search path's, else `public`."""
    return name.schema or name.implied or DEFAULT_SCHEMA


_TABLE_KINDS = frozenset({"create_table", "alter_table"})


class History:
    """What every file of a run holds, indexed once so that rules asking about the statements
    before the current one look them up instead of rescanning every earlier file.

    `table_statements(ctx, table)` are the CREATE TABLE and ALTER TABLE statements on `table`
    (qualified) in the files before the current one and earlier in the current file, in order:
    the statements of `ctx.earlier_files` and `ctx.earlier_statements` whose table is `table`.
    `memo` is a place for rules to keep per-run results (see `schemacheck.rules._common`)."""

    def __init__(self, files: tuple[SqlFile, ...]) -> None:
        self.files = files
        self._position: dict[tuple[str, str], int] = {}
        self._by_table: dict[str, list[tuple[int, Statement]]] = {}
        self.memo: dict[Any, Any] = {}
        for i, f in enumerate(files):
            self._position.setdefault(f.ident, i)
            for s in f.statements:
                key = _table_key(s)
                if key is not None:
                    self._by_table.setdefault(key, []).append((i, s))

    def position(self, file: SqlFile) -> int:
        """How many files come before `file` (all of them when it is not among them)."""
        return self._position.get(file.ident, len(self.files))

    def table_statements(self, ctx: Context, table: str) -> list[Statement]:
        before = self.position(ctx.file)
        found = self._by_table.get(table, ())
        if before < len(self.files) and self.files[before] is ctx.file:
            # the current file's own statements are indexed too: those before this one
            upto = ctx.statement.index if ctx.statement is not None else 0
            return [s for i, s in found if i < before or (i == before and s.index < upto)]
        out = [s for i, s in found if i < before]
        out.extend(s for s in ctx.earlier_statements if _table_key(s) == table)
        return out


def _table_key(s: Statement) -> str | None:
    if s.kind not in _TABLE_KINDS:
        return None
    return qualified(s.facts.name if s.kind == "create_table" else s.facts.table)


@dataclass(frozen=True)
class Hit:
    """One thing a rule found. The engine adds the rule's code, slug, severity and help and,
    unless `line` is given, the location of `statement` (default: the statement checked)."""

    message: str
    object: str = ""
    statement: Statement | None = None
    line: int = 0
    column: int = 0
    help: str | None = None


@dataclass(frozen=True)
class Context:
    """A rule's view: the statement (for statement rules), its file, every file of the run in
    order, the paired forward migration (for a rollback) or rollback (for a migration), the
    target PostgreSQL major (None: any supported, assume 11 or later), and the tables created
    earlier in the same file (qualified names, `public` for unqualified ones)."""

    file: SqlFile
    files: tuple[SqlFile, ...] = ()
    forward: SqlFile | None = None
    rollback: SqlFile | None = None
    target_major: int | None = None
    statement: Statement | None = None
    new_tables: frozenset[str] = frozenset()
    run: History | None = field(default=None, compare=False, repr=False)

    @property
    def stmt(self) -> Statement:
        if self.statement is None:
            raise ValueError("a statement rule was called without a statement")
        return self.statement

    @property
    def earlier_statements(self) -> tuple[Statement, ...]:
        """Statements of the same file before the current one."""
        if self.statement is None:
            return ()
        return self.file.statements[: self.statement.index]

    @property
    def earlier_files(self) -> tuple[SqlFile, ...]:
        out: list[SqlFile] = []
        for f in self.files:
            if f.ident == self.file.ident:
                break
            out.append(f)
        return tuple(out)

    @property
    def history(self) -> History:
        """The run's `History` (built here from `files` when the engine gave none)."""
        return self.run if self.run is not None else History(self.files)

    def is_new_table(self, name: ObjectName | None) -> bool:
        """Created earlier in the same file (so empty and invisible to others: no lock worry)."""
        return name is not None and qualified(name) in self.new_tables

    def pg_at_least(self, major: int) -> bool:
        return self.target_major is None or self.target_major >= major
