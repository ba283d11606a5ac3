"""Lint rules: one module per rule (`scNNN_<name>.py`), each registered by the `@rule`
decorator of `schemacheck.rules.registry`; the module's docstring is the rule's documentation
page (what it catches, why, a Bad and a Good example).

Public API:

- `all_rules() -> tuple[Rule, ...]` every rule, by code
- `get_rule(code_or_slug) -> Rule` (`KeyError` naming the unknown rule)
- `find_rule(code_or_slug) -> Rule | None`
- `explain(code_or_slug) -> str` the Markdown documentation page
- `Rule`, `Context`, `Hit`, `rule` (the decorator) for writing rules
"""

from __future__ import annotations

import importlib
import pkgutil
import re

from schemacheck.rules.context import Context, Hit
from schemacheck.rules.registry import Rule, lookup, registered, rule

_MODULE = re.compile(r"^sc\d{3}_\w+$")
_loaded = False


def _load() -> None:
    global _loaded
    if _loaded:
        return
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if _MODULE.match(info.name):
            importlib.import_module(f"{__name__}.{info.name}")
    _loaded = True


def all_rules() -> tuple[Rule, ...]:
    _load()
    return registered()


def find_rule(code_or_slug: str) -> Rule | None:
    _load()
    return lookup(code_or_slug)


def get_rule(code_or_slug: str) -> Rule:
    found = find_rule(code_or_slug)
    if found is None:
        raise KeyError(f"no rule {code_or_slug!r}")
    return found


def explain(code_or_slug: str) -> str:
    return get_rule(code_or_slug).explain()


__all__ = [
    "Context",
    "Hit",
    "Rule",
    "all_rules",
    "explain",
    "find_rule",
    "get_rule",
    "rule",
]
