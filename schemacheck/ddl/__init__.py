"""SQL files -> statements with file:line, kind and recovered facts (see `statement` for the
model and `parse` for the functions)."""

from schemacheck.ddl.parse import (
    classify_path,
    discover,
    pair_rollbacks,
    parse_bytes,
    parse_file,
    parse_text,
)
from schemacheck.ddl.statement import (
    ROLE_ORDER,
    AlterAction,
    ColumnFact,
    ConstraintFact,
    FileRole,
    ObjectName,
    Problem,
    SqlFile,
    Statement,
    StatementFacts,
    Suppression,
    Word,
)

__all__ = [
    "ROLE_ORDER",
    "AlterAction",
    "ColumnFact",
    "ConstraintFact",
    "FileRole",
    "ObjectName",
    "Problem",
    "SqlFile",
    "Statement",
    "StatementFacts",
    "Suppression",
    "Word",
    "classify_path",
    "discover",
    "pair_rollbacks",
    "parse_bytes",
    "parse_file",
    "parse_text",
]
