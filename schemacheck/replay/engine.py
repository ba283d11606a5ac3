"""Replay files in order (prerequisites, then migrations by version, then other files; never
rollbacks or checks) statement by statement onto one working catalog."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable

from schemacheck.ddl import SqlFile, discover
from schemacheck.model import Catalog
from schemacheck.replay.alter import alter_table
from schemacheck.replay.build import build
from schemacheck.replay.drops import drop
from schemacheck.replay.functions import alter_function, create_function
from schemacheck.replay.indexes import create_index
from schemacheck.replay.objects import (
    alter_index,
    alter_sequence,
    alter_type,
    alter_view,
    create_extension,
    create_schema,
    create_sequence,
    create_type,
    create_view,
    set_search_path,
)
from schemacheck.replay.result import Replay
from schemacheck.replay.state import State
from schemacheck.replay.stmt import StatementView
from schemacheck.replay.tables import create_table
from schemacheck.replay.triggers import alter_trigger, create_trigger

Handler = Callable[[State, StatementView], None]

_DDL = re.compile(r"\b(?:CREATE|ALTER|DROP|COMMENT\s+ON)\b", re.IGNORECASE)


def do_block(state: State, stmt: StatementView) -> None:
    """A DO block runs code the replay does not follow: one whose body holds DDL (often a
    CREATE guarded by an exception handler or IF NOT EXISTS) is listed as not replayed, so
    the objects it names are not judged missing; one without DDL changes nothing."""
    if _DDL.search(stmt.facts.body or stmt.text):
        state.skip(stmt.kind, "DO block with DDL")


HANDLERS: dict[str, Handler] = {
    "do": do_block,
    "create_schema": create_schema,
    "create_extension": create_extension,
    "create_table": create_table,
    "alter_table": alter_table,
    "create_index": create_index,
    "alter_index": alter_index,
    "create_function": create_function,
    "create_procedure": create_function,
    "alter_function": alter_function,
    "alter_procedure": alter_function,
    "alter_routine": alter_function,
    "create_trigger": create_trigger,
    "alter_trigger": alter_trigger,
    "create_sequence": create_sequence,
    "alter_sequence": alter_sequence,
    "create_view": create_view,
    "create_materialized_view": create_view,
    "alter_view": alter_view,
    "alter_materialized_view": alter_view,
    "create_type": create_type,
    "alter_type": alter_type,
    "set": set_search_path,
    "reset": set_search_path,
    **{
        kind: drop
        for kind in (
            "drop_table",
            "drop_index",
            "drop_function",
            "drop_procedure",
            "drop_routine",
            "drop_trigger",
            "drop_view",
            "drop_materialized_view",
            "drop_sequence",
            "drop_type",
            "drop_schema",
            "drop_extension",
        )
    },
}

NO_OPS = frozenset(
    {
        "comment",
        "grant",
        "revoke",
        "insert",
        "update",
        "delete",
        "merge",
        "select",
        "values",
        "truncate",
        "copy",
        "call",
        "reset",
        "show",
        "begin",
        "commit",
        "rollback",
        "savepoint",
        "release_savepoint",
        "rollback_to_savepoint",
        "prepare_transaction",
        "commit_prepared",
        "rollback_prepared",
        "analyze",
        "vacuum",
        "cluster",
        "reindex",
        "refresh_materialized_view",
        # the model holds no collations (an index key names one as written)
        "create_collation",
        "alter_collation",
        "drop_collation",
        "lock",
        "explain",
        "listen",
        "notify",
        "unlisten",
        "discard",
        "checkpoint",
        "security_label",
        "alter_default_privileges",
        "create_role",
        "alter_role",
        "drop_role",
        "create_user",
        "alter_user",
        "drop_user",
        "create_policy",
        "alter_policy",
        "drop_policy",
        "alter_system",
        "end",
        "abort",
        "start_transaction",
    }
)
"""Statements that change nothing the catalog model holds: data, transactions, privileges,
roles, policies, comments, maintenance."""

FORWARD_ROLES = ("prerequisite", "migration", "other")


def replay(files: Iterable[SqlFile], *, roles: Iterable[str] = FORWARD_ROLES) -> Replay:
    """Replay the files of the given roles in order; never raises on SQL it does not know."""
    wanted = set(roles)
    chosen = sorted((f for f in files if f.role in wanted), key=lambda f: f.sort_key)
    state = State()
    for sql_file in chosen:
        state.search_path = ["public"]  # each file runs in a session of its own
        for statement in sql_file.statements:
            replay_statement(state, statement)
    objects, locations, assumed = build(state)
    return Replay(
        catalog=Catalog.of(objects, source="static replay"),
        skipped=tuple(state.skipped),
        locations=locations,
        assumed=assumed,
        files=tuple(f.path for f in chosen),
        roles=frozenset(f.role for f in chosen),
    )


def replay_paths(
    paths: Iterable[str | os.PathLike[str]], *, roles: Iterable[str] = FORWARD_ROLES
) -> Replay:
    """Discover and parse the `.sql` files under `paths`, then replay them."""
    return replay(discover(paths), roles=roles)


def replay_statement(state: State, statement: StatementView) -> None:
    """Apply one statement; what is not understood is recorded in `state.skipped`."""
    state.here = statement.location
    kind = statement.kind
    state.kind = kind
    handler = HANDLERS.get(kind)
    if handler is not None:
        try:
            handler(state, statement)
        except Exception as exc:  # a replay gap must never stop the run: report it instead
            state.skip(kind, f"replay error: {type(exc).__name__}: {exc}")
    elif kind not in NO_OPS:
        state.skip(kind)
