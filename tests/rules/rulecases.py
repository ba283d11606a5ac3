"""The data-driven lint rule cases under `tests/rules/cases/`.

Layout: one directory per rule (`cases/SC001/`), holding small SQL files laid out like a
project (`migrations/NNN_x.sql`, `rollbacks/NNN_x.rollback.sql`, `prerequisites/`, `checks/`,
or loose files). The path below `cases/` gives each file its role and version exactly as
`schemacheck.ddl.classify_path` does for a real project, so a rollback is judged against the
forward migration with the same version beside it.

A directory of a rule directory that is not a role directory (`cases/SC027/no_rollback/`) is
a separate little project. Every project is linted as a whole, with every rule, once.

A file is a case when its leading comment lines say what to expect:

    -- expect: SC001 at 3            (SC001 is raised once, on line 3 of this file, nowhere else)
    -- expect: SC001 at 3, 7, 7      (once on line 3 and twice on line 7)
    -- expect: SC027 at file         (raised for the file as a whole, with no line)
    -- expect: none of SC001, SC025  (neither is raised anywhere in this file)
    -- xfail: why                    (the case states the right behaviour, which the code does
                                      not have yet: the test is a strict xfail)

Files without an `expect` line only give context (a forward migration, a prerequisite).
Only the codes named are compared: other rules may raise what they like.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from schemacheck.ddl import parse_bytes
from schemacheck.findings import Report
from schemacheck.lint import lint_files

CASES = Path(__file__).resolve().parent / "cases"
ROLE_DIRS = frozenset({"prerequisites", "migrations", "rollbacks", "checks"})

_EXPECT = re.compile(r"^--\s*expect\s*:\s*(?P<body>.*)$", re.I)
_XFAIL = re.compile(r"^--\s*xfail\s*:\s*(?P<reason>.+)$", re.I)
_RAISED = re.compile(r"^(?P<code>SC\d{3})\s+at\s+(?P<lines>(?:\d+|file)(?:\s*,\s*(?:\d+|file))*)$")
_NONE = re.compile(r"^none\s+of\s+(?P<codes>SC\d{3}(?:\s*,\s*SC\d{3})*)$")


@dataclass(frozen=True)
class Case:
    """One case file: what must be raised where, and what must not be raised at all."""

    path: Path
    root: Path
    raised: tuple[tuple[str, int], ...]
    absent: tuple[str, ...]
    xfail: str | None

    @property
    def id(self) -> str:
        return self.path.relative_to(CASES).as_posix()

    @property
    def lint_path(self) -> str:
        return self.id

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(c for c, _ in self.raised) | frozenset(self.absent)


def _header(data: bytes) -> list[str]:
    """The leading comment lines of a file."""
    out: list[str] = []
    for raw in data.decode("utf-8", "replace").splitlines():
        line = raw.strip()
        if not line.startswith("--"):
            break
        out.append(line)
    return out


def _line(text: str) -> int:
    """A line number; `file` (a finding on the whole file) is line 0."""
    text = text.strip()
    return 0 if text == "file" else int(text)


def read_case(path: Path, root: Path) -> Case | None:
    """The case a file states, None for a context-only file; ValueError on a malformed line."""
    raised: list[tuple[str, int]] = []
    absent: list[str] = []
    xfail: str | None = None
    for line in _header(path.read_bytes()):
        m = _EXPECT.match(line)
        if m:
            body = m.group("body").strip()
            r, n = _RAISED.match(body), _NONE.match(body)
            if r:
                raised.extend((r.group("code"), _line(x)) for x in r.group("lines").split(","))
            elif n:
                absent.extend(c.strip() for c in n.group("codes").split(","))
            else:
                raise ValueError(
                    f"{path}: cannot read `{line}` (write `-- expect: SC001 at 3` "
                    "or `-- expect: none of SC001`)"
                )
            continue
        x = _XFAIL.match(line)
        if x:
            xfail = x.group("reason").strip()
    if not raised and not absent:
        if xfail is not None:
            raise ValueError(f"{path}: an xfail line without any expect line")
        return None
    both = {c for c, _ in raised} & set(absent)
    if both:
        raise ValueError(f"{path}: {', '.join(sorted(both))} both expected and excluded")
    return Case(path, root, tuple(sorted(raised)), tuple(sorted(set(absent))), xfail)


def roots() -> list[Path]:
    """Every little project: each rule directory and each non-role directory inside one."""
    out: list[Path] = []
    for rule_dir in sorted(p for p in CASES.iterdir() if p.is_dir()):
        out.append(rule_dir)
        out.extend(sorted(p for p in rule_dir.iterdir() if p.is_dir() and p.name not in ROLE_DIRS))
    return out


def files_of(root: Path) -> Iterator[Path]:
    """The SQL files of one project (not those of the projects nested in it)."""
    for p in sorted(root.rglob("*.sql")):
        rel = p.relative_to(root).parts
        if len(rel) > 1 and rel[0] not in ROLE_DIRS:
            continue
        yield p


def all_cases() -> list[Case]:
    out: list[Case] = []
    for root in roots():
        for p in files_of(root):
            case = read_case(p, root)
            if case is not None:
                out.append(case)
    return out


@functools.cache
def lint_root(root: Path) -> Report:
    """Lint one project with every rule, each file parsed under its path below `cases/`."""
    files = [parse_bytes(p.read_bytes(), p.relative_to(CASES).as_posix()) for p in files_of(root)]
    return lint_files(files)


def found_lines(case: Case) -> dict[str, list[int]]:
    """code -> the lines of this case's file where it is raised, once per finding, sorted
    (for the codes the case names; 0 for a finding on the whole file)."""
    out: dict[str, list[int]] = {c: [] for c in case.codes}
    for f in lint_root(case.root).findings:
        if f.location.path == case.lint_path and f.code in out:
            out[f.code].append(f.location.line)
    return {c: sorted(lines) for c, lines in out.items()}
