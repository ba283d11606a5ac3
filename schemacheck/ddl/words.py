"""Tokens as simple words, and a cursor to read facts from them.

sqlglot's tokenizer swallows the rest of some statements (`DO ...`, `VACUUM ...`, `CALL ...`)
into one raw string token; `expand` tokenizes such a rest again so that every statement reads
as plain words. Offsets stay absolute in the file's text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlglot.dialects.postgres import Postgres
from sqlglot.tokenizer_core import Token, TokenType

from schemacheck.ddl.statement import ObjectName, Word

_DIALECT = Postgres()
_WORDLIKE = re.compile(r"^[A-Za-z_\u0080-\uffff][A-Za-z0-9_$\u0080-\uffff]*$")
_STRING_TYPES = frozenset(
    {
        TokenType.STRING,
        TokenType.BYTE_STRING,
        TokenType.NATIONAL_STRING,
        TokenType.RAW_STRING,
        TokenType.HEREDOC_STRING,
        TokenType.BIT_STRING,
        TokenType.HEX_STRING,
        TokenType.UNICODE_STRING,
    }
)
_COMMAND_TYPES: frozenset[TokenType] = frozenset(
    {TokenType.COMMAND, TokenType.EXECUTE, TokenType.FETCH, TokenType.SHOW, TokenType.RENAME}
    | set(_DIALECT.tokenizer_class.COMMANDS)
)
_SPACE = re.compile(r"\S+")


def tokenize(text: str) -> list[Token]:
    """sqlglot's PostgreSQL tokenizer (raises sqlglot's TokenError on what it cannot read)."""
    return list(_DIALECT.tokenize(text))


def _words(tok: Token, source: str, base: int) -> list[Word]:
    """Usually one word; multi-word keyword tokens (`PRIMARY KEY`, `FOREIGN KEY`, `DOUBLE
    PRECISION`, ...) become one word each."""
    if (
        " " in tok.text
        and tok.token_type not in _STRING_TYPES
        and tok.token_type != (TokenType.IDENTIFIER)
    ):
        raw = source[tok.start : tok.end + 1]
        parts = list(_SPACE.finditer(raw))
        if len(parts) > 1 and all(_WORDLIKE.match(m.group(0)) for m in parts):
            return [
                Word(
                    "word",
                    m.group(0),
                    base + tok.start + m.start(),
                    base + tok.start + m.end(),
                    tok.token_type,
                )
                for m in parts
            ]
    return [_word(tok, base)]


_KIND_OF_TYPE: dict[TokenType, str] = {
    **dict.fromkeys(_STRING_TYPES, "string"),
    TokenType.IDENTIFIER: "ident",
    TokenType.NUMBER: "number",
}


def _word(tok: Token, base: int) -> Word:
    text = tok.text
    kind = _KIND_OF_TYPE.get(tok.token_type)
    if kind is None:
        kind = "word" if _WORDLIKE.match(text) else "punct"
    return Word(kind, text, tok.start + base, tok.end + 1 + base, tok.token_type)


# How many raw rests inside raw rests are tokenized again (`EXPLAIN ANALYZE VACUUM t` needs
# two); a chain of command keywords (`DO DO DO ...`) would otherwise cost quadratic time.
_MAX_REST_DEPTH = 4


def expand(tokens: Sequence[Token], source: str, base: int = 0, _depth: int = 0) -> list[Word]:
    """Words for `tokens` (offsets relative to `source`, shifted by `base`), re-tokenizing the
    raw rest that sqlglot keeps as one string after command keywords."""
    words: list[Word] = []
    append = words.append
    kinds = _KIND_OF_TYPE
    new = tuple.__new__  # `Word(...)` without the named tuple's Python-level __new__
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        text = tok.text
        tt = tok.token_type
        kind = kinds.get(tt)
        if kind is None:
            if " " in text:
                words.extend(_words(tok, source, base))
            else:
                kind = "word" if _WORDLIKE.match(text) else "punct"
                append(new(Word, (kind, text, tok.start + base, tok.end + 1 + base, tt)))
        elif kind == "number" and " " in text:
            words.extend(_words(tok, source, base))
        else:
            append(new(Word, (kind, text, tok.start + base, tok.end + 1 + base, tt)))
        if (
            _depth < _MAX_REST_DEPTH
            and tt in _COMMAND_TYPES
            and i + 1 < n
            and tokens[i + 1].token_type == TokenType.STRING
        ):
            # sqlglot keeps the rest of the command verbatim, with unreliable offsets
            rest = tokens[i + 1]
            at = source.find(rest.text, tok.end + 1)
            if at >= 0 and not source[tok.end + 1 : at].strip():
                try:
                    inner = tokenize(rest.text)
                except Exception:  # sqlglot may raise anything on odd input; keep the raw rest
                    inner = []
                if inner:
                    words.extend(expand(inner, rest.text, base + at, _depth + 1))
                    i += 2
                    continue
        i += 1
    return words


def collapse(text: str) -> str:
    return " ".join(text.split())


class Cursor:
    """Reads words left to right; `text` slices the original source."""

    def __init__(
        self, words: Sequence[Word], source: str, keys: tuple[str, ...] | None = None
    ) -> None:
        self.words = list(words)
        self.source = source
        self.pos = 0
        # what `at` compares each word with: bare words upper-cased, the others as written
        if keys is None:
            keys = tuple([w.value.upper() if w.kind == "word" else w.value for w in self.words])
        self.keys = keys

    def sub(self, start: int, end: int) -> Cursor:
        """A cursor over words [start, end) of this one (at their start)."""
        return Cursor(self.words[start:end], self.source, self.keys[start:end])

    # -- looking
    def at_end(self) -> bool:
        return self.pos >= len(self.words)

    def peek(self, k: int = 0) -> Word | None:
        j = self.pos + k
        return self.words[j] if 0 <= j < len(self.words) else None

    def peek_upper(self, k: int = 0) -> str:
        w = self.peek(k)
        return w.upper if w else ""

    def at(self, *seq: str) -> bool:
        """The next words are `seq` (keywords, case-insensitive; punctuation as written)."""
        pos = self.pos
        return self.keys[pos : pos + len(seq)] == seq

    # -- consuming
    def next(self) -> Word | None:
        w = self.peek()
        if w is not None:
            self.pos += 1
        return w

    def accept(self, *seq: str) -> bool:
        pos = self.pos
        if self.keys[pos : pos + len(seq)] == seq:
            self.pos = pos + len(seq)
            return True
        return False

    def accept_any(self, *choices: str) -> str | None:
        for c in choices:
            parts = c.split()
            if self.accept(*parts):
                return c
        return None

    def name(self) -> ObjectName | None:
        """A possibly qualified name: `a`, `s.a`, `"S"."A"`, `db.s.a` (last two parts kept)."""
        w = self.peek()
        if w is None or not w.is_name:
            return None
        parts = [w.folded]
        self.pos += 1
        while self.at(".") and self.peek(1) is not None and self.peek(1).is_name:  # type: ignore[union-attr]
            parts.append(self.words[self.pos + 1].folded)
            self.pos += 2
        if len(parts) == 1:
            return ObjectName(parts[0])
        return ObjectName(parts[-1], parts[-2])

    def ident(self) -> str | None:
        w = self.peek()
        if w is None or not w.is_name:
            return None
        self.pos += 1
        return w.folded

    def string(self) -> str | None:
        w = self.peek()
        if w is None or w.kind != "string":
            return None
        self.pos += 1
        return w.value

    def skip_parens(self) -> tuple[int, int] | None:
        """At `(`: skip to the matching `)` and return the inner words' index range."""
        if not self.at("("):
            return None
        start = self.pos + 1
        depth = 0
        while not self.at_end():
            w = self.words[self.pos]
            self.pos += 1
            if w.kind == "punct":
                if w.value == "(":
                    depth += 1
                elif w.value == ")":
                    depth -= 1
                    if depth == 0:
                        return (start, self.pos - 1)
        return (start, self.pos)

    def until(self, stops: Iterable[str]) -> tuple[int, int]:
        """Advance to the first depth-0 word in `stops` (keywords or punctuation), or the end;
        return the index range passed over."""
        stopset = stops if isinstance(stops, (set, frozenset)) else set(stops)
        words, keys = self.words, self.keys
        n = len(words)
        pos = start = self.pos
        depth = 0
        while pos < n:
            kind = words[pos].kind
            if kind == "punct":
                key = keys[pos]
                if key in ("(", "["):
                    depth += 1
                elif key in (")", "]"):
                    depth = max(0, depth - 1)
                elif depth == 0 and key in stopset:
                    break
            elif kind == "word" and depth == 0 and keys[pos] in stopset:
                break
            pos += 1
        self.pos = pos
        return (start, pos)

    def text(self, rng: tuple[int, int]) -> str:
        """The source text of words [a, b), whitespace kept."""
        a, b = rng
        if a >= b or a >= len(self.words):
            return ""
        return self.source[self.words[a].start : self.words[min(b, len(self.words)) - 1].end]

    def rest(self) -> tuple[int, int]:
        rng = (self.pos, len(self.words))
        self.pos = len(self.words)
        return rng


def split_top_level(words: Sequence[Word], sep: str = ",") -> list[tuple[int, int]]:
    """Index ranges of the depth-0 items separated by `sep`."""
    items: list[tuple[int, int]] = []
    depth = 0
    start = 0
    for k, w in enumerate(words):
        if w.kind == "punct":
            if w.value in ("(", "["):
                depth += 1
            elif w.value in (")", "]"):
                depth = max(0, depth - 1)
            elif w.value == sep and depth == 0:
                items.append((start, k))
                start = k + 1
    items.append((start, len(words)))
    return [(a, b) for a, b in items if a < b]


def balanced(words: Sequence[Word]) -> bool:
    depth = 0
    for w in words:
        if w.kind == "punct":
            if w.value == "(":
                depth += 1
            elif w.value == ")":
                depth -= 1
                if depth < 0:
                    return False
    return depth == 0
