"""A statement of a goose migration that goose cuts in pieces: a line inside it ends in `;`.

goose (pressly/goose) does not read SQL: it reads a migration file line by line and, outside
`-- +goose StatementBegin` / `-- +goose StatementEnd`, ends the statement at every line whose
last word before any `--` comment ends in `;`. It sends each piece to PostgreSQL on its own.
A function or DO block whose body has such lines, or a string literal holding one, is cut
there: the first piece fails (`unterminated dollar-quoted string`, SQLSTATE 42601) and the
migration with it. PostgreSQL itself would have run the file; only goose's splitting breaks it.

goose knows nothing of `/* */` comments either: a comment line ending in `;`, before, between
or inside statements, ends a statement there. goose sends `/* ...;` alone, which PostgreSQL
refuses (unterminated /* comment, 42601), then the rest of the comment with the statement
after it, which fails too; after the last statement of a section, goose finds the rest of the
comment unfinished and refuses the file. End the comment's lines without `;`, write `--`
comments, or wrap the statement and its comment in StatementBegin/End.

The finding is on the line where goose cuts the statement. The same holds in the
`-- +goose Down` section. A `StatementBegin` that is not closed by a `StatementEnd` before the
next `StatementBegin`, the `Down` annotation or the end of the file, and a `StatementEnd`
without its `StatementBegin`, are reported too: goose refuses the whole file. So are the other
files goose refuses: anything but `--` comments and blank lines before the `-- +goose Up`
annotation (SQL, a `/* */` comment), a second `Up`, a `Down` without an `Up` before it, an
annotation with whitespace before its `--` or one goose does not know, and a last statement of
a section without its `;` ("missing semicolon").
Annotations are read as goose reads them (at the start of their line, in any letter case);
files without any goose annotation are not goose files and are not looked at.

## Bad

```sql
-- +goose Up
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- +goose Down
DROP FUNCTION IF EXISTS touch_updated_at();
```

## Good

```sql
-- +goose Up
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION touch_updated_at() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION IF EXISTS touch_updated_at();
```
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from schemacheck.ddl.statement import Statement
from schemacheck.findings import Severity
from schemacheck.goose_parse import GO_SPACE, GooseRefused, ends_with_semicolon, extract_annotation
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule

FIX = "wrap it in -- +goose StatementBegin / -- +goose StatementEnd"

# goose's annotations (as `schemacheck.goose_parse` names them) that split a file
_KINDS = {"Up": "up", "Down": "down", "StatementBegin": "begin", "StatementEnd": "end"}


def annotation(line: str) -> str | None:
    """What a goose annotation line says (`up`, `down`, `begin`, `end`; `other` for the ones
    that split nothing; `indented` or `unknown` for those goose refuses), None for any other
    line. goose takes a line that starts with `--` after its blanks and holds `+goose` for an
    annotation (`schemacheck.goose_parse.extract_annotation`)."""
    if "+goose" not in line or not line.strip(GO_SPACE).startswith("--"):
        return None
    try:
        cmd = extract_annotation(line)
    except GooseRefused:
        return "indented" if line[:1] in GO_SPACE else "unknown"
    return _KINDS.get(cmd, "other")


_ODD = {
    "indented": "goose refuses this file: an annotation with whitespace before its `--`",
    "unknown": "goose refuses this file: an annotation goose does not know",
}


@dataclass
class GooseScan:
    """How goose reads one file: whether it is a goose file (an `Up` annotation), the lines
    after which it ends a statement outside StatementBegin/End (`cuts`, in order), the line of
    the `Down` annotation, and the annotation mistakes that make goose refuse the file
    (`refusals`: line, message)."""

    goose: bool = False
    cuts: list[int] = field(default_factory=list)
    down_line: int | None = None
    refusals: list[tuple[int, str]] = field(default_factory=list)
    up_line: int | None = None
    # the StatementBegin .. StatementEnd blocks (first and last line): goose sends each whole
    blocks: list[tuple[int, int]] = field(default_factory=list)


def scan(text: str) -> GooseScan:
    out = GooseScan()
    if "+goose" not in text:
        return out
    state = "start"  # start, up, down; `begin` is the line of an open StatementBegin
    begin: int | None = None
    down_first: int | None = None  # a Down annotation before any Up
    odd: list[tuple[int, str]] = []  # annotations goose refuses: count in a goose file only
    recognized = False  # an Up, Down, StatementBegin or StatementEnd annotation
    early: int | None = None  # the first line before the Up annotation goose cannot take
    for number, line in enumerate(text.split("\n"), 1):
        if state == "start" and early is None and "+goose" not in line:
            bare = line.strip(GO_SPACE)
            if bare and not bare.startswith("--"):
                early = number  # SQL, or a /* */ comment, before the Up annotation
        # only a line holding `;` (a cut) or `+goose` (an annotation) changes anything
        if ";" not in line and "+goose" not in line:
            continue
        line = line[:-1] if line.endswith("\r") else line  # bufio.ScanLines drops one \r
        what = annotation(line)
        if what is None:
            if begin is None and state != "start" and ends_with_semicolon(line):
                out.cuts.append(number)
            continue
        if what in ("indented", "unknown"):
            odd.append((number, _ODD[what]))
            continue
        recognized = recognized or what != "other"
        if what == "up" and state == "start":
            out.goose = True
            out.up_line = number
            state = "up"
        elif what == "up" and not out.goose:  # after a Down: refused at that Down
            out.goose = True
            out.up_line = number
        elif what == "up":
            out.refusals.append((number, "goose refuses this file: a second Up annotation"))
        elif what == "down" and state == "start":
            down_first = number
            out.down_line = number
            state = "down"
        elif what == "down" and state == "up":
            if begin is not None:
                out.refusals.append(_unclosed(begin, f"the Down annotation at line {number}"))
                out.blocks.append((begin, number))
                begin = None
            out.down_line = number
            state = "down"
        elif what == "begin" and state != "start":
            if begin is not None:
                out.refusals.append(_unclosed(begin, f"the next StatementBegin at line {number}"))
                out.blocks.append((begin, number))
            begin = number
        elif what == "end" and state != "start":
            if begin is None:
                out.refusals.append(
                    (number, "goose refuses this file: StatementEnd without a StatementBegin")
                )
            else:
                out.blocks.append((begin, number))
            begin = None
    if begin is not None:
        out.refusals.append(_unclosed(begin, "the end of the file"))
        out.blocks.append((begin, number + 1))
    if recognized:
        out.refusals.extend(odd)
    if not out.goose and recognized:
        out.refusals.insert(0, (1, "goose refuses this file: it has no `-- +goose Up` annotation"))
    elif down_first is not None:
        out.refusals.append(
            (down_first, "goose refuses this file: a Down annotation before the Up annotation")
        )
    if out.goose and early is not None:
        out.refusals.append(
            (
                early,
                f"goose refuses this file: line {early} comes before the `-- +goose Up` "
                f"annotation (line {out.up_line}) and is not a `--` comment",
            )
        )
    return out


def _unclosed(line: int, before: str) -> tuple[int, str]:
    return (line, f"goose refuses this file: StatementBegin without a StatementEnd before {before}")


@rule(
    "SC040",
    "goose-statement-split",
    Severity.ERROR,
    f"goose ends a statement at every line ending in `;`: {FIX}.",
    scope="file",
)
def check(ctx: Context) -> Iterator[Hit]:
    f = ctx.file
    if "+goose" not in f.text:
        return
    found = scan(f.text)
    if not found.goose and not found.refusals:
        return
    up_line = found.up_line
    cuts = found.cuts
    rows: list[str] = []
    starts: list[int] = []
    down = found.down_line
    comments = _block_comments(f.text) if "/*" in f.text and cuts else []

    def here(line: int) -> bool:
        """Line `line` is in the section this file is (the down section is a file of its
        own)."""
        in_down = down is not None and line > down
        return in_down == (f.section == "down") or (f.section != "down" and f.down is None)

    for s in f.statements:
        if (
            found.goose
            and up_line is not None
            and s.line > up_line
            and not _in_block(found.blocks, s.line)
        ):
            starts = starts or _line_starts(f.text)
            if not _terminated(f.text, starts, s):
                yield _unended(s)
        at = bisect.bisect_left(cuts, s.line)
        if at < len(cuts) and cuts[at] < s.end_line:
            line = cuts[at]
            rows = rows or f.text.split("\n")
            comment = _comment_at(comments, line)
            yield Hit(
                f"goose ends this {_what(s.kind)} (line {s.line}) at line {line}, "
                + (
                    "whose last word ends in `;`, and sends the part up to there to "
                    f"PostgreSQL alone, which fails on it: {FIX}"
                    if comment is None
                    else f"inside its /* */ comment (lines {comment[0]}-{comment[1]}): "
                    f"{_COMMENT_CUT}"
                ),
                line=line,
                column=_semicolon_column(rows[line - 1]),
            )
    if comments:
        rows = rows or f.text.split("\n")
        yield from _comment_cuts(found, comments, f.statements, rows, here)
    # a refusal belongs to the section it is in
    for line, message in found.refusals:
        if here(line):
            yield Hit(message, line=line)


_COMMENT_CUT = (
    "that line ends in `;`, and goose knows nothing of /* */ comments: it sends the text up "
    "to there to PostgreSQL alone, which fails on it (unterminated /* comment, 42601), and "
    "the rest of the comment with what follows, which fails too. End the comment's lines "
    "without `;`, use `--` comments, or wrap the statement in -- +goose StatementBegin / "
    "-- +goose StatementEnd"
)


def _comment_cuts(
    found: GooseScan,
    comments: list[tuple[int, int]],
    statements: Sequence[Statement],
    rows: list[str],
    here: Callable[[int], bool],
) -> Iterator[Hit]:
    """The cuts goose makes inside a /* */ comment outside any statement (before, between
    or after the statements of a section): one finding for each such comment, at its first
    cut; a refusal when no cut after the comment's last one ends the section's last
    statement (goose finds the rest of the comment unfinished)."""
    cuts = found.cuts
    firsts = [s.line for s in statements]
    done: set[tuple[int, int]] = set()
    for n, line in enumerate(cuts):
        if not here(line):
            continue
        at = bisect.bisect_right(firsts, line) - 1
        if at >= 0 and statements[at].line <= line <= statements[at].end_line:
            continue  # a statement's: reported with it
        comment = _comment_at(comments, line)
        if comment is None or comment in done:
            continue
        done.add(comment)
        a, b = comment
        last = max(c for c in cuts[n:] if c < b)
        end = found.down_line if found.down_line is not None and line < found.down_line else None
        end = end if end is not None else len(rows) + 1
        later = any(last < c < end for c in cuts) or any(last < y < end for _, y in found.blocks)
        rest = any(
            (r := rows[i - 1].strip(GO_SPACE)) and not r.startswith("--")
            for i in range(last + 1, min(end, len(rows) + 1))
        )
        if not later and rest:
            yield Hit(
                f"goose refuses this file: line {last} of the /* */ comment at lines {a}-{b} "
                "ends in `;`, so goose ends a statement there and finds the rest of the "
                "comment unfinished at the end of the section (missing semicolon); end the "
                "comment's lines without `;` or use `--` comments",
                line=last,
            )
            continue
        yield Hit(
            f"goose ends a statement at line {line}, inside the /* */ comment at lines "
            f"{a}-{b}: {_COMMENT_CUT}",
            line=line,
            column=_semicolon_column(rows[line - 1]),
        )


def _comment_at(comments: list[tuple[int, int]], line: int) -> tuple[int, int] | None:
    """The /* */ comment (first and last line) that line `line` ends inside of."""
    at = bisect.bisect_right(comments, (line, 1 << 62)) - 1
    return comments[at] if at >= 0 and comments[at][0] <= line < comments[at][1] else None


# what may hide a `/*` from PostgreSQL, or open a comment: a `--` comment, a string, a quoted
# identifier, a dollar quote
_LEX = re.compile(
    r"--[^\n]*+|/\*|(?<![\w$])[eE]'(?:[^'\\]|\\.|'')*+'|'(?:[^']|'')*+'|\"(?:[^\"]|\"\")*+\""
    r"|(?<![\w$])\$(?:[A-Za-z_\x80-\U0010ffff][\w\x80-\U0010ffff]*+)?\$",
    re.S,
)
_NESTING = re.compile(r"/\*|\*/")


def _block_comments(text: str) -> list[tuple[int, int]]:
    """The /* */ comments of `text` (PostgreSQL's, nested ones counted) that span more than
    one line: (first line, last line), in order."""
    found: list[tuple[int, int]] = []
    pos = counted = 0
    line = 1  # the line of offset `counted`
    while (m := _LEX.search(text, pos)) is not None:
        token = m.group()
        pos = m.end()
        if token.startswith("$"):
            close = text.find(token, pos)
            pos = len(text) if close < 0 else close + len(token)
        elif token == "/*":
            depth = 1
            for x in _NESTING.finditer(text, pos):
                depth += 1 if x.group() == "/*" else -1
                if depth == 0:
                    pos = x.end()
                    break
            else:
                pos = len(text)
            line += text.count("\n", counted, m.start())
            last = line + text.count("\n", m.start(), pos)
            if last > line:
                found.append((line, last))
            line, counted = last, pos
    return found


_TERMINATOR = re.compile(r"(?:\s++|--[^\n]*+|/\*.*?\*/)*+;", re.S)


def _line_starts(text: str) -> list[int]:
    """The offset each line of `text` starts at."""
    return [0, *(m.end() for m in re.finditer("\n", text))]


def _terminated(text: str, starts: list[int], s: Statement) -> bool:
    """A `;` ends statement `s` in the file's text (not the end of a section or the file)."""
    if s.line > len(starts):
        return True
    at = starts[s.line - 1] + s.column - 1
    if text.startswith(s.text, at):
        return _TERMINATOR.match(text, at + len(s.text)) is not None
    return True  # not where it is thought to be: nothing is said


def _unended(s: Statement) -> Hit:
    """A statement without its `;` (the last of its section: a `;` ends every other one):
    goose finds it unfinished at the Down annotation or the end of the file, and refuses the
    file."""
    return Hit(
        f"goose refuses this file: the {_what(s.kind)} at line {s.line} has no `;`, so goose "
        "finds it unfinished (missing semicolon)",
        line=s.line,
    )


def _in_block(blocks: list[tuple[int, int]], line: int) -> bool:
    """Line `line` is inside a StatementBegin .. StatementEnd block."""
    return any(a < line < b for a, b in blocks)


def _what(kind: str) -> str:
    if kind == "do":
        return "DO block"
    return "statement" if kind == "unknown" else kind.replace("_", " ").upper()


def _semicolon_column(row: str) -> int:
    """1-based column of the last `;` of a line goose cuts after, before any `--` word."""
    cut = re.search(f"(?:^|[{GO_SPACE}])--", row)
    return row.rfind(";", 0, cut.start() + 1 if cut else len(row)) + 1
