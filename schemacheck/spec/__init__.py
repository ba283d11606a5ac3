"""The spec file: validate against `spec.schema.json`, build the expected Catalog."""

from schemacheck.spec.load import load_spec, parse_spec, validate_spec

__all__ = ["load_spec", "parse_spec", "validate_spec"]
