"""The lexer's scan (which skips to the next character that matters) finds the same comments,
meta-commands, statement segments and unterminated constructs as a plain character-by-character
scan, on generated text made of the characters that matter."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from schemacheck.ddl.lexer import (
    _DOLLAR_TAG,
    Comment,
    LexResult,
    MetaCommand,
    _next_line_starts_statement,
    lex,
)


def _is_ident_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_$"


def reference_lex(text: str) -> LexResult:
    """The lexer as first written: one character at a time."""
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
        ch = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if ch in " \t\r\n\f\v":
            i += 1
            continue
        if ch == "-" and nxt == "-":
            eol = text.find("\n", i)
            eol = n if eol < 0 else eol
            result.comments.append(Comment(i, eol, text[i + 2 : eol]))
            i = eol
            continue
        if ch == "/" and nxt == "*":
            level = 0
            j = i
            while j < n:
                if text.startswith("/*", j):
                    level += 1
                    j += 2
                elif text.startswith("*/", j):
                    level -= 1
                    j += 2
                    if level == 0:
                        break
                else:
                    j += 1
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
            j = i + 1
            closed = False
            while j < n:
                c = text[j]
                if escapes and c == "\\":
                    j += 2
                    continue
                if c == "'":
                    if j + 1 < n and text[j + 1] == "'":
                        j += 2
                        continue
                    closed = True
                    j += 1
                    break
                j += 1
            if not closed:
                result.unterminated = (i, "string literal")
                i = n
                break
            i = j
            continue
        if ch == '"':
            j = i + 1
            closed = False
            while j < n:
                if text[j] == '"':
                    if j + 1 < n and text[j + 1] == '"':
                        j += 2
                        continue
                    closed = True
                    j += 1
                    break
                j += 1
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
            end_segment(i, i + 1)
        i += 1
    end_segment(n, n)
    return result


PIECES = [
    "--", "/*", "*/", "'", "''", '"', "\\", "\\g", "$$", "$a$", "$1", "(", ")", ";", "E", "e'",
    "x", " ", "\n", "-", "/", "*", "CREATE", "a", "\\\\",
]  # fmt: skip


def _key(r: LexResult) -> object:
    return (
        r.segments,
        [(c.start, c.end, c.text) for c in r.comments],
        [(m.start, m.end, m.text) for m in r.metas],
        r.unterminated,
    )


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_scan_matches_the_character_by_character_scan(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _key(lex(text)) == _key(reference_lex(text))


def test_escape_strings_and_nested_comments() -> None:
    text = "SELECT E'a\\'b', 'c''d'; /* x /* y */ z */ SELECT \"q\"\"r\"; -- end\n\\g\n"
    r = lex(text)
    assert _key(r) == _key(reference_lex(text))
    assert [c.text for c in r.comments] == [" x /* y */ z ", " end"]
    assert [text[a:b].split()[-1] for a, b in r.segments] == ["'c''d'", '"q""r"', "end"]
    assert [m.text for m in r.metas] == ["\\g"] and r.unterminated is None
