"""The spec file: validate against `spec.schema.json`, build the expected Catalog.

The loader (and the validators with it: fastjsonschema, and jsonschema for the errors of a
rejected spec) is imported on first use, so writing a spec (`schemacheck.spec.dump`) does not
pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schemacheck.spec.load import (
        SpecDocument,
        load_spec,
        load_spec_document,
        parse_spec,
        parse_spec_document,
        validate_spec,
    )

__all__ = [
    "SpecDocument",
    "load_spec",
    "load_spec_document",
    "parse_spec",
    "parse_spec_document",
    "validate_spec",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from schemacheck.spec import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
