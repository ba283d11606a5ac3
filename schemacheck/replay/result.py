"""What a replay returns: the static catalog, where each object was created, and every
statement (or part of one) it could not replay."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from schemacheck.findings import Location
from schemacheck.model import Catalog, ObjectRef


@dataclass(frozen=True, order=True)
class Skipped:
    """A statement, or one action of it, the replay did not apply to the catalog."""

    location: Location
    kind: str
    detail: str = ""

    def __str__(self) -> str:
        where = f"{self.location.path}:{self.location.line}"
        extra = f" ({self.detail})" if self.detail else ""
        return f"not replayed: {where} {self.kind}{extra}"


@dataclass(frozen=True)
class Replay:
    """The static catalog the files produce.

    `locations` maps each object to the statement that created it; `assumed` lists tables
    the files alter or reference but never create (they come from earlier migrations);
    `files` are the replayed paths in replay order, `roles` their roles."""

    catalog: Catalog
    skipped: tuple[Skipped, ...] = ()
    locations: Mapping[ObjectRef, Location] = field(default_factory=dict)
    assumed: frozenset[ObjectRef] = frozenset()
    files: tuple[str, ...] = ()
    roles: frozenset[str] = frozenset()

    @property
    def not_replayed(self) -> tuple[str, ...]:
        """Each skipped statement as `not replayed: <file>:<line> <statement kind>`."""
        return tuple(str(s) for s in self.skipped)
