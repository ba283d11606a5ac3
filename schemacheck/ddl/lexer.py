"""A small PostgreSQL lexer that only knows where things start and end.

It finds comments (with their offsets, for suppression comments), psql meta-command lines,
the data lines after `COPY ... FROM STDIN` (psql reads them as data, up to a line `\\.`),
and statement boundaries (`;` outside strings, comments, dollar quotes and parentheses). It is
the fallback splitter when sqlglot's tokenizer gives up on a file, and it never raises: an
unterminated string, quoted identifier, block comment or dollar quote is reported with the
offset where it starts, and the part runs to the end of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$")
# psql meta-commands that end the current query buffer (send it) like `;` does.
SENDING_META = frozenset(
    {"g", "gx", "gset", "gexec", "gdesc", "crosstabview", "watch", "bind", "bind_named"}
)


@dataclass
class Comment:
    start: int  # offset of `--` or `/*`
    end: int  # offset just past the comment
    text: str  # without the `--` / `/* */` markers


@dataclass
class MetaCommand:
    start: int  # offset of the backslash
    end: int  # offset of the end of line (exclusive)
    text: str

    @property
    def name(self) -> str:
        m = re.match(r"\\([A-Za-z_!?]*)", self.text)
        return m.group(1).lower() if m else ""

    @property
    def sends(self) -> bool:
        return self.name in SENDING_META


@dataclass
class LexResult:
    segments: list[tuple[int, int]] = field(default_factory=list)  # [start, end) of statements
    comments: list[Comment] = field(default_factory=list)
    metas: list[MetaCommand] = field(default_factory=list)
    unterminated: tuple[int, str] | None = None  # (offset, what) of an unterminated construct
    copy_data: list[tuple[int, int]] = field(default_factory=list)  # [start, end) of COPY data


# Where the scan has something to do: every other character is skipped at once.
_INTERESTING = re.compile(r"--|/\*|[\\'\"$();]")
_BLOCK_MARK = re.compile(r"/\*|\*/")
_QUOTE_OR_BACKSLASH = re.compile(r"['\\]")
# A statement that makes psql read data lines from the script itself, up to a line `\.`.
# Possessive (`*+`, `++`): a comment line of dashes can be split into `--` comments in
# exponentially many ways, all tried again when no COPY follows (40 dashes took 5 s).
_COPY_FROM_STDIN = re.compile(
    r"(?:\s++|--[^\n]*+|/\*.*?\*/)*+COPY\b[^;]*?\bFROM\s+STDIN\b", re.I | re.S
)
_END_OF_DATA = re.compile(r"^\\\.[ \t\r]*$", re.M)


def _string_end(text: str, j: int, escapes: bool) -> int:
    """Offset just past the `'` closing a string literal whose text starts at `j` (`''` is a
    quote inside; with `escapes`, E'...', a backslash escapes the next character), or -1."""
    n = len(text)
    while True:
        k = _QUOTE_OR_BACKSLASH.search(text, j) if escapes else None
        if k is not None:
            at = k.start()
        else:
            at = text.find("'", j)
            if escapes or at < 0:
                return -1
        if text[at] == "\\":
            j = at + 2
            if j >= n:
                return -1
            continue
        if at + 1 < n and text[at + 1] == "'":
            j = at + 2
            continue
        return at + 1


def _is_ident_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_$"


def lex(text: str) -> LexResult:
    """Scan `text`; never raises."""
    result = LexResult()
    n = len(text)
    i = 0
    depth = 0
    seg_start = 0

    def end_segment(end: int, next_start: int) -> None:
        nonlocal seg_start
        if text[seg_start:end].strip():
            result.segments.append((seg_start, end))
        seg_start = next_start

    while i < n:
        m = _INTERESTING.search(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if ch == "-":  # `--`
            eol = text.find("\n", i)
            eol = n if eol < 0 else eol
            result.comments.append(Comment(i, eol, text[i + 2 : eol]))
            i = eol
            continue
        if ch == "/":  # `/*`
            level = 0
            j = i
            while True:
                b = _BLOCK_MARK.search(text, j)
                if b is None:
                    break
                j = b.end()
                if b.group() == "/*":
                    level += 1
                else:
                    level -= 1
                    if level == 0:
                        break
            if level:
                result.unterminated = (i, "block comment")
                result.comments.append(Comment(i, n, text[i + 2 :]))
                i = n
                break
            result.comments.append(Comment(i, j, text[i + 2 : j - 2]))
            i = j
            continue
        if ch == "\\":
            # psql: a backslash outside quotes starts a meta-command running to the end of line
            eol = text.find("\n", i)
            eol = n if eol < 0 else eol
            meta = MetaCommand(i, eol, text[i:eol].rstrip())
            result.metas.append(meta)
            if meta.sends and depth == 0:
                end_segment(i, eol)
            elif not text[seg_start:i].strip():
                seg_start = eol
            i = eol
            continue
        if ch == "'":
            prev = text[i - 1] if i else ""
            before = text[i - 2] if i >= 2 else ""
            escapes = prev in ("e", "E") and not (before and _is_ident_char(before))
            j = _string_end(text, i + 1, escapes)
            if j < 0:
                result.unterminated = (i, "string literal")
                i = n
                break
            i = j
            continue
        if ch == '"':
            j = i + 1
            closed = False
            while True:
                k = text.find('"', j)
                if k < 0:
                    break
                if k + 1 < n and text[k + 1] == '"':
                    j = k + 2
                    continue
                closed = True
                j = k + 1
                break
            if not closed:
                result.unterminated = (i, "quoted identifier")
                i = n
                break
            i = j
            continue
        if ch == "$" and not (i and _is_ident_char(text[i - 1])):
            m = _DOLLAR_TAG.match(text, i)
            if m:
                tag = m.group(0)
                close = text.find(tag, m.end())
                if close < 0:
                    result.unterminated = (i, f"dollar-quoted string {tag}")
                    i = n
                    break
                i = close + len(tag)
                continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ";" and (depth == 0 or _next_line_starts_statement(text, i + 1)):
            depth = 0
            start = seg_start
            end_segment(i, i + 1)
            if _COPY_FROM_STDIN.match(text, start, i):
                data = _copy_data(text, i + 1)
                if data is not None:
                    result.copy_data.append(data)
                    i = seg_start = data[1]
                    continue
        i += 1
    end_segment(n, n)
    return result


def _copy_data(text: str, after: int) -> tuple[int, int] | None:
    """The data lines of `COPY ... FROM STDIN` whose `;` ends just before `after`, as psql reads
    them: from the next line up to and including the line `\\.` (or the end of the text)."""
    nl = text.find("\n", after)
    if nl < 0:
        return None
    return (nl + 1, data_end(text, nl + 1)[1])


def data_end(text: str, start: int) -> tuple[int, int]:
    """Where COPY data starting at `start` ends: the offset of its line `\\.` and the offset
    just past that line, or the end of the text twice when there is none."""
    marker = _END_OF_DATA.search(text, start)
    return (marker.start(), marker.end()) if marker is not None else (len(text), len(text))


_NEXT_LINE_STATEMENT = re.compile(
    r"[ \t\r\f\v]*(?:--[^\n]*)?\n\s*(CREATE|ALTER|DROP|INSERT|UPDATE|DELETE|SELECT|BEGIN|COMMIT|"
    r"ROLLBACK|GRANT|REVOKE|COMMENT|SET|DO|TRUNCATE|WITH|END|START)\b",
    re.I,
)


def _next_line_starts_statement(text: str, at: int) -> bool:
    """A `;` inside unclosed parentheses still ends a statement when the next line starts with
    a statement keyword: a stray `(` must not swallow the rest of the file."""
    return _NEXT_LINE_STATEMENT.match(text, at) is not None


def blank_out(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each [start, end) span with spaces, keeping newlines and offsets."""
    if not spans:
        return text
    chars = list(text)
    for start, end in spans:
        for k in range(start, min(end, len(chars))):
            if chars[k] != "\n":
                chars[k] = " "
    return "".join(chars)
