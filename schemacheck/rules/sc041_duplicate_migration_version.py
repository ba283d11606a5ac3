"""Two migrations of one project with the same version.

The migration tools that key migrations by their version refuse a second file with a version
already taken: golang-migrate ("duplicate migration file"), goose ("duplicate version"),
Flyway ("Found more than one migration with version 1"; `V1_1` and `V1.1`, `V2` and `V2.0`
are the same version), sqlx and Diesel; dbmate keeps versions as written (`001` and `1` are two)
and records each, so the second of two files with the same one fails on a new database and is
skipped without a word where the first ran. It happens when two branches each add "the next"
migration and both are merged: the deploy stops before either runs, or, with a tool that
records migrations by name, the two run in an order nobody chose.

The second file (in run order) is reported, naming the first. Files of one project only
(two projects linted together may share versions), and migrations only: a rollback shares
its migration's version by design. Not reported: files
named by their day alone (`2025-06-13_add_x.sql`: tools that name files so apply several a
day, ordered by the whole name), and sqitch changes (their order is the plan's, not a
version).

## Bad

```sql
-- file: migrations/100_doc.sql (migrations/100_add_nickname.sql came from another branch)
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
```

## Other migration

```sql
-- file: migrations/100_add_nickname.sql
ALTER TABLE users ADD COLUMN IF NOT EXISTS nickname text;
```

## Good

```sql
-- file: migrations/101_doc.sql (the next free version)
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_idx ON users (email);
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from schemacheck.ddl.parse import display_name, in_sqitch_plan, project_folder
from schemacheck.ddl.statement import SqlFile
from schemacheck.findings import Severity
from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import rule

# a name dated by its day alone (`2025-06-13_add_x.sql`, `2025_06_13-x.sql`)
_DAY_ONLY = re.compile(r"^\d{4}[-_]\d{2}[-_]\d{2}[-_.][^\d]")

Key = tuple[str, tuple[int, ...] | str]
_DIGITS = re.compile(r"^\d+")


def _key(f: SqlFile) -> Key | None:
    """The project and whole version a migration is known by, or None when its tool does not
    key it by version. dbmate keeps a version as written (`001` and `1` are two)."""
    version = f.full_version
    if f.role != "migration" or version is None or _DAY_ONLY.match(f.name):
        return None
    if in_sqitch_plan(f.path):
        return None
    if f.tool == "dbmate":
        digits = _DIGITS.match(f.name)
        return (project_folder(f.path), digits.group()) if digits else None
    return project_folder(f.path), version


def _first_of_version(ctx: Context) -> dict[Key, SqlFile]:
    """The first migration (in run order) of each project and version; once per run."""
    memo = ctx.history.memo
    found = memo.get("sc041 first of version")
    if not isinstance(found, dict):
        found = {}
        for f in ctx.history.files:
            key = _key(f)
            if key is not None:
                found.setdefault(key, f)
        memo["sc041 first of version"] = found
    return found


@rule(
    "SC041",
    "duplicate-migration-version",
    Severity.ERROR,
    "Give each migration a version of its own (renumber the later one).",
    scope="file",
    roles=("migration",),
)
def check(ctx: Context) -> Iterator[Hit]:
    f = ctx.file
    key = _key(f)
    if key is None:
        return
    first = _first_of_version(ctx).get(key)
    if first is None or first.ident == f.ident:
        return
    version = key[1]
    if isinstance(version, str):  # dbmate
        yield Hit(
            f"migration version {version} is taken by {display_name(first.path)}: dbmate "
            "records migrations by version, so on a new database the second one's record "
            "fails, and where the first ran the second is skipped without a word",
            object=f"migration {version}",
        )
        return
    shown = ".".join(str(p) for p in version)
    yield Hit(
        f"migration version {shown} is taken by {display_name(first.path)}: tools that key "
        "migrations by version (golang-migrate, goose, Flyway, sqlx, Diesel) refuse the "
        "second",
        object=f"migration {shown}",
    )
