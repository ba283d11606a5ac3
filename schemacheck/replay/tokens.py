"""Token-level reading for statements sqlglot cannot parse whole: split a list at top-level
commas, read a possibly qualified name, find the matching parenthesis."""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot.dialects.postgres import Postgres
from sqlglot.errors import SqlglotError
from sqlglot.tokenizer_core import Token, TokenType

from schemacheck.replay.names import truncate

_OPEN = {TokenType.L_PAREN, TokenType.L_BRACKET}
_CLOSE = {TokenType.R_PAREN, TokenType.R_BRACKET}
_PUNCT = _OPEN | _CLOSE | {TokenType.COMMA, TokenType.DOT, TokenType.SEMICOLON, TokenType.STAR}


# one tokenizer for every call: making a dialect and a tokenizer per statement cost the replay
# of 52,000 statements about a second; the tokenizer starts afresh at each `tokenize`
_TOKENIZER = Postgres().tokenizer()

_COMMANDS = frozenset(
    {TokenType.COMMAND, TokenType.EXECUTE, TokenType.FETCH, TokenType.SHOW, TokenType.RENAME}
    | set(Postgres.Tokenizer.COMMANDS)
)


def tokenize(text: str, base: int = 0) -> list[Token]:
    """sqlglot's PostgreSQL tokens ([] when the text cannot be tokenized). The rest that
    sqlglot keeps as one raw string after a command word (`RENAME ...`) is tokenized too."""
    try:
        raw = [t for t in _TOKENIZER.tokenize(text) if t.token_type != TokenType.SEMICOLON]
    except SqlglotError:
        return []
    out: list[Token] = []
    for i, tok in enumerate(raw):
        tok.start += base
        tok.end += base
        out.append(tok)
        if (
            tok.token_type in _COMMANDS
            and i + 1 == len(raw) - 1
            and raw[i + 1].token_type == TokenType.STRING
        ):
            at = tok.end - base + 1
            rest = tokenize(text[at:], base + at)
            if rest:
                return out + rest
    return out


def word(token: Token) -> str:
    """A token as a folded name (quoted identifiers kept as written)."""
    if token.token_type == TokenType.IDENTIFIER:
        return truncate(str(token.text))
    return truncate(str(token.text).lower())


def upper(tokens: list[Token], i: int) -> str:
    """The upper-cased text of token i ("" past the end or for a quoted identifier)."""
    if i >= len(tokens) or tokens[i].token_type == TokenType.IDENTIFIER:
        return ""
    return str(tokens[i].text).upper()


def accept(tokens: list[Token], i: int, *words: str) -> int:
    """i advanced past `words` when they come next, else i unchanged."""
    for n, w in enumerate(words):
        if upper(tokens, i + n) != w:
            return i
    return i + len(words)


@dataclass(frozen=True)
class Name:
    schema: str | None
    name: str
    end: int  # index of the first token after the name


def read_name(tokens: list[Token], i: int) -> Name | None:
    """A possibly schema-qualified name starting at token i."""
    if i >= len(tokens) or tokens[i].token_type in _PUNCT:
        return None
    parts = [word(tokens[i])]
    i += 1
    while i + 1 < len(tokens) and tokens[i].token_type == TokenType.DOT:
        parts.append(word(tokens[i + 1]))
        i += 2
    schema = parts[-2] if len(parts) >= 2 else None
    return Name(schema, parts[-1], i)


def matching(tokens: list[Token], i: int) -> int:
    """Index of the token closing the bracket opened at i (len(tokens) when unclosed)."""
    depth = 0
    for j in range(i, len(tokens)):
        if tokens[j].token_type in _OPEN:
            depth += 1
        elif tokens[j].token_type in _CLOSE:
            depth -= 1
            if depth == 0:
                return j
    return len(tokens)


def split(text: str, tokens: list[Token], start: int, end: int) -> list[str]:
    """The text of tokens[start:end] cut at top-level commas."""
    parts: list[str] = []
    depth = 0
    first = start
    for j in range(start, end):
        kind = tokens[j].token_type
        if kind in _OPEN:
            depth += 1
        elif kind in _CLOSE:
            depth -= 1
        elif kind == TokenType.COMMA and depth == 0:
            parts.append(span(text, tokens, first, j))
            first = j + 1
    if first < end:
        parts.append(span(text, tokens, first, end))
    return [p for p in parts if p.strip()]


def span(text: str, tokens: list[Token], start: int, end: int) -> str:
    """The source text from token `start` up to (not including) token `end`."""
    if start >= end or start >= len(tokens):
        return ""
    first = tokens[start].start
    last = tokens[min(end, len(tokens)) - 1].end
    # A quoted identifier or string's token start points inside its quotes: widen to them.
    while first > 0 and text[first - 1] in "\"'$":
        first -= 1
    while last + 1 < len(text) and text[last + 1] in "\"'$":
        last += 1
    return text[first : last + 1]
