"""The catalog queries: one .sql file per object kind under `queries/`, read once.

Every kind query is prefixed with `queries/prelude.sql`, which defines the selected schemas
(`ns`) and relations (`rel`). A file may hold `/*since 140000: NEW*/OLD`: the server runs NEW
from that server_version_num on and OLD before it (the only version branch the SQL needs).
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

KINDS = (
    "schemas",
    "extensions",
    "tables",
    "columns",
    "indexes",
    "constraints",
    "foreign_keys",
    "triggers",
    "functions",
    "sequences",
    "views",
    "enums",
)
"""The per-kind queries, run in this order; each returns every object of its kind."""

_SINCE = re.compile(r"/\*since (\d+): (.*?)\*/(\S+)")


@cache
def _text(name: str) -> str:
    return resources.files("schemacheck.introspect").joinpath(f"queries/{name}.sql").read_text()


def kind_query(kind: str, server_version: int) -> str:
    """The prelude plus the query for `kind`, branched for `server_version`."""
    return versioned(f"{_text('prelude')}\n{_text(kind)}", server_version)


def plain_query(name: str, server_version: int) -> str:
    """A query file without the prelude (e.g. `version_table`)."""
    return versioned(_text(name), server_version)


def versioned(text: str, server_version: int) -> str:
    """Resolve every `/*since N: NEW*/OLD` marker for `server_version`."""

    def pick(m: re.Match[str]) -> str:
        return m.group(2) if server_version >= int(m.group(1)) else m.group(3)

    return _SINCE.sub(pick, text)
