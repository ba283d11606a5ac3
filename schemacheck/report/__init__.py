"""Formatters: each module renders a Report to a string and does nothing else.

`FORMATS` maps a format's name to its `render`; a formatter module is imported only when its
format is used, so building the command line costs none of them."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from schemacheck.errors import UsageError
from schemacheck.findings import Report

Renderer = Callable[[Report], str]

_MODULES = {
    "table": "table",
    "json": "json_format",
    "sarif": "sarif",
    "github": "github",
    "junit": "junit",
}


class _Formats(Mapping[str, Renderer]):
    """Name -> render function, importing the formatter on first use."""

    def __getitem__(self, name: str) -> Renderer:
        module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
        render: Renderer = module.render
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(_MODULES)

    def __len__(self) -> int:
        return len(_MODULES)


FORMATS: Mapping[str, Renderer] = _Formats()


def renderer(name: str) -> Renderer:
    try:
        return FORMATS[name]
    except KeyError:
        choices = ", ".join(sorted(FORMATS))
        raise UsageError(f"unknown format {name!r} (choose from {choices})") from None
