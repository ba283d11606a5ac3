"""sqitch's plan: the order in which a sqitch project deploys its changes.

A sqitch project keeps `deploy/x.sql`, `revert/x.sql` and `verify/x.sql` for each change and
deploys the changes in the order of `sqitch.plan`, the file beside `deploy/`:

    %syntax-version=1.0.0
    %project=flipr

    appschema 2013-12-30T23:19:29Z Marge N. <marge@example.com> # App schema.
    users [appschema] 2013-12-30T23:49:00Z Marge N. <marge@example.com> # Creates table.
    @v1.0.0 2013-12-31T00:00:00Z Marge N. <marge@example.com> # Tag v1.0.0.
    users [users@v1.0.0] 2014-01-02T00:00:00Z Marge N. <marge@example.com> # Reworked.

Blank lines and `#` comments are skipped, `%` lines are pragmas, `@` lines tags; a change line
is the change's name, its dependencies in brackets, a timestamp, the planner and a note. A change
planned again later (reworked, after a tag) keeps its earlier scripts under the name of a tag
between the two (`deploy/users@v1.0.0.sql`); the plain name is the latest one's.

- `read_plan(bytes or path) -> Plan`: never raises on what the file holds (a line it cannot read
  is skipped); `OSError` when a path cannot be read.
- `plan_in(directory) -> Plan | None`: the plan of the project in `directory`, read at most once
  until `forget()` (a run of lint starts with it: `schemacheck.ddl.parse.sql_files`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

PLAN_FILE = "sqitch.plan"

# a change or tag name: no blanks and none of `:@#\` (sqitch's own rules are stricter, but a
# lenient reader only needs to find where the name ends)
_NAME = r"[^\s:@#\\\[\]]+"
_TIMESTAMP = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"
# `+name` deploys the change; a `-name` line (an old syntax to revert one) is not a change
_CHANGE = re.compile(
    rf"^\+?\s*(?P<name>(?![+-]){_NAME})\s*(?:\[(?P<deps>[^\]]*)\])?\s+(?P<ts>{_TIMESTAMP})(?:\s|$)"
)
_TAG = re.compile(rf"^@(?P<name>{_NAME})\s+(?P<ts>{_TIMESTAMP})(?:\s|$)")
_PRAGMA = re.compile(r"^%\s*(?P<key>[^\s=]+)\s*(?:=\s*(?P<value>.*?))?\s*$")


@dataclass(frozen=True)
class Change:
    """One change line: its name, the name of its scripts (`users@v1.0.0` for an instance
    reworked later), its 1-based position in the plan and its dependencies as written."""

    name: str
    script: str
    position: int
    requires: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    """The changes of a plan in deploy order, its tags in order, its pragmas, and the position
    of each script name (every tag between a change and its rework names the earlier one's)."""

    changes: tuple[Change, ...] = ()
    tags: tuple[str, ...] = ()
    pragmas: dict[str, str] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)

    @property
    def project(self) -> str | None:
        return self.pragmas.get("project")

    @property
    def names(self) -> tuple[str, ...]:
        """The script name of each change, in deploy order."""
        return tuple(c.script for c in self.changes)

    def position(self, script: str) -> int | None:
        """The 1-based position of the change whose scripts are named `script` (`users`,
        `users@v1.0.0`, `schema/users`), None when the plan has no such change."""
        return self.positions.get(script)


def read_plan(source: bytes | str | os.PathLike[str]) -> Plan:
    """The plan in `source` (its bytes, or the path of the file)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    entries: list[tuple[str, tuple[str, ...]]] = []  # changes and tags ("@tag", ()) in order
    pragmas: dict[str, str] = {}
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("%"):
            p = _PRAGMA.match(line)
            if p is not None:
                pragmas[p.group("key")] = p.group("value") or ""
            continue
        if line.startswith("@"):
            t = _TAG.match(line)
            if t is not None:
                entries.append(("@" + t.group("name"), ()))
            continue
        m = _CHANGE.match(line)
        if m is not None:
            entries.append((m.group("name"), tuple((m.group("deps") or "").split())))
    return _plan(entries, pragmas)


def _plan(entries: list[tuple[str, tuple[str, ...]]], pragmas: dict[str, str]) -> Plan:
    """Positions and script names: an instance of a change planned again later is named with
    the tags between it and the next instance (sqitch takes the first of them that has a file;
    each of them is taken here)."""
    changes: list[Change] = []
    tags: list[str] = []
    positions: dict[str, int] = {}
    latest: dict[str, tuple[int, int]] = {}  # name -> (its latest position, tags before it)
    for name, deps in entries:
        if name.startswith("@"):
            tags.append(name[1:])
            continue
        position = len(changes) + 1
        earlier = latest.get(name)
        if earlier is not None:
            at, seen = earlier
            since = tags[seen:]
            for tag in since:
                positions.setdefault(f"{name}@{tag}", at)
            if since:
                old = changes[at - 1]
                changes[at - 1] = Change(
                    old.name, f"{name}@{since[0]}", old.position, old.requires, old.conflicts
                )
        positions[name] = position
        latest[name] = (position, len(tags))
        requires = tuple(d for d in deps if not d.startswith("!"))
        conflicts = tuple(d[1:] for d in deps if d.startswith("!") and len(d) > 1)
        changes.append(Change(name, name, position, requires, conflicts))
    return Plan(tuple(changes), tuple(tags), pragmas, positions)


_PLANS: dict[str, Plan | None] = {}


def plan_in(directory: str) -> Plan | None:
    """The plan of the sqitch project in `directory` (`sqitch.plan` there), None when there is
    none or it cannot be read; read once until `forget()`."""
    try:
        return _PLANS[directory]
    except KeyError:
        pass
    plan: Plan | None
    try:
        plan = read_plan(os.path.join(directory or ".", PLAN_FILE))
    except (OSError, ValueError):
        plan = None
    _PLANS[directory] = plan
    return plan


def forget() -> None:
    """Drop the plans read so far: the next `plan_in` reads the file again."""
    _PLANS.clear()
