"""The rule registry: every lint rule registers itself here with `@rule(...)`.

A rule is a function from a `Context` to the `Hit`s it finds. Its documentation page is the
docstring of the module that defines it (Markdown, with a `Bad` and a `Good` example), so that
`schemacheck explain CODE` can print it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from schemacheck.ddl.statement import ROLE_ORDER, FileRole
from schemacheck.findings import Severity
from schemacheck.rules.context import Context, Hit

Scope = Literal["statement", "file"]
CheckFn = Callable[[Context], Iterable[Hit]]
ALL_ROLES: frozenset[FileRole] = frozenset(
    ("prerequisite", "migration", "rollback", "check", "other")
)


@dataclass(frozen=True)
class Rule:
    """One lint rule.

    `scope` says how the engine calls `check`: once per statement (`ctx.statement` set) or
    once per file. `roles` are the file roles the rule applies to; `kinds`, the statement kinds
    a statement rule looks at (its check returns nothing for the others). `doc` is the Markdown page
    (the defining module's docstring)."""

    code: str
    slug: str
    severity: Severity
    help: str
    doc: str
    scope: Scope
    roles: frozenset[FileRole]
    check: CheckFn
    # statement rules: the statement kinds `check` can find anything in (None: every kind); the
    # engine does not call it for the others
    kinds: frozenset[str] | None = None

    @property
    def title(self) -> str:
        return f"{self.code} {self.slug}"

    def explain(self) -> str:
        """The full documentation page, Markdown."""
        roles = ", ".join(sorted(self.roles, key=lambda r: ROLE_ORDER[r]))
        head = (
            f"# {self.code} `{self.slug}`\n\n"
            f"Default severity: **{self.severity.label}**. Applies to: {roles} files.\n\n"
            f"{self.help}\n\n"
        )
        return head + self.doc.strip() + "\n"


_RULES: dict[str, Rule] = {}
_BY_SLUG: dict[str, Rule] = {}


def rule(
    code: str,
    slug: str,
    severity: Severity,
    help: str,
    *,
    scope: Scope = "statement",
    roles: Iterable[FileRole] = ALL_ROLES,
    kinds: Iterable[str] | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register the decorated function as a rule; the docstring of its module is the doc."""

    def register(fn: CheckFn) -> CheckFn:
        if code in _RULES or slug in _BY_SLUG:
            raise RuntimeError(f"rule {code} / {slug} registered twice")
        module = inspect.getmodule(fn)
        doc = inspect.cleandoc(module.__doc__ or "") if module is not None else ""
        r = Rule(
            code=code,
            slug=slug,
            severity=severity,
            help=help,
            doc=doc,
            scope=scope,
            roles=frozenset(roles),
            check=fn,
            kinds=frozenset(kinds) if kinds is not None else None,
        )
        _RULES[code] = r
        _BY_SLUG[slug] = r
        return fn

    return register


def registered() -> tuple[Rule, ...]:
    """Every registered rule, by code (the rule modules must have been imported)."""
    return tuple(_RULES[c] for c in sorted(_RULES))


def lookup(code_or_slug: str) -> Rule | None:
    key = code_or_slug.strip()
    return _RULES.get(key.upper()) or _BY_SLUG.get(key.lower())
