"""Files -> statements: split, parse each statement on its own, recover facts, track
transactions and suppression comments. Never raises on bad SQL or bad bytes: what cannot be read
becomes a `Problem` on the file, what cannot be understood a statement with `understood=False`.

Public API (re-exported by `schemacheck.ddl`):

- `parse_text(text, path="<string>", *, role=None, version=None) -> SqlFile`
- `parse_bytes(data, path, ...) -> SqlFile` (decodes UTF-8, with replacement and a problem)
- `parse_file(path) -> SqlFile` (raises `InputError` only when the file cannot be read)
- `read_source(path) -> bytes` and `find_sql_files(paths) -> list[Path]`: the reading and the
  finding that `parse_file` and `discover` do, for callers that cache parsed files
- `discover(paths) -> list[SqlFile]` (directories searched recursively for `*.sql`; sorted by
  role order, version, name)
- `classify_path(path) -> (role, version)`
- `pair_rollbacks(files) -> dict[rollback path, forward migration SqlFile]`
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import sqlglot
from sqlglot import exp
from sqlglot.dialects.postgres import Postgres
from sqlglot.tokenizer_core import Token, TokenType

from schemacheck.ddl import sections, sqitch
from schemacheck.ddl.facts import recover
from schemacheck.ddl.lexer import Comment, LexResult, blank_out, lex
from schemacheck.ddl.search_path import path_change, with_implied
from schemacheck.ddl.sections import down_marker
from schemacheck.ddl.statement import (
    FileRole,
    Problem,
    SqlFile,
    Statement,
    Suppression,
    Word,
)
from schemacheck.ddl.words import expand, tokenize
from schemacheck.errors import InputError
from schemacheck.normalize import parse_tokens  # function names kept as written
from schemacheck.quiet import quiet

_DIALECT = Postgres()

_STATEMENT_STARTS = frozenset(
    {
        "CREATE",
        "ALTER",
        "DROP",
        "INSERT",
        "UPDATE",
        "DELETE",
        "SELECT",
        "BEGIN",
        "COMMIT",
        "ROLLBACK",
        "GRANT",
        "REVOKE",
        "COMMENT",
        "SET",
        "DO",
        "TRUNCATE",
        "WITH",
        "END",
        "START",
    }
)
_AND_CHAIN = re.compile(r"\bAND\s+CHAIN\s*;?\s*$", re.I)
_SUPPRESS = re.compile(r"^\s*schemacheck\s*:\s*(ignore-file|ignore)\b(.*)$", re.I | re.S)
_CODE_ITEM = r"[A-Za-z0-9*][A-Za-z0-9_*-]*"
_CODES = re.compile(rf"^\s*({_CODE_ITEM}(?:\s*,\s*{_CODE_ITEM})*)\s*(.*)$", re.S)
# More rule codes after the list, separated by spaces only (`ignore SC001 SC002 reason`): only
# words shaped like a code (SC and digits) count, so a reason's words never become codes.
_MORE_CODES = re.compile(r"^((?:SC\d+(?:\s*,\s*|\s+|(?=[:(])|$))+)(.*)$", re.I | re.S)


# ---------------------------------------------------------------- splitting


class _Raw:
    """One statement's words and where its terminator ends; its sqlglot tokens, offsets in
    `source` (the text the file's tokenizer read), and whether they come right after a `;` or
    at the start of `source`, where the tokenizer reads them as it reads the statement alone."""

    __slots__ = ("fresh", "source", "stop", "tokens", "words")

    def __init__(
        self,
        words: list[Word],
        stop: int,
        tokens: list[Token] | None = None,
        source: str = "",
        fresh: bool = False,
    ) -> None:
        self.words = words
        self.stop = stop
        self.tokens = tokens
        self.source = source
        self.fresh = fresh


def _split_tokens(tokens: Sequence[Token], source: str, boundaries: Sequence[int]) -> list[_Raw]:
    """Split at depth-0 semicolons (psql's rule), keeping BEGIN ATOMIC bodies whole."""
    raws: list[_Raw] = []
    current: list[Token] = []
    depth = 0
    atomic = 0
    fresh = True
    pending = list(boundaries)

    def flush(stop: int) -> None:
        nonlocal current, depth, atomic
        if current:
            raws.append(_Raw(expand(current, source), stop, current, source, fresh))
        current = []
        depth = 0
        atomic = 0

    for i, tok in enumerate(tokens):
        if not current:
            fresh = i == 0 or tokens[i - 1].token_type == TokenType.SEMICOLON
        while pending and pending[0] <= tok.start:
            if current:
                flush(current[-1].end + 1)
            pending.pop(0)
        tt = tok.token_type
        if tt == TokenType.SEMICOLON:
            if atomic == 0 and (depth == 0 or _starts_new_statement(tokens, i, source, current)):
                flush(tok.end + 1)
            else:
                current.append(tok)
            continue
        current.append(tok)
        if tt == TokenType.L_PAREN:
            depth += 1
        elif tt == TokenType.R_PAREN:
            depth = max(0, depth - 1)
        # by token type, not text: a string 'END' or a quoted "end" closes nothing
        if atomic:
            if tt == TokenType.BEGIN or tt == TokenType.CASE:
                atomic += 1
            elif tt == TokenType.END:
                atomic -= 1
        elif (
            tt == TokenType.VAR
            and tok.text.upper() == "ATOMIC"
            and len(current) >= 2
            and current[-2].token_type == TokenType.BEGIN
            and _is_routine(current)
        ):
            atomic = 1
    if current:
        flush(current[-1].end + 1)
    return raws


def _is_routine(tokens: Sequence[Token]) -> bool:
    head = [t.text.upper() for t in tokens[:6]]
    return bool(head) and head[0] == "CREATE" and ("FUNCTION" in head or "PROCEDURE" in head)


def _starts_new_statement(
    tokens: Sequence[Token], i: int, source: str, current: Sequence[Token]
) -> bool:
    """A `;` inside unclosed parentheses still ends the statement when the next token starts a
    line with a statement keyword (a stray `(` must not swallow the rest of the file), except
    in CREATE RULE, whose actions are `;`-separated inside parentheses."""
    if i + 1 >= len(tokens):
        return True
    head = [t.text.upper() for t in current[:4]]
    if head[:1] == ["CREATE"] and "RULE" in head:
        return False
    nxt = tokens[i + 1]
    return "\n" in source[tokens[i].end + 1 : nxt.start] and nxt.text.upper() in _STATEMENT_STARTS


def _split(
    text: str, lexed: LexResult, problems: list[Problem], lines: _Lines, cut: int | None = None
) -> list[_Raw]:
    """Statements of `text`. When sqlglot's tokenizer gives up on the file, the part before an
    unterminated string/comment/dollar quote is split as usual and the rest reported; when it
    gives up for another reason, each statement found by the small lexer is tokenized on its
    own and only the ones that fail are reported. A statement also ends at `cut` (the offset
    of a down marker: `schemacheck.ddl.sections`)."""
    boundaries = sorted([m.start for m in lexed.metas if m.sends] + ([cut] if cut else []))
    try:
        return _split_tokens(tokenize(text), text, boundaries)
    except Exception:  # sqlglot's tokenizer raises TokenError and, on odd input, others
        pass
    if lexed.unterminated is not None:
        at = lexed.unterminated[0]
        cut = next((a for a, b in lexed.segments if a <= at < b), at)
        line, col = lines.at(cut + len(text[cut:]) - len(text[cut:].lstrip()))
        uline, ucol = lines.at(at)
        problems.append(
            Problem(
                "untokenizable",
                f"unterminated {lexed.unterminated[1]} starting at line {uline}, column {ucol}: "
                "the rest of the file was not checked",
                line,
                col,
                " ".join(text[cut:].split())[:200],
            )
        )
        prefix = text[:cut]
        try:
            return _split_tokens(tokenize(prefix), prefix, [b for b in boundaries if b < cut])
        except Exception:
            segments = [(a, b) for a, b in lexed.segments if b <= cut]
    else:
        segments = lexed.segments
    raws: list[_Raw] = []
    for start, end in segments:
        segment = text[start:end]
        try:
            tokens = tokenize(segment)
        except Exception:
            line, col = lines.at(start + len(segment) - len(segment.lstrip()))
            problems.append(
                Problem(
                    "untokenizable",
                    "this statement could not be tokenized",
                    line,
                    col,
                    " ".join(segment.split())[:200],
                )
            )
            continue
        for raw in _split_tokens(tokens, segment, ()):
            raws.append(
                _Raw(_shift(raw.words, start), raw.stop + start, raw.tokens, segment, raw.fresh)
            )
    return raws


def _shift(words: list[Word], base: int) -> list[Word]:
    return [Word(w.kind, w.value, w.start + base, w.end + base, w.token_type) for w in words]


class _Lines:
    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def at(self, offset: int) -> tuple[int, int]:
        k = bisect.bisect_right(self.starts, offset) - 1
        return k + 1, offset - self.starts[k] + 1


# ---------------------------------------------------------------- parsing


def _parse_raw(
    raw: _Raw, text: str, line: int, comments_inside: int
) -> tuple[exp.Expr | None, str | None]:
    """`_parse_tree(text, line)` without tokenizing again: the tokens the file was split with
    are parsed as they are when the tokenizer read them as it reads `text` alone. That is so
    when they follow a `;` (or start the text) and hold exactly the comments inside the
    statement (a comment before it or before its `;` goes to its first or last token, which
    the statement alone does not have). Otherwise, and to word an error, `text` is parsed."""
    tokens = raw.tokens
    if (
        not tokens
        or not raw.fresh
        or tokens[0].comments
        or tokens[-1].comments
        or sum(len(t.comments) for t in tokens) != comments_inside
    ):
        return _parse_tree(text, line)
    try:
        with quiet():
            trees = [t for t in parse_tokens(tokens, raw.source) if t is not None]
    except Exception:  # the error is worded with positions in `text`: parse that
        return _parse_tree(text, line)
    if len(trees) != 1:
        return None, f"read as {len(trees)} statements"
    return trees[0], None


def parse_statement(text: str, line: int) -> tuple[exp.Expr | None, str | None]:
    """sqlglot's tree of one statement's text starting on `line` of its file, or None and the
    error (its line counted in the file)."""
    return _parse_tree(text, line)


# sqlglot words some errors with a token's repr, whose line and column count in the statement,
# not in the file: the token's text is what the reader needs.
_TOKEN_REPR = re.compile(
    r"<Token token_type: [\w.]+, text: (.*?), line: \d+, col: \d+, start: [^>]*>"
)


def _token_text(m: re.Match[str]) -> str:
    return f"`{m.group(1)}`"


def _parse_tree(text: str, line: int) -> tuple[exp.Expr | None, str | None]:
    try:
        with quiet():
            trees = [t for t in parse_tokens(_DIALECT.tokenize(text), text) if t is not None]
    except sqlglot.errors.ParseError as e:
        first = e.errors[0] if e.errors else {}
        desc = _TOKEN_REPR.sub(_token_text, str(first.get("description") or e).splitlines()[0])
        where = first.get("line")
        if isinstance(where, int):
            return None, f"{desc} (line {line + where - 1}, column {first.get('col')})"
        return None, desc
    except Exception as e:  # sqlglot can raise anything on odd input (recursion, bad tokens)
        return None, f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}".strip()
    if len(trees) != 1:
        return None, f"read as {len(trees)} statements"
    return trees[0], None


# Statements parsed while the file is read, from the tokens at hand: those whose kind or
# completeness the tree decides, and those the lint rules read the tree of (UPDATE, DELETE and
# SELECT, and any statement that may hold an UPDATE or DELETE: `mentions_dml`). The others are
# parsed from their text if and when their tree is asked for (`Statement.tree`), with the same
# result.
_TREE_NEEDED = frozenset({"unknown", "select", "update", "delete"})
# DELETE and UPDATE after these words name an event or a foreign key action (`ON DELETE
# CASCADE`, `BEFORE UPDATE OR DELETE`, `INSTEAD OF UPDATE`), not a statement.
_EVENT_BEFORE = frozenset({"ON", "BEFORE", "AFTER", "OR", "OF"})
_DML_WORDS = frozenset({"DELETE", "UPDATE"})


def mentions_dml(words: Iterable[Word]) -> bool:
    """Whether a statement's words hold DELETE or UPDATE other than as an event or a foreign
    key action (strings and comments are not words): a statement without one has no UPDATE or
    DELETE in its tree."""
    before = ""
    for w in words:
        upper = w.value.upper() if w.kind == "word" else ""
        if upper in _DML_WORDS and before not in _EVENT_BEFORE:
            return True
        before = upper
    return False


def statement_mentions_dml(s: Statement) -> bool:
    """`mentions_dml` of a statement's words, as recorded while reading it."""
    return s.dml_words if s.dml_words is not None else mentions_dml(s.words)


_TREE_KINDS: tuple[tuple[type[exp.Expr], str], ...] = (
    (exp.Select, "select"),
    (exp.Union, "select"),
    (exp.Insert, "insert"),
    (exp.Update, "update"),
    (exp.Delete, "delete"),
    (exp.Values, "values"),
)


def _suppressions(comment: Comment, lines: _Lines, problems: list[Problem]) -> Suppression | None:
    m = _SUPPRESS.match(comment.text.strip().rstrip("*/").strip())
    if not m:
        return None
    line, col = lines.at(comment.start)
    file_wide = m.group(1).lower() == "ignore-file"
    rest = m.group(2)
    codes_m = _CODES.match(rest)
    if not codes_m:
        problems.append(
            Problem(
                "bad_suppression",
                f"`schemacheck: {m.group(1).lower()}` names no rule code or slug",
                line,
                col,
                comment.text.strip(),
            )
        )
        return None
    items = codes_m.group(1).split(",")
    rest = codes_m.group(2)
    more = _MORE_CODES.match(rest)
    if more:
        items += re.split(r"[\s,]+", more.group(1).strip())
        rest = more.group(2)
    codes = tuple(
        c.strip().upper() if re.fullmatch(r"[A-Za-z]+\d+", c.strip()) else c.strip().lower()
        for c in items
    )
    codes = tuple("ALL" if c in ("all", "*") else c for c in codes)
    reason = rest.strip().lstrip(":-—(").rstrip(")").strip()
    return Suppression(codes, reason, line, col, file_wide, comment.text.strip())


def parse_text(
    text: str,
    path: str = "<string>",
    *,
    role: FileRole | None = None,
    version: int | None = None,
    problems: Sequence[Problem] = (),
) -> SqlFile:
    """Parse one file's text. Role and version default to what `classify_path(path)` says."""
    if role is None:
        role, guessed = classify_path(path)
        version = guessed if version is None else version
    text = text.removeprefix("\ufeff")
    all_problems: list[Problem] = list(problems)
    lines = _Lines(text)
    lexed = lex(text)
    for meta in lexed.metas:
        line, col = lines.at(meta.start)
        all_problems.append(
            Problem(
                "meta_command",
                f"psql meta-command {meta.text.split()[0]} skipped (not SQL)",
                line,
                col,
                meta.text,
            )
        )
    masked = blank_out(text, [(m.start, m.end) for m in lexed.metas] + lexed.copy_data)
    down_at = down_marker(text, lexed.comments)
    raws = _split(masked, lexed, all_problems, lines, down_at)

    # Comments: suppressions attach to the statement that follows them, to the statement they
    # sit in, or (same line, after the `;`) to the statement they end.
    file_suppressions: list[Suppression] = []
    parsed_comments: list[tuple[Comment, Suppression | None]] = []
    for c in lexed.comments:
        sup = _suppressions(c, lines, all_problems)
        if sup is not None and sup.file_wide:
            file_suppressions.append(sup)
            sup = None
        parsed_comments.append((c, sup))

    comment_starts = [c.start for c in lexed.comments]
    statements: list[Statement] = []
    comment_i = 0
    prev_stop = 0
    # the migration tool's own transaction around the file or each of its sections, or the
    # implicit one PostgreSQL runs a part in that the tool sends as one query
    tool = sections.tool_transactions(
        path,
        text,
        lexed.comments,
        ((r.words[0].start, masked[r.words[0].start : r.words[-1].end]) for r in raws),
        down_at,
    )
    txn_open = tool.up
    txn_id = 0 if tool.up else -1
    txn_begin: tuple[int, int] | None = None
    txn_tool = tool.transaction_tool("up")  # the tool whose transaction is open
    txn_nested = False  # a BEGIN was met inside the tool's transaction
    in_down = False
    path_schema: str | None = None  # the search path's first schema (None: public)
    local_schema: tuple[str | None] | None = None  # set by SET LOCAL, until the transaction ends
    for index, raw in enumerate(raws):
        start, end = raw.words[0].start, raw.words[-1].end
        line, col = lines.at(start)
        end_line = lines.at(max(start, end - 1))[0]
        stmt_text = masked[start:end]
        leading: list[str] = []
        sups: list[Suppression] = []
        while comment_i < len(parsed_comments) and parsed_comments[comment_i][0].start < raw.stop:
            c, sup = parsed_comments[comment_i]
            comment_i += 1
            if c.start < prev_stop:
                continue
            if c.start < start:
                leading.append(c.text.strip())
            if sup is not None:
                sups.append(sup)
        # a trailing comment on the line the statement ends on, unless another statement
        # starts before it on that line (`SELECT 1; SELECT 2; -- ...` speaks of SELECT 2)
        next_start = raws[index + 1].words[0].start if index + 1 < len(raws) else len(masked)
        while comment_i < len(parsed_comments):
            c, sup = parsed_comments[comment_i]
            if "\n" in masked[raw.stop : c.start] or c.start > next_start:
                break
            comment_i += 1
            if sup is not None:
                sups.append(sup)
        prev_stop = raw.stop

        rec = recover(raw.words, masked)
        kind = rec.kind
        parsed: tuple[exp.Expr | None, str | None] | None = None
        dml = mentions_dml(raw.words)
        if kind in _TREE_NEEDED or not rec.complete or dml:
            inside = bisect.bisect_left(comment_starts, end) - bisect.bisect_left(
                comment_starts, start
            )
            parsed = _parse_raw(raw, stmt_text, line, inside)
            tree = parsed[0]
            if kind == "unknown" and tree is not None and not isinstance(tree, exp.Command):
                kind = next((k for t, k in _TREE_KINDS if isinstance(tree, t)), "unknown")
            understood = kind != "unknown" and (
                rec.complete or (tree is not None and not isinstance(tree, exp.Command))
            )
        else:
            understood = True  # known kind, facts complete: the tree can wait until asked for
        if understood and _holds_placeholder(raw.words):
            understood = False  # the token reader skips `${role}`; PostgreSQL would refuse it

        facts = rec.facts
        implied = local_schema[0] if local_schema is not None else path_schema
        if implied is not None:
            facts = with_implied(facts, implied)
        change = path_change(kind, facts, stmt_text)
        if change is not None:
            if change[1]:
                local_schema = (change[0],)
            else:
                path_schema, local_schema = change[0], None
        if kind in ("commit", "rollback", "prepare_transaction"):
            local_schema = None

        if down_at is not None and not in_down and start > down_at:
            in_down = True  # the tool commits the up part's transaction and opens the down's
            if txn_open and txn_tool:
                txn_open, txn_tool = False, ""
            if tool.down and not txn_open:
                txn_open, txn_tool, txn_nested = True, tool.transaction_tool("down"), False
                txn_id += 1
        in_txn = txn_open
        this_txn: int | None = txn_id if txn_open else None
        this_tool = txn_tool if txn_open else ""
        part = "section" if down_at is not None else "file"
        tool_name = sections.tool_name(txn_tool)
        if kind == "begin":
            if txn_open and txn_tool and not txn_nested:
                txn_nested = True
                all_problems.append(
                    Problem(
                        "nested_transaction",
                        f"BEGIN inside the transaction {tool_name} runs this {part} in: "
                        f"PostgreSQL only warns, and the first COMMIT ends {tool_name}'s "
                        "transaction",
                        line,
                        col,
                        " ".join(stmt_text.split()),
                    )
                )
            elif txn_open:
                all_problems.append(
                    Problem(
                        "nested_transaction",
                        "BEGIN inside a transaction that is already open: PostgreSQL only "
                        "warns, and the first COMMIT ends both",
                        line,
                        col,
                        " ".join(stmt_text.split()),
                    )
                )
            else:
                txn_open = True
                txn_id += 1
                txn_begin = (line, col)
        elif kind in ("commit", "rollback", "prepare_transaction"):
            if txn_open:
                if txn_tool and not txn_nested:
                    word = stmt_text.split()[0].upper()
                    all_problems.append(
                        Problem(
                            "no_transaction",
                            f"{word} with no BEGIN ends the transaction {tool_name} runs this "
                            f"{part} in: what follows runs outside any transaction, and "
                            f"{tool_name}'s own COMMIT finds none open",
                            line,
                            col,
                            " ".join(stmt_text.split()),
                        )
                    )
                txn_open = _AND_CHAIN.search(stmt_text) is not None  # ends one, opens the next
                if txn_open:
                    txn_id += 1
                    txn_begin = (line, col)
                else:
                    txn_tool, txn_nested = "", False
            else:
                all_problems.append(
                    Problem(
                        "no_transaction",
                        f"{stmt_text.split()[0].upper()} with no transaction open",
                        line,
                        col,
                        " ".join(stmt_text.split()),
                    )
                )
        statements.append(
            Statement(
                path=path,
                line=line,
                column=col,
                index=index,
                text=stmt_text,
                kind=kind,
                facts=facts,
                in_transaction=in_txn,
                transaction=this_txn,
                transaction_tool=this_tool,
                suppressions=tuple(sups),
                comments=tuple(leading),
                understood=understood,
                end_line=end_line,
                words=tuple(raw.words),
                dml_words=dml,
                parsed=parsed,
            )
        )
    for c, sup in parsed_comments[comment_i:]:
        if sup is not None:
            all_problems.append(
                Problem(
                    "bad_suppression",
                    "`schemacheck: ignore` comment is not followed by any statement",
                    sup.line,
                    sup.column,
                    c.text.strip(),
                )
            )
    if txn_open and not txn_tool and txn_begin is not None:
        all_problems.append(
            Problem(
                "unclosed_transaction",
                "BEGIN is never committed or rolled back before the end of the file",
                txn_begin[0],
                txn_begin[1],
            )
        )
    parsed_file = SqlFile(
        path=path,
        role=role,
        version=version,
        statements=tuple(statements),
        problems=tuple(sorted(all_problems, key=lambda p: (p.line, p.column))),
        suppressions=tuple(file_suppressions),
        text=text,
        tool=tool.tool,
        tool_transaction=tool.up,
    )
    if down_at is None:
        return parsed_file
    return sections.split(parsed_file, lines.at(down_at)[0], tool.down)


def parse_bytes(
    data: bytes, path: str, *, role: FileRole | None = None, version: int | None = None
) -> SqlFile:
    """Decode (UTF-8; invalid bytes replaced and reported) and parse."""
    problems: list[Problem] = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        before = data[: e.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        col = len(before) - (before.rfind("\n") + 1) + 1
        problems.append(
            Problem(
                "encoding",
                f"bytes that are not UTF-8 (first at byte {e.start}); read with replacement "
                "characters",
                line,
                col,
            )
        )
    if "\x00" in text:
        before = text[: text.index("\x00")]
        problems.append(
            Problem(
                "encoding",
                "NUL byte in the file (PostgreSQL rejects it)",
                before.count("\n") + 1,
                len(before) - (before.rfind("\n") + 1) + 1,
            )
        )
    return parse_text(text, path, role=role, version=version, problems=problems)


def read_source(path: str | os.PathLike[str]) -> bytes:
    """A file's bytes; `InputError` naming the path if it cannot be read."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as e:
        raise InputError(f"{path}: cannot read ({e.strerror or e})") from None


def parse_file(path: str | os.PathLike[str]) -> SqlFile:
    """Read and parse one file; `InputError` naming the path if it cannot be read."""
    return parse_bytes(read_source(path), str(path))


# ---------------------------------------------------------------- layout


_VERSION = re.compile(r"^[Vv]?(\d+)(?=[._-])")
# A name starting with a date (`2025-06-13_add_x.sql`, `2024_01_15_123456_x.sql`): the whole
# date and time is the version (20250613), not just the year.
_DATED = re.compile(r"^(\d{4}[-_]\d{2}[-_]\d{2}(?:[-_]\d{2,6}(?=[-_.]))*)(?=[._-])")
_POSTGRATOR_UNDO = re.compile(r"^\d+\.undo\.", re.I)
_ROLLBACK_NAME = re.compile(
    r"(\.rollback|_rollback|-rollback|\.down|_down|-down|\.undo|_undo)\.sql$", re.I
)
# One migration's folder: its name is the version and a name (`2024-01-01-000000_add_x`,
# `20220305233635_x`, `0005_x`; not a bare `2024` or `v2`); separators in the number dropped.
_DIR_VERSION = re.compile(r"^[Vv]?(\d+(?:[-_.]\d+)*)(?=[-_.]?[A-Za-z])")
# Files named for their step inside a migration's folder.
_ROLLBACK_FILES = frozenset({"down.sql", "rollback.sql", "undo.sql"})
_STEP_FILES = frozenset({"up.sql", "migration.sql"}) | _ROLLBACK_FILES
_DIR_ROLES: dict[str, FileRole] = {
    "prerequisites": "prerequisite",
    "prerequisite": "prerequisite",
    "prereqs": "prerequisite",
    "migrations": "migration",
    "migration": "migration",
    "up": "migration",
    "rollbacks": "rollback",
    "rollback": "rollback",
    "down": "rollback",
    "undo": "rollback",
    "checks": "check",
    "check": "check",
    # sqitch
    "deploy": "migration",
    "revert": "rollback",
    "verify": "check",
}


# Only the file's nearest directories name its role: an ancestor far up (a checkout under
# `/builds/check/...`) says nothing about the file.
_ROLE_DIR_DEPTH = 2
# folders of tests (pgTAP's `supabase/tests/database/09-rls.sql`): a number in a file's name
# there orders the tests, it is no migration's version
_TEST_DIRS = frozenset({"test", "tests"})


def classify_path(path: str | os.PathLike[str]) -> tuple[FileRole, int | None]:
    """Role and version from the layout (`sql/migrations/118_x.sql`, `migrations/2024/118_x.sql`;
    the parent or grandparent directory) or the file name (not in a folder of tests, whose
    numbered files are tests: pgTAP's `tests/database/09-x.sql`). A file whose name holds no
    version takes the one its directory starts with when it is one migration's folder: Diesel's
    `migrations/2024-01-01-000000_x/up.sql` and `down.sql`, Prisma's `.../<ts>_x/migration.sql`."""
    parts = Path(path).parts
    name = parts[-1] if parts else str(path)
    m = _DATED.match(name) or _VERSION.match(name)
    if m is None and name[:1] in "Uu":
        m = _VERSION.match(name[1:])  # Flyway undo: U118__x.sql
    version = int(re.sub(r"[-_]", "", m.group(1))) if m else None
    rollback_named = (
        bool(_ROLLBACK_NAME.search(name))
        or bool(re.match(r"^[Uu]\d+(?:[._]\d+)*__", name))  # Flyway undo, U1.1__x.sql too
        or bool(_POSTGRATOR_UNDO.match(name))  # postgrator: 0001.undo.x.sql (0001.do.x.sql)
        or name.lower() in _ROLLBACK_FILES
    )
    role, role_depth = _role_directory(parts)
    if version is None and len(parts) >= 2 and (role_depth == 2 or name.lower() in _STEP_FILES):
        d = _DIR_VERSION.match(parts[-2])
        if d is not None:
            version = int(re.sub(r"[-_.]", "", d.group(1)))
    if role_depth:
        position = _plan_position(parts, role_depth)
        if position is not None:
            version = position
    if role == "migration" and rollback_named:
        role = "rollback"
    if role is None:
        if rollback_named:
            role = "rollback"
        elif (version is not None or name.startswith("R__")) and not _in_test_folder(parts):
            role = "migration"  # R__x.sql: Flyway's repeatable migration, run after the others
        else:
            role = "other"
    return role, version


def _in_test_folder(parts: Sequence[str]) -> bool:
    """The file's parent or grandparent is a folder of tests."""
    return any(part.lower() in _TEST_DIRS for part in parts[-1 - _ROLE_DIR_DEPTH : -1])


def _role_directory(parts: Sequence[str]) -> tuple[FileRole | None, int]:
    """The role a file's parent or grandparent directory names, and how many levels up it is
    (1: the parent); (None, 0) when neither names one. A script in a sqitch project's deploy,
    revert or verify folder (its `sqitch.conf` may name them otherwise) takes that folder's
    role, however deep below it the file is (`deploy/app/users/table.sql`: 3 levels up)."""
    found = sqitch.locate(parts)
    if found is not None:
        return _DIR_ROLES[found.kind], found.depth
    for depth, part in enumerate(reversed(parts[-1 - _ROLE_DIR_DEPTH : -1]), start=1):
        role = _DIR_ROLES.get(part.lower())
        if role is not None:
            return role, depth
    return None, 0


# sqitch's directories: their project deploys its changes in the order of its `sqitch.plan`
_SQITCH_DIRS = frozenset({"deploy", "revert", "verify"})


def _sqitch_change(parts: Sequence[str], depth: int) -> tuple[str, str] | None:
    """The folder of the sqitch project a file is in, and the file's change as the plan names
    it (`users`, `app/users/table`, `users@v1.0`): where its project's layout (`sqitch.locate`,
    `sqitch.conf` followed) puts it, else, with no project around, when its role directory
    (`depth` levels up) is named `deploy`, `revert` or `verify` and the file is a `.sql`
    one."""
    found = sqitch.locate(parts)
    if found is not None:
        return found.project.root, found.script
    if not depth or parts[-1 - depth].lower() not in _SQITCH_DIRS:
        return None
    name = parts[-1]
    if not name.lower().endswith(".sql"):
        return None
    script = "/".join((*parts[len(parts) - depth : -1], name[:-4]))
    return os.path.join(*parts[: -1 - depth]) if len(parts) > depth + 1 else "", script


def _plan_position(parts: Sequence[str], depth: int) -> int | None:
    """The 1-based position in its project's plan of the change a script in a sqitch project's
    deploy, revert or verify folder belongs to; None outside them, without a plan, or for a
    change the plan does not hold. Where the folders are is the project's (`sqitch.locate`,
    the lookup `_role_directory` found `depth` with). Each plan is read once per run
    (`sqitch.Project.plan`)."""
    del depth  # the project's layout decides, not the folder's name
    found = sqitch.locate(parts)
    if found is None:
        return None
    plan = found.project.plan
    return plan.position(found.script) if plan is not None else None


def in_sqitch_plan(path: str) -> bool:
    """Whether a file's version is its change's position in a sqitch plan."""
    return _plan_position(Path(path).parts, 0) is not None


def display_name(path: str | os.PathLike[str]) -> str:
    """How a message names a file: its name, with its folder for the step files every migration
    of a layout names alike (Diesel's `<version>_x/up.sql` and `down.sql`, Prisma's
    `<version>_x/migration.sql`)."""
    parts = Path(path).parts
    if len(parts) >= 2 and parts[-1].lower() in _STEP_FILES:
        return f"{parts[-2]}/{parts[-1]}"
    return parts[-1] if parts else str(path)


def project_folder(path: str | os.PathLike[str]) -> str:
    """The folder of the project a file belongs to, as its layout shows: the one holding its
    role directory (`sql` for `sql/migrations/2024/118_x.sql`), else its own folder, or the
    one above for a step file in a migration's folder of its own (`x/0007_y/down.sql`). A
    sqitch project's scripts belong to its folder wherever its `sqitch.conf` puts them."""
    parts = Path(path).parts
    found = sqitch.locate(parts)
    if found is not None:
        return Path(found.project.root).as_posix() if found.project.root else ""
    name = parts[-1].lower() if parts else ""
    depth = _role_directory(parts)[1]
    if depth:
        return Path(*parts[: -1 - depth]).as_posix() if len(parts) > depth + 1 else ""
    up = 2 if name in _STEP_FILES and len(parts) >= 2 and _DIR_VERSION.match(parts[-2]) else 1
    return Path(*parts[:-up]).as_posix() if len(parts) > up else ""


def discover(paths: Iterable[str | os.PathLike[str]]) -> list[SqlFile]:
    """Parse every `*.sql` under the given paths (files are taken whatever their extension),
    each once, sorted by role order (prerequisites, migrations, rollbacks, checks, other),
    version and name. `InputError` on a path that does not exist or cannot be read."""
    files = [parse_file(q) for q in find_sql_files(paths)]
    return sorted(files, key=lambda f: f.sort_key)


def find_sql_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The files `discover` parses, in the order found (`InputError` on a missing path or a
    directory without any `.sql` file). A directory's files named for another database, or
    in a folder below it named for one (`x.mysql.up.sql`, `mysql/001_x.sql`: see
    `sql_files`), are left out; a file named on its own is taken."""
    return sql_files(paths)[0]


def sql_files(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[Path], list[tuple[Path, str]]]:
    """`find_sql_files`, and from the same walk the files of the directories it leaves out, each
    with why: named for another database, or in a folder below the directory given named for
    one (projects that keep migrations for several side by side: `x.postgres.up.sql`,
    `x.mysql.up.sql`, Diesel's `migrations/{postgresql,mysql,sqlite}/...`), or a sqitch
    script whose change its project's `sqitch.plan` does not name (sqitch never deploys
    it)."""
    ours: list[Path] = []
    left_out: list[tuple[Path, str]] = []
    for q, foreign in _walk(paths):
        if foreign is None:
            ours.append(q)
        else:
            left_out.append((q, foreign))
    unplanned, unread = _read_plans(ours)
    if unplanned:
        ours = [q for q in ours if q not in unplanned]
        left_out += [
            (q, f"not in {plan}: sqitch does not deploy it") for q, plan in unplanned.items()
        ]
    for conf, lines in unread.items():
        which = "cannot be read" if 0 in lines else f"lines {', '.join(map(str, lines))}"
        left_out.append(
            (
                Path(conf),
                f"{which} skipped (sqitch refuses such a file): the rest places the scripts",
            )
        )
    return ours, left_out


def _read_plans(found: Sequence[Path]) -> tuple[dict[Path, str], dict[str, tuple[int, ...]]]:
    """A run starts: the sqitch projects (`sqitch.conf`, plan) `found` files are in are read
    again (once each: an edited plan or conf is seen by the next run), before any file is
    classified, so the worker processes that parse the files (`schemacheck.ddl.pool`, forked)
    have them. Returns the scripts whose project has a plan that does not name their change,
    with the plan's path, and the confs with lines that cannot be read, with those lines (0:
    the whole file). Such a line is skipped (`sqitch.Conf.skipped`): the keys that could be
    read still place the files."""
    sqitch.forget()
    unplanned: dict[Path, str] = {}
    unread: dict[str, tuple[int, ...]] = {}
    for q in found:
        where = sqitch.locate(q.parts)
        if where is None:
            continue
        project = where.project
        if project.conf_file is not None and project.conf.skipped:
            unread[project.conf_file] = project.conf.skipped
        plan = project.plan
        if plan is not None and plan.position(where.script) is None:
            unplanned[q] = project.plan_file
    return unplanned, unread


def _holds_placeholder(words: Sequence[Word]) -> bool:
    """Whether a statement holds a migration tool's placeholder outside its strings and
    comments (Flyway's `${role}`, goose's `${VAR}`): a `$` right before a `{`, which no
    PostgreSQL statement holds there."""
    return any(
        a.value == "$" and b.value == "{" and a.end == b.start for a, b in itertools.pairwise(words)
    )


_FOREIGN_DIALECTS = {
    "mysql": "MySQL",
    "mariadb": "MariaDB",
    "sqlite": "SQLite",
    "sqlite3": "SQLite",
    "mssql": "SQL Server",
    "sqlserver": "SQL Server",
    "oracle": "Oracle",
    "cockroach": "CockroachDB",
    "cockroachdb": "CockroachDB",
}


def _dialect_of(relative: Path) -> str | None:
    """Why a file is for another database, from its path below the directory walked (None:
    it is ours): a dot-separated part of its name (`x.mysql.sql`) or of a folder's name
    (Diesel's `migrations/mysql/<version>_x/up.sql`, `db.sqlite/001_x.sql`) names one, whole
    parts only (`mysql_compat/` is not another database's)."""
    *folders, name = relative.parts
    for part in name.lower().split(".")[1:-1]:
        if part in _FOREIGN_DIALECTS:
            return f"named for {_FOREIGN_DIALECTS[part]}, not for PostgreSQL"
    for at, folder in enumerate(folders):
        for part in folder.lower().split("."):
            if part in _FOREIGN_DIALECTS:
                where = Path(*folders[: at + 1]).as_posix()
                return f"in {where}/, a folder for {_FOREIGN_DIALECTS[part]}, not for PostgreSQL"
    return None


def _walk(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str | None]]:
    """Each SQL file of `paths` once, with why it is for another database (None: ours)."""
    seen: set[Path] = set()
    for given in paths:
        p = Path(given)
        if p.is_dir():
            candidates = sorted(
                q
                for q in p.rglob("*.sql")
                if q.is_file() and not any(part.startswith(".") for part in q.relative_to(p).parts)
            )
            if not candidates:  # a wrong path in CI must not pass as "no findings"
                raise InputError(f"{given}: no .sql files in this directory")
            named = [(q, _dialect_of(q.relative_to(p))) for q in candidates]
        elif p.exists():
            named = [(p, None)]
        else:
            raise InputError(f"{given}: no such file or directory")
        for q, dialect in named:
            key = q.resolve()
            if key not in seen:
                seen.add(key)
                yield q, dialect


def pair_rollbacks(files: Sequence[SqlFile]) -> dict[str, SqlFile]:
    """Map each rollback file's path to the forward migration with the same version (a Flyway
    version whole: `U1.1__x.sql` undoes `V1.1__x.sql`, not `V1__y.sql`); where
    several migrations share it, the one named like the rollback (`0005_beta.up.sql` for
    `0005_beta.down.sql`), else the one in the same folder, else the first. A rollback without
    a version, or whose version is its change's place in a sqitch plan, is paired with the
    migration of its name in its project (sqitch's `revert/x.sql` with `deploy/x.sql`)."""
    ordered = sorted(files, key=lambda f: f.sort_key)
    planned = {f.path for f in ordered if f.version is not None and in_sqitch_plan(f.path)}
    forward: dict[tuple[int, ...] | None, list[SqlFile]] = {}
    for f in ordered:
        if f.role == "migration" and f.version is not None and f.path not in planned:
            forward.setdefault(f.full_version, []).append(f)
    pairs: dict[str, SqlFile] = {}
    by_name = {
        _name_key(f.path): f
        for f in reversed(ordered)
        if f.role == "migration" and (f.version is None or f.path in planned)
    }
    for f in files:
        if f.role == "rollback" and (f.version is None or f.path in planned):
            same = by_name.get(_name_key(f.path))
            if same is not None:  # sqitch: revert/x.sql undoes deploy/x.sql
                pairs[f.path] = same
            continue
        if f.role != "rollback" or f.version is None or f.full_version not in forward:
            continue
        candidates = forward[f.full_version]
        if len(candidates) > 1:
            stem, folder = _stem(f.path), _folder(f.path)
            candidates = (
                [c for c in candidates if _stem(c.path) == stem and _folder(c.path) == folder]
                or [c for c in candidates if _stem(c.path) == stem]
                or [c for c in candidates if _folder(c.path) == folder]
                or candidates
            )
        pairs[f.path] = candidates[0]
    return pairs


def _name_key(path: str) -> tuple[str, str]:
    """What pairs a rollback with a migration by name: their project and their name, the
    change's whole name under sqitch's directories (`deploy/schema/users.sql` is the change
    `schema/users`, not `users`), else the name without its step suffix."""
    parts = Path(path).parts
    change = _sqitch_change(parts, _role_directory(parts)[1])
    return project_folder(path), change[1].lower() if change is not None else _stem(path)


_STEP_SUFFIX = re.compile(r"([._-](rollback|down|undo|up))?\.sql$", re.I)


def undone_by(files: Sequence[SqlFile]) -> dict[tuple[str, str], SqlFile]:
    """The migration each rollback of `files` undoes, by the rollback's ident: rollback files
    as `pair_rollbacks` pairs them, then each file's own down section (dbmate, goose)."""
    by_path = {f.path: f for f in reversed(files)}  # the first file of a path
    out = {by_path[rb].ident: fwd for rb, fwd in pair_rollbacks(files).items()}
    for f in files:
        if f.down is not None:
            out[f.down.ident] = f
    return out


def _stem(path: str) -> str:
    """A migration's or rollback's name without its step suffix and Flyway prefix."""
    name = _STEP_SUFFIX.sub("", path.replace("\\", "/").rsplit("/", 1)[-1]).lower()
    return name[1:] if re.match(r"^[uv]\d", name) else name


def _folder(path: str) -> str:
    return path.replace("\\", "/").rsplit("/", 1)[0] if "/" in path.replace("\\", "/") else ""
