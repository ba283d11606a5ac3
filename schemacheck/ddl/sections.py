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

from schemacheck.ddl.lexer import Comment, blank_out, lex
from schemacheck.ddl.statement import SqlFile, Statement

# the comment's text after `--`: `migrate:up [options]`, `+goose Up`
_UP = re.compile(r"^\s*(?:migrate:up|\+goose\s+up)\b", re.I)
_DOWN = re.compile(r"^\s*(?:migrate:down|\+goose\s+down)\b", re.I)


def down_marker(text: str, comments: Sequence[Comment]) -> int | None:
    """The offset of the down marker of a file with both markers, up first (`comments` are
    the file's comments as the lexer found them); None when it has no sections. A marker is a
    `--` comment at the start of its line, as both tools read them (dbmate's
    `^--\\s*migrate:down`, goose's annotations "on their own line, no leading whitespace").
    The marker also ends a statement: the tools split the text there before running it."""
    up_seen = False
    for c in comments:
        if not text.startswith("--", c.start) or (c.start and text[c.start - 1] != "\n"):
            continue
        if not up_seen:
            up_seen = _UP.match(c.text) is not None
        elif _DOWN.match(c.text):
            return c.start
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


def section_text(text: str, which: str) -> str:
    """The part of a file's `text` that is section `which` (`up` or `down`), the rest blanked
    with its newlines kept (lines stay where they are); the whole text for a file without
    sections, as the tools run such a file whole as its up part (and have no down part)."""
    lexed = lex(text)
    at = down_marker(text, lexed.comments)
    if at is None:
        return text if which == "up" else ""
    return blank_out(text, [(at, len(text))] if which == "up" else [(0, at)])


def with_sections(files: Sequence[SqlFile]) -> list[SqlFile]:
    """`files` with each down section after its file."""
    out: list[SqlFile] = []
    for f in files:
        out.append(f)
        if f.down is not None:
            out.append(f.down)
    return out
