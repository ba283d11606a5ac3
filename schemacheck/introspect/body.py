"""The body hash of a function, computed the same way from the live catalog and from SQL."""

from __future__ import annotations

import hashlib
import re

# One piece of a body that is kept verbatim, whitespace and all: a string constant (`'a  b'`,
# `E'it\'s'`), a dollar-quoted string (`$x$ ... $x$`), a quoted identifier (`"a  b"`), a block
# comment (nested, as PostgreSQL nests them) or a line comment with the line break ending it.
_DOLLAR_TAG = re.compile(r"\$(?:[A-Za-z_\x80-\uffff][A-Za-z0-9_\x80-\uffff]*)?\$")
_IDENTIFIER_CHAR = re.compile(r"[A-Za-z0-9_$\x80-\uffff]")
_PLAIN_RUN = re.compile(r"[^\s'\"\-/$]+")


def body_hash(text: str) -> str:
    """md5 (hex) of the body with every run of whitespace between tokens folded to one space and
    the ends trimmed: `$$ BEGIN  RETURN 1;\\nEND $$` and `$$BEGIN RETURN 1; END$$` hash alike.
    Whitespace that is part of a value or a name is kept: inside string constants
    (`'a  b'` is not `'a b'`), dollar-quoted strings, quoted identifiers and comments; the
    line break ending a `--` comment is kept too (`-- note\\nRETURN 1` is not
    `-- note RETURN 1`).

    Give it the text between the dollar quotes (what PostgreSQL stores as `prosrc`); for a
    SQL-standard body (BEGIN ATOMIC ... END, RETURN ...) the live side hashes the body as
    PostgreSQL prints it back (`pg_get_function_sqlbody`)."""
    normalized = _fold_whitespace(text)
    return hashlib.md5(normalized.encode("utf-8"), usedforsecurity=False).hexdigest()


def _fold_whitespace(text: str) -> str:
    """Whitespace runs outside quoted text and comments -> one space; the ends trimmed."""
    out: list[str] = []
    pending_space = False
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            pending_space = True
            i += 1
            continue
        end = _verbatim_end(text, i)
        if pending_space and out and not out[-1].endswith("\n"):
            out.append(" ")
        pending_space = False
        out.append(text[i:end])
        i = end
    return "".join(out).strip()


def _verbatim_end(text: str, i: int) -> int:
    """The end of the token starting at `i`: a whole quoted string or comment, else one
    character."""
    ch = text[i]
    nxt = text[i + 1 : i + 2]
    if ch == "'":
        escapes = _escape_string_prefix(text, i)
        return _quoted_end(text, i + 1, "'", backslash=escapes)
    if ch == '"':
        return _quoted_end(text, i + 1, '"', backslash=False)
    if ch == "-" and nxt == "-":
        newline = text.find("\n", i)
        return len(text) if newline < 0 else newline + 1
    if ch == "/" and nxt == "*":
        return _block_comment_end(text, i)
    if ch == "$" and (i == 0 or not _IDENTIFIER_CHAR.match(text[i - 1])):
        tag = _DOLLAR_TAG.match(text, i)
        if tag is not None:
            close = text.find(tag.group(), tag.end())
            return len(text) if close < 0 else close + len(tag.group())
    plain = _PLAIN_RUN.match(text, i)
    return plain.end() if plain is not None else i + 1


def _escape_string_prefix(text: str, i: int) -> bool:
    """Whether the quote at `i` opens an `E'...'` string, where a backslash escapes."""
    if i == 0 or text[i - 1] not in "eE":
        return False
    return i == 1 or not _IDENTIFIER_CHAR.match(text[i - 2])


def _quoted_end(text: str, i: int, quote: str, *, backslash: bool) -> int:
    """The end of a quoted token whose body starts at `i` (a doubled quote stays inside)."""
    n = len(text)
    while i < n:
        ch = text[i]
        if backslash and ch == "\\":
            i += 2
            continue
        if ch == quote:
            if text[i + 1 : i + 2] == quote:
                i += 2
                continue
            return i + 1
        i += 1
    return n


def _block_comment_end(text: str, i: int) -> int:
    depth, i, n = 0, i, len(text)
    while i < n:
        pair = text[i : i + 2]
        if pair == "/*":
            depth += 1
            i += 2
        elif pair == "*/":
            depth -= 1
            i += 2
            if depth == 0:
                return i
        else:
            i += 1
    return n
