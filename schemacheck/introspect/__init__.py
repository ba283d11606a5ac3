"""The live catalog: one read-only snapshot (read over two connections that share it), one
query per object kind (`queries/*.sql`)."""

from __future__ import annotations

from schemacheck.introspect.body import body_hash
from schemacheck.introspect.connect import Timeouts, TransactionInfo
from schemacheck.introspect.reader import Introspection, introspect
from schemacheck.introspect.versions import VersionTable

__all__ = [
    "Introspection",
    "Timeouts",
    "TransactionInfo",
    "VersionTable",
    "body_hash",
    "introspect",
]
