"""Subcommands: each module adds its parser and a handler(args, out, err) -> int."""

from __future__ import annotations

import argparse
from typing import Any

from schemacheck.commands import audit, check, lint, rules, snapshot, validate

_MODULES = [check, lint, audit, snapshot, rules, validate]


def register(sub: argparse._SubParsersAction[Any]) -> None:
    for module in _MODULES:
        module.register(sub)
