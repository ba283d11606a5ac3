"""Static replay: what migrations will produce, without a database.

`replay(files)` applies parsed DDL statements (prerequisite files first, then migrations by
version) onto the catalog model and returns a frozen `Replay`: the static `Catalog`, where
each object was created, and every statement it could not replay (`not replayed:
<file>:<line> <statement kind>`), never an exception.
"""

from schemacheck.replay.engine import FORWARD_ROLES, replay, replay_paths, replay_statement
from schemacheck.replay.result import Replay, Skipped

__all__ = ["FORWARD_ROLES", "Replay", "Skipped", "replay", "replay_paths", "replay_statement"]
