"""A statement that neither sqlglot nor schemacheck's own token reader could make sense of, or
a part of a file that could not even be split into tokens (an unterminated string, quoted
identifier, block comment or dollar quote).

Every other statement of the file is still checked; this one is not, so a problem in it would
go unnoticed. PostgreSQL will most likely reject it too. A statement that cannot be read
because it holds a placeholder its migration tool fills in (Flyway's `${flyway:defaultSchema}`,
goose's `${VAR}` under `-- +goose ENVSUB ON`) is named as such.

## Bad

```sql
CREATE TABLE device_keys (id uuid PRIMARY KEY, user_id uuid NOT NULL;
SELECT 'unterminated;
```

## Good

```sql
CREATE TABLE device_keys (id uuid PRIMARY KEY, user_id uuid NOT NULL);
SELECT 'terminated';
```
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from schemacheck.ddl.statement import Statement
from schemacheck.findings import Severity
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule

# a placeholder a migration tool fills in before it runs the file: Flyway's `${name}` and
# `${flyway:defaultSchema}`, goose's `${VAR}` / `${VAR:-default}` (with ENVSUB ON)
_PLACEHOLDER = re.compile(r"\$\{[^}\s]{1,80}\}")
# the parser's own class in its error (`missing for <class 'sqlglot.expressions.core.Parameter'>`)
_CLASS = re.compile(r"<class '(?:\w+\.)*(\w+)'>")


def _placeholders(s: Statement) -> list[str]:
    """The placeholders a statement holds outside its strings (`${role}`: a `$` right before
    a `{`, up to the next `}`), each once in order; from its text where it has no words."""
    if not s.words:
        return list(dict.fromkeys(m.group() for m in _PLACEHOLDER.finditer(s.text)))
    base = s.words[0].start
    found: list[str] = []
    words = s.words
    for i, (a, b) in enumerate(itertools.pairwise(words)):
        if a.value == "$" and b.value == "{" and a.end == b.start:
            close = next((w for w in words[i + 2 :] if w.value == "}"), None)
            end = close.end if close is not None else words[-1].end
            text = s.text[a.start - base : end - base]
            if text not in found:
                found.append(text)
    return found


def _reason(error: str | None) -> str:
    """The parser's error, its class names read as words (`Parameter` -> `parameter`)."""
    return _CLASS.sub(lambda m: m.group(1).lower(), error) if error else ""


@rule(
    "SC000",
    "unparseable-statement",
    Severity.ERROR,
    "Fix the syntax so the statement can be read and checked.",
    scope="file",
)
def check(ctx: Context) -> Iterator[Hit]:
    for p in ctx.file.problems:
        if p.kind == "untokenizable":
            yield Hit(
                f"cannot read this part of the file: {p.message}", line=p.line, column=p.column
            )
    for s in ctx.file.statements:
        if not s.understood:
            held = _placeholders(s)
            if held:
                named = (
                    f"the placeholder {held[0]}"
                    if len(held) == 1
                    else f"the placeholders {', '.join(held[:-1])} and {held[-1]}"
                )
                why = f" (it holds {named}, which the migration tool fills in before running it)"
            else:
                why = f" ({_reason(s.parse_error)})" if s.parse_error else ""
            yield Hit(
                f"cannot parse statement `{s.snippet(60)}`{why}; it was not checked", statement=s
            )
