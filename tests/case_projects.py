"""The rule case projects under `tests/rules/cases/` applied to PostgreSQL: the case format
(`tests/rules/rulecases.py`, imported by its path) and the files that run before a rollback."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def rulecases() -> ModuleType:
    """tests/rules/rulecases.py (the case format), imported by its path once."""
    name = "rulecases"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            name, Path(__file__).parent / "rules" / "rulecases.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def version(p: Path) -> int:
    """The version a case file's name starts with (`240_mood.sql` -> 240)."""
    return int(p.name.split("_", 1)[0])


def forward_files(rollback: Path) -> list[Path]:
    """What runs before a case rollback: its project's prerequisites, then its migrations up
    to the rollback's version."""
    root = rollback.parent.parent
    prerequisites = sorted((root / "prerequisites").glob("*.sql"))
    migrations = sorted(
        p for p in (root / "migrations").glob("*.sql") if version(p) <= version(rollback)
    )
    return [*prerequisites, *migrations]
