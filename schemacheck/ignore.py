"""Ignore rules for the audit and drift: `public.*_tmp`, `kind=index`, `kind=index:public.*_tmp`.

A pattern matches an object's qualified name (`schema.table.name`, `schema.name`, or `name`
for schemas and extensions) or, for a table's columns, indexes, constraints, foreign keys and
triggers, the qualified name of their table. Every ignore that hides something is listed in the
report; nothing is hidden silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase

from schemacheck.errors import UsageError
from schemacheck.model import Kind, ObjectRef


@dataclass(frozen=True)
class IgnoreRule:
    """One ignore: an optional kind, an optional name glob, and where it was given."""

    text: str
    origin: str
    kind: Kind | None = None
    pattern: str | None = None

    @classmethod
    def parse(cls, text: str, origin: str) -> IgnoreRule:
        """Parse `kind=KIND`, `kind=KIND:GLOB` or `GLOB`; raise UsageError on a bad kind."""
        body = text.strip()
        if not body:
            raise UsageError(f"{origin}: empty ignore pattern")
        kind: Kind | None = None
        pattern: str | None = body
        if body.startswith("kind="):
            kind_text, _, rest = body[5:].partition(":")
            try:
                kind = Kind(kind_text.strip().lower().replace("-", "_"))
            except ValueError:
                choices = ", ".join(k.value for k in Kind)
                raise UsageError(
                    f"{origin}: unknown kind {kind_text!r} in ignore {text!r} (one of {choices})"
                ) from None
            pattern = rest.strip() or None
        return cls(text=body, origin=origin, kind=kind, pattern=pattern)

    def matches(self, ref: ObjectRef) -> bool:
        if self.kind is not None and ref.kind is not self.kind:
            return False
        if self.pattern is None:
            return True
        names = [ref.qualified]
        if ref.table_ref is not None:
            names.append(ref.table_ref.qualified)
        return any(fnmatchcase(name, self.pattern) for name in names)

    def describe(self) -> str:
        return f"ignored by {self.text!r} ({self.origin})"


def parse_rules(texts: Iterable[str], origin: str) -> tuple[IgnoreRule, ...]:
    return tuple(IgnoreRule.parse(t, origin) for t in texts)


def first_match(rules: Iterable[IgnoreRule], ref: ObjectRef) -> IgnoreRule | None:
    return next((rule for rule in rules if rule.matches(ref)), None)
