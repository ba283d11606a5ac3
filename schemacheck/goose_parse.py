"""goose's cutting of a migration file into statements, for `schemacheck check`.

goose does not parse SQL. Its `ParseSQLMigration` (pressly/goose, internal/sqlparser/parser.go)
reads the file line by line and, outside `-- +goose StatementBegin` ... `StatementEnd`, ends a
statement at every line whose last word before a `--` word ends in `;`; it drops the comment
and blank lines before a statement, keeps a StatementBegin ... StatementEnd block as one
statement, and keeps the lines of the direction it runs (Up or Down). `goose_split` does the
same, line for line, and says where each statement it cuts starts in the file (`Piece`).

goose refuses some files outright and runs none of their statements: SQL before
`-- +goose Up`, a second Up, a Down before the Up, an annotation it does not know or one with
whitespace before its `--`, a StatementEnd without StatementBegin or a StatementBegin never
ended, a statement of the section it runs left without its `;` (at the Down annotation or the
end of the file). `goose_split` raises `GooseRefused` for those, at the line the refusal
comes from. `-- +goose NO TRANSACTION` anywhere in the file makes goose run the statements
without the transaction it otherwise opens around the section (`GooseSection.transaction`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from schemacheck.errors import SqlExecutionError

__all__ = [
    "GooseRefused",
    "GooseSection",
    "Piece",
    "ends_with_semicolon",
    "extract_annotation",
    "goose_section",
    "goose_split",
]

# Go's unicode.IsSpace: what strings.TrimSpace trims and bufio.ScanWords splits on
GO_SPACE = "\t\n\v\f\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B)))
GO_SPACE += "\u2028\u2029\u202f\u205f\u3000"
_GO_WORDS = re.compile(f"[{GO_SPACE}]+")
# the annotations goose knows, as it names them (it compares them ignoring case)
SUPPORTED = (
    "Up",
    "Down",
    "StatementBegin",
    "StatementEnd",
    "NO TRANSACTION",
    "ENVSUB ON",
    "ENVSUB OFF",
)


class GooseRefused(SqlExecutionError):
    """goose refuses the file and runs none of it: `reason` (goose's), at `line` of `path`."""

    def __init__(self, reason: str, path: str = "", line: int = 0) -> None:
        self.reason = reason
        super().__init__(path, line, f"goose refuses this file: {reason}")

    def at(self, path: str, line: int) -> GooseRefused:
        """The same refusal, placed in the file `path` at `line`."""
        return GooseRefused(self.reason, path, line)


@dataclass(frozen=True)
class Piece:
    """One statement as goose sends it: the line its text starts at in the file (`first`),
    the last line goose took it from (`last`), its text (`sql`, trimmed as goose trims it)."""

    first: int
    last: int
    sql: str


@dataclass(frozen=True)
class GooseSection:
    """What goose runs for one direction of a file: its statements in order, and whether it
    runs them inside one transaction of its own (no `-- +goose NO TRANSACTION`)."""

    pieces: tuple[Piece, ...]
    transaction: bool


def ends_with_semicolon(line: str) -> bool:
    """goose's `endsWithSemicolon`: the last word of `line` before a word starting with `--`
    ends in `;` (words as Go's bufio.ScanWords splits them; a `;--note` glued to it hides the
    `;`)."""
    if ";" not in line:
        return False
    if "--" not in line:
        return line.rstrip(GO_SPACE).endswith(";")
    prev = ""
    for word in _GO_WORDS.split(line):
        if not word:
            continue
        if word.startswith("--"):
            break
        prev = word
    return prev.endswith(";")


def extract_annotation(line: str) -> str:
    """goose's `extractAnnotation` of a line starting with `--` (after spaces) that holds
    `+goose`: the annotation as `SUPPORTED` names it; raises GooseRefused (without a place)
    where goose refuses it."""
    if line.startswith((" ", "\t")):
        raise GooseRefused(f"the annotation {line.strip(GO_SPACE)!r} has whitespace before it")
    cmd = line.replace("--", "").replace("+goose", "", 1)
    if "+goose" in cmd:
        raise GooseRefused(f"{cmd.strip(GO_SPACE)!r} holds more than one '+goose' annotation")
    cmd = cmd.strip(GO_SPACE)
    if not cmd:
        raise GooseRefused("empty '-- +goose' annotation")
    for known in SUPPORTED:
        if known.lower() == cmd.lower():
            return known
    raise GooseRefused(f"unknown annotation '-- +goose {cmd}'")


def goose_split(text: str, up: bool, path: str = "") -> list[Piece]:
    """The statements goose sends for direction up (True) or down (False), in order; raises
    GooseRefused (in `path`, at the line) for a file goose refuses."""
    return list(goose_section(text, up, path).pieces)


def goose_section(text: str, up: bool, path: str = "") -> GooseSection:
    """What goose runs of `text` for direction up (True) or down (False): `goose_split`'s
    statements and goose's transaction."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # bufio.Scanner gives no empty last line after a final newline
    state = "start"
    buf: list[str] = []
    first = 0  # the line the buffered statement starts at
    begin = 0  # the line of the StatementBegin not yet ended
    transaction = True
    pieces: list[Piece] = []

    def emit(last: int) -> None:
        raw = "".join(buf)
        lead = len(raw) - len(raw.lstrip(GO_SPACE))
        pieces.append(Piece(first + raw.count("\n", 0, lead), last, raw.strip(GO_SPACE)))
        buf.clear()

    def refused(reason: str, line: int) -> GooseRefused:
        return GooseRefused(reason, path, line)

    unfinished = "a statement without its ';' (goose finds it unfinished: missing semicolon?)"
    for number, raw_line in enumerate(lines, 1):
        line = raw_line[:-1] if raw_line.endswith("\r") else raw_line  # ScanLines drops one \r
        if state == "start" and line.strip(GO_SPACE) == "":
            continue
        if line.strip(GO_SPACE).startswith("--") and "+goose" in line:
            try:
                cmd = extract_annotation(line)
            except GooseRefused as exc:
                raise exc.at(path, number) from None
            if cmd == "Up":
                if state != "start":
                    raise refused("duplicate '-- +goose Up' annotations", number)
                state = "up"
                continue
            if cmd == "Down":
                if state not in ("up", "end_up"):
                    raise refused(_misplaced_down(state, begin), number)
                if "".join(buf).strip(GO_SPACE):
                    raise refused(unfinished, first)
                state = "down"
                continue
            if cmd == "StatementBegin":
                if state in ("up", "end_up"):
                    state = "begin_up"
                elif state in ("down", "end_down"):
                    state = "begin_down"
                else:
                    raise refused(
                        "'-- +goose StatementBegin' must be defined after '-- +goose Up' or "
                        "'-- +goose Down'",
                        number,
                    )
                begin = number
                continue
            if cmd == "StatementEnd":
                if state == "begin_up":
                    state = "end_up"
                elif state == "begin_down":
                    state = "end_down"
                else:
                    raise refused(
                        "'-- +goose StatementEnd' must be defined after '-- +goose StatementBegin'",
                        number,
                    )
            else:
                if cmd == "NO TRANSACTION":
                    transaction = False
                continue  # NO TRANSACTION, ENVSUB ON/OFF
        if not buf and (line.strip(GO_SPACE).startswith("--") or line == ""):
            continue
        if state not in ("end_up", "end_down"):
            if not buf:
                first = number
            buf.append(line + "\n")
        if state in ("up", "begin_up", "end_up"):
            if not up:
                buf.clear()
                continue
        elif state in ("down", "begin_down", "end_down"):
            if up:
                buf.clear()
                continue
        else:
            raise refused(
                "SQL before the '-- +goose Up' annotation (goose: unexpected state on this line)",
                number,
            )
        if state in ("up", "down"):
            if ends_with_semicolon(line):
                emit(number)
        elif state == "end_up":
            emit(number - 1)
            state = "up"
        elif state == "end_down":
            emit(number - 1)
            state = "down"
    if state == "start":
        raise refused("must start with '-- +goose Up' annotation", 1)
    if state in ("begin_up", "begin_down"):
        raise refused("missing '-- +goose StatementEnd' annotation", begin)
    if "".join(buf).strip(GO_SPACE):
        raise refused(unfinished, first)
    return GooseSection(tuple(pieces), transaction)


def _misplaced_down(state: str, begin: int) -> str:
    """goose's reason for a Down annotation it does not take, with what it stands for."""
    if state == "start":
        where = "'-- +goose Down' before any '-- +goose Up'"
    elif state.startswith("begin"):
        where = f"'-- +goose Down' inside the StatementBegin of line {begin}, never ended"
    else:
        where = "a second '-- +goose Down'"
    return f"{where} (goose: must start with '-- +goose Up' annotation)"
