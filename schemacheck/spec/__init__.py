"""The spec file: validate against `spec.schema.json`, build the expected Catalog."""

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
