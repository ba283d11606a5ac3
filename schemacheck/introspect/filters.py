"""Which schemas to read, as parameters the catalog queries apply themselves (in SQL)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast")
"""Left out (with pg_temp_N and pg_toast_temp_N) unless named in the include list."""


@dataclass(frozen=True)
class SchemaFilter:
    """`schemas`: only these (None: every non-system schema); `exclude`: glob patterns
    (`*`, `?`) removed from either; `extension_objects`: keep objects owned by extensions."""

    schemas: tuple[str, ...] | None = None
    exclude: tuple[str, ...] = ()
    extension_objects: bool = False

    @classmethod
    def of(
        cls,
        schemas: Sequence[str] | None = None,
        exclude: Sequence[str] = (),
        extension_objects: bool = False,
    ) -> SchemaFilter:
        if isinstance(schemas, str) or isinstance(exclude, str):
            raise TypeError("schemas and exclude_schemas take a sequence of names, not a str")
        return cls(None if schemas is None else tuple(schemas), tuple(exclude), extension_objects)

    def params(self) -> dict[str, Any]:
        """The query parameters `prelude.sql` reads."""
        return {
            "schemas": None if self.schemas is None else list(self.schemas),
            "exclude": [glob_to_like(p) for p in self.exclude],
            "extension_objects": self.extension_objects,
        }


def glob_to_like(pattern: str) -> str:
    """`tmp_*` -> `tmp\\_%`: a glob as a LIKE pattern (backslash escapes)."""
    out: list[str] = []
    for ch in pattern:
        if ch == "*":
            out.append("%")
        elif ch == "?":
            out.append("_")
        elif ch in "%_\\":
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)
