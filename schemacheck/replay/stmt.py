"""The statement type the replay reads: `schemacheck.ddl`'s `Statement` (text, kind,
sqlglot tree, token-level facts, location)."""

from __future__ import annotations

from schemacheck.ddl import Statement

StatementView = Statement
