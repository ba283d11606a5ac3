"""What a rule sees (`Context`) and what it returns (`Hit`)."""

from __future__ import annotations

from dataclasses import dataclass

from schemacheck.ddl.statement import ObjectName, SqlFile, Statement

DEFAULT_SCHEMA = "public"


def qualified(name: ObjectName | None) -> str:
    """`schema.name`, unqualified names standing for `public`."""
    if name is None:
        return ""
    return name.with_default_schema(DEFAULT_SCHEMA).qualified


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
            if f.path == self.file.path:
                break
            out.append(f)
        return tuple(out)

    def is_new_table(self, name: ObjectName | None) -> bool:
        """Created earlier in the same file (so empty and invisible to others: no lock worry)."""
        return name is not None and qualified(name) in self.new_tables

    def pg_at_least(self, major: int) -> bool:
        return self.target_major is None or self.target_major >= major
