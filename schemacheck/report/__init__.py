"""Formatters: each module renders a Report to a string and does nothing else."""

from __future__ import annotations

from collections.abc import Callable

from schemacheck.errors import UsageError
from schemacheck.findings import Report
from schemacheck.report import github, json_format, junit, sarif, table

Renderer = Callable[[Report], str]

FORMATS: dict[str, Renderer] = {
    "table": table.render,
    "json": json_format.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
}


def renderer(name: str) -> Renderer:
    try:
        return FORMATS[name]
    except KeyError:
        choices = ", ".join(sorted(FORMATS))
        raise UsageError(f"unknown format {name!r} (choose from {choices})") from None
