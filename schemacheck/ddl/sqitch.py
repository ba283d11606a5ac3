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

`sqitch.conf`, in the folder sqitch runs in, can place the plan and the scripts elsewhere
(git's config format; a path is relative to the conf's folder):

    [core]
        top_dir = db                    # default: the conf's folder
        plan_file = db/flipr.plan       # default: $top_dir/sqitch.plan
        deploy_dir = db/changes         # default: $top_dir/deploy (revert_dir, verify_dir alike)
    [engine "pg"]
        top_dir = pg                    # the same keys, for PostgreSQL only: they win over core's
        target = prod                   # [target "prod"]'s keys win over both

- `read_conf(bytes or path) -> Conf`: only the keys that place files are kept; a line that
  cannot be read is skipped and its number kept (sqitch would refuse the file); `OSError` when
  a path cannot be read.
- `locate(path parts) -> Located | None`: the project (a folder with `sqitch.conf` or
  `sqitch.plan`, the nearest above the file whose deploy, revert or verify folder holds it),
  which of those folders, and the change the file is a script of, at any depth below it
  (`deploy/app/users/table.sql` is the change `app/users/table`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

PLAN_FILE = "sqitch.plan"
CONF_FILE = "sqitch.conf"
# the folders of a change's scripts, as `Located.kind` names them
KINDS = ("deploy", "revert", "verify")
# the engine whose settings apply: schemacheck checks PostgreSQL's scripts
ENGINE = "pg"

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


# ---------------------------------------------------------------- sqitch.conf

# the keys that place a project's files; every other key of the file is ignored
_PLACING = frozenset({"top_dir", "plan_file", *(f"{k}_dir" for k in KINDS), "target"})
_SECTION = re.compile(
    r'^\[\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:"(?P<sub>(?:[^"\\]|\\.)*)")?\s*\]\s*'
    r"(?:[#;].*)?$"
)
_KEY = re.compile(r"^(?P<key>[A-Za-z][A-Za-z0-9_-]*)\s*(?:=(?P<value>.*))?$")
_UNESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", '"': '"', "\\": "\\"}


@dataclass(frozen=True)
class Conf:
    """The settings of a `sqitch.conf` that place files, by section (`core`, `engine.pg`,
    `target.prod`) and key, and the 1-based numbers of the lines it could not read."""

    settings: dict[tuple[str, str], str] = field(default_factory=dict)
    skipped: tuple[int, ...] = ()

    def get(self, key: str) -> str | None:
        """`key` as sqitch resolves it for PostgreSQL: the target's section (named by
        `engine.pg.target`, else `core.target`), then `[engine "pg"]`, then `[core]`."""
        target = self.settings.get((f"engine.{ENGINE}", "target")) or self.settings.get(
            ("core", "target")
        )
        sections = [f"engine.{ENGINE}", "core"]
        if target and ":" not in target:  # a URI names no section
            sections.insert(0, f"target.{target}")
        return next(
            (v for sec in sections if (v := self.settings.get((sec, key))) is not None), None
        )


def _value(raw: str) -> str | None:
    """A value as git's config reads it: quotes joined, escapes read, a `#` or `;` outside
    quotes starting a comment, blanks at the ends dropped; None when a quote or an escape is
    left open."""
    raw = raw.lstrip()
    out: list[str] = []
    quoted = False
    kept = 0  # length of `out` up to the last character that is no unquoted blank
    i = 0
    while i < len(raw):
        c = raw[i]
        if c == "\\":
            if i + 1 >= len(raw) or raw[i + 1] not in _ESCAPES:
                return None
            out.append(_ESCAPES[raw[i + 1]])
            kept = len(out)
            i += 2
            continue
        if c == '"':
            quoted = not quoted
        elif not quoted and c in "#;":
            break
        else:
            out.append(c)
            if quoted or not c.isspace():
                kept = len(out)
        i += 1
    if quoted:
        return None
    return "".join(out[:kept])


def read_conf(source: bytes | str | os.PathLike[str]) -> Conf:
    """The settings that place files in a `sqitch.conf` (its bytes, or the path of the
    file)."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    settings: dict[tuple[str, str], str] = {}
    skipped: list[int] = []
    section: str | None = None
    lines = text.splitlines()
    number = 0
    while number < len(lines):
        number += 1
        start = number
        line = lines[number - 1].strip()
        # a value continued on the next line ends with a backslash
        while line.endswith("\\") and not line.endswith("\\\\") and number < len(lines):
            number += 1
            line = line[:-1] + lines[number - 1].strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            m = _SECTION.match(line)
            if m is None:
                section = None  # its keys would land in an unknown section: skip them too
                skipped.append(start)
                continue
            name = m.group("name").lower()
            sub = m.group("sub")
            if sub is not None:
                name += "." + _UNESCAPE.sub(r"\1", sub)
            section = name
            continue
        k = _KEY.match(line)
        value = _value(k.group("value") or "") if k is not None else None
        if k is None or section is None or value is None:
            skipped.append(start)
            continue
        key = k.group("key").lower()
        if key in _PLACING and k.group("value") is not None:
            settings[(section, key)] = value
    return Conf(settings, tuple(skipped))


# ---------------------------------------------------------------- projects


@dataclass(frozen=True)
class Project:
    """A sqitch project: its folder (the one holding `sqitch.conf` or `sqitch.plan`), its plan
    file, the folder of each kind of script (as path parts), and its conf when it has one."""

    root: str
    plan_file: str
    dirs: dict[str, tuple[str, ...]]
    conf_file: str | None = None
    conf: Conf = field(default_factory=Conf)

    @property
    def plan(self) -> Plan | None:
        """The project's plan, None when its file cannot be read; read once until `forget()`."""
        return _plan_of(self.plan_file)


@dataclass(frozen=True)
class Located:
    """Where a script file is in a project: the kind of its folder (`deploy`, `revert`,
    `verify`), how many levels up that folder is (1: the file's parent) and its change's
    name (`app/users/table`, `users@v1.0`)."""

    project: Project
    kind: str
    depth: int
    script: str


def project_at(folder: Sequence[str]) -> Project | None:
    """The project whose `sqitch.conf` or `sqitch.plan` is in `folder` (path parts; none: the
    current folder), None when neither is; looked up once until `forget()`."""
    key = tuple(folder)
    try:
        return _PROJECTS[key]
    except KeyError:
        pass
    root = os.path.join(*key) if key else ""
    conf_file = os.path.join(root, CONF_FILE)
    conf = Conf()
    has_conf = os.path.isfile(conf_file)
    if has_conf:
        try:
            conf = read_conf(conf_file)
        except OSError:
            conf = Conf(skipped=(0,))  # unreadable (line 0: all of it): sqitch's defaults
    project: Project | None = None
    if has_conf or os.path.isfile(os.path.join(root, PLAN_FILE)):
        top = conf.get("top_dir") or "."

        def placed(setting: str | None, default: str) -> str:
            return os.path.normpath(os.path.join(root, setting or os.path.join(top, default)))

        project = Project(
            root,
            placed(conf.get("plan_file"), PLAN_FILE),
            {k: Path(placed(conf.get(f"{k}_dir"), k)).parts for k in KINDS},
            conf_file if has_conf else None,
            conf,
        )
    _PROJECTS[key] = project
    return project


def locate(parts: Sequence[str]) -> Located | None:
    """Where the `.sql` file of path `parts` is in a sqitch project: the nearest project above
    it whose deploy, revert or verify folder holds it; None when none does."""
    if len(parts) < 2 or not parts[-1].lower().endswith(".sql"):
        return None
    folder = tuple(parts[:-1])
    try:
        place = _PLACES[folder]
    except KeyError:
        place = _PLACES[folder] = _place(folder)
    if place is None:
        return None
    project, kind, below = place
    return Located(project, kind, len(below) + 1, "/".join((*below, parts[-1][:-4])))


def _place(folder: tuple[str, ...]) -> tuple[Project, str, tuple[str, ...]] | None:
    """The project, kind and folders below the kind's folder of the files in `folder`."""
    for up in range(len(folder), -1, -1):
        project = project_at(folder[:up])
        if project is None:
            continue
        # the deepest of the project's folders holding this one (deploy_dir may be `.`)
        held = [(len(d), k) for k, d in project.dirs.items() if folder[: len(d)] == d]
        if held:
            size, kind = max(held)
            return project, kind, folder[size:]
    return None


_PROJECTS: dict[tuple[str, ...], Project | None] = {}
_PLACES: dict[tuple[str, ...], tuple[Project, str, tuple[str, ...]] | None] = {}
_PLANS: dict[str, Plan | None] = {}


def _plan_of(plan_file: str) -> Plan | None:
    try:
        return _PLANS[plan_file]
    except KeyError:
        pass
    plan: Plan | None
    try:
        plan = read_plan(plan_file)
    except (OSError, ValueError):
        plan = None
    _PLANS[plan_file] = plan
    return plan


def plan_in(directory: str) -> Plan | None:
    """The plan of the sqitch project in `directory` (the one its `sqitch.conf` names, else
    `sqitch.plan` there), None when there is none or it cannot be read; read once until
    `forget()`."""
    project = project_at(Path(directory).parts if directory else ())
    return project.plan if project is not None else None


def forget() -> None:
    """Drop the projects and plans read so far: the next look reads the files again."""
    _PROJECTS.clear()
    _PLACES.clear()
    _PLANS.clear()
