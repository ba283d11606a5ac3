"""Static replay: what migrations will produce, without a database.

`replay(files)` applies parsed DDL statements (prerequisite files first, then migrations by
version) onto the catalog model and returns a frozen `Replay`: the static `Catalog`, where
each object was created, and every statement it could not replay (`not replayed:
<file>:<line> <statement kind>`), never an exception.

The engine is imported on first use: the lint rules import `schemacheck.replay.names` (how
PostgreSQL truncates and chooses names) at every start, and the engine brings the
introspection and psycopg with it (90 ms of a re-run that takes 0.5 s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schemacheck.replay.engine import FORWARD_ROLES, replay, replay_paths, replay_statement
    from schemacheck.replay.result import Replay, Skipped

__all__ = ["FORWARD_ROLES", "Replay", "Skipped", "replay", "replay_paths", "replay_statement"]
_FROM_ENGINE = frozenset({"FORWARD_ROLES", "replay", "replay_paths", "replay_statement"})


def __getattr__(name: str) -> Any:
    if name in _FROM_ENGINE:
        from schemacheck.replay import engine

        return getattr(engine, name)
    if name in ("Replay", "Skipped"):
        from schemacheck.replay import result

        return getattr(result, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
