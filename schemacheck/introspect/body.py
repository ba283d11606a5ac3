"""The body hash of a function, computed the same way from the live catalog and from SQL."""

from __future__ import annotations

import hashlib


def body_hash(text: str) -> str:
    """md5 (hex) of the body with every run of whitespace folded to one space and the ends
    trimmed: `$$ BEGIN  RETURN 1;\\nEND $$` and `$$BEGIN RETURN 1; END$$` hash alike.

    Give it the text between the dollar quotes (what PostgreSQL stores as `prosrc`); for a
    SQL-standard body (BEGIN ATOMIC ... END, RETURN ...) the live side hashes the body as
    PostgreSQL prints it back (`pg_get_function_sqlbody`)."""
    normalized = " ".join(text.split())
    return hashlib.md5(normalized.encode("utf-8"), usedforsecurity=False).hexdigest()
