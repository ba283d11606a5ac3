"""Migration files that hold their own rollback: dbmate's `-- migrate:up` / `-- migrate:down`
and goose's `-- +goose Up` / `-- +goose Down` sections.

The statements after the down marker undo the ones before it: they are judged as a rollback
paired with the up section (`SqlFile.down`), not as more forward changes. Both sections keep
the file's path and line numbers; the down section has the role `rollback`, the version of the
file and its own statement indices (0, 1, ...).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from schemacheck.ddl.statement import SqlFile, Statement

# the comment's text after `--`: `migrate:up [options]`, `+goose Up`
_UP = re.compile(r"^\s*(?:migrate:up|\+goose\s+up)\b", re.I)
_DOWN = re.compile(r"^\s*(?:migrate:down|\+goose\s+down)\b", re.I)


def down_marker_line(comments: Sequence[tuple[int, str]]) -> int | None:
    """The line of the down marker of a file with both markers, up first (`comments` are the
    file's `--` comments as (line, text after `--`)); None when the file has no sections."""
    up_line: int | None = None
    for line, text in comments:
        if up_line is None:
            if _UP.match(text):
                up_line = line
        elif _DOWN.match(text):
            return line
    return None


def split(f: SqlFile, down_line: int) -> SqlFile:
    """`f` with the statements after `down_line` moved to its down section. An empty down
    section (a migration that is not to be undone) makes none: the file has no rollback."""
    up = tuple(s for s in f.statements if s.line < down_line)
    down = tuple(
        _renumbered(s, i) for i, s in enumerate(s for s in f.statements if s.line > down_line)
    )
    if not down:
        return f
    section = dataclasses.replace(
        f, role="rollback", statements=down, problems=(), section="down", down=None
    )
    return dataclasses.replace(f, statements=up, down=section)


def _renumbered(s: Statement, index: int) -> Statement:
    return dataclasses.replace(s, index=index, parsed=s.parsed)


def with_sections(files: Sequence[SqlFile]) -> list[SqlFile]:
    """`files` with each down section after its file."""
    out: list[SqlFile] = []
    for f in files:
        out.append(f)
        if f.down is not None:
            out.append(f.down)
    return out
