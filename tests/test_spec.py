"""The spec format and the shipped Batch 3 spec, without a database.

- `expected/batch3.json` validates, loads into the right objects, and names every object the
  Batch 3 checklist names, with the definitions the checklist states.
- Bad specs are rejected with every error at its JSON path; unreadable files name the file.
- `sql/` pairs every migration with its rollback, and carries the checklist's SQL verbatim.
- `docs/spec.md` documents every key of the spec schema, and its example is a valid spec.
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from schemacheck import normalize
from schemacheck.errors import EXIT_USAGE, InputError, SpecError
from schemacheck.model import (
    ABSENT,
    Catalog,
    Column,
    Constraint,
    ForeignKey,
    Function,
    Index,
    Kind,
    ObjectRef,
    Prerequisites,
    Trigger,
)
from schemacheck.spec import load_spec, load_spec_document, parse_spec, validate_spec

ROOT = Path(__file__).resolve().parents[1]
SPEC_PATH = ROOT / "expected" / "batch3.json"
SQL = ROOT / "sql"
DOCS = ROOT / "docs" / "spec.md"
SCHEMA_PATH = ROOT / "schemacheck" / "spec" / "spec.schema.json"
CHECKLIST = Path(__file__).resolve().parents[2] / "shared/reference/batch3-checklist.md"

NEW_TABLES = {"oauth_connections", "device_keys", "key_exchanges"}


@pytest.fixture(scope="module")
def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SPEC_PATH.read_text("utf-8"))
    return data


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_spec(SPEC_PATH)


@pytest.fixture(scope="module")
def checklist() -> str:
    if not CHECKLIST.is_file():
        pytest.skip(f"the Batch 3 checklist is not at {CHECKLIST}")
    return CHECKLIST.read_text("utf-8")


def names_of(catalog: Catalog, kind: Kind) -> set[str]:
    return {obj.ref.name for obj in catalog.of_kind(kind)}


def public(kind: Kind, name: str, table: str | None = None) -> ObjectRef:
    return ObjectRef(kind, "public", name, table)


# --- the shipped spec ---------------------------------------------------------------------


def test_shipped_spec_is_valid(raw: dict[str, Any]) -> None:
    assert validate_spec(raw) == []
    assert raw["spec_version"] == 1


def test_shipped_spec_builds_every_kind(catalog: Catalog) -> None:
    counts = {kind.value: len(catalog.of_kind(kind)) for kind in Kind}
    assert counts == {
        "schema": 1,
        "extension": 1,
        "enum": 0,
        "sequence": 1,
        "table": 8,
        "column": 46,
        "constraint": 10,
        "index": 7,
        "foreign_key": 5,
        "function": 5,
        "trigger": 2,
        "view": 0,
    }
    assert len(catalog) == sum(counts.values())


def test_shipped_spec_strictness_and_origins(raw: dict[str, Any], catalog: Catalog) -> None:
    assert catalog.strict_tables == {public(Kind.TABLE, t) for t in NEW_TABLES}
    assert catalog.strict_schemas == frozenset()
    tables = raw["schemas"]["public"]["tables"]
    origins = {name: (t["origin"], t["since"]) for name, t in tables.items()}
    assert origins == {
        "schema_migrations": ("prerequisite", "000"),
        "users": ("prerequisite", "001"),
        "conversations": ("prerequisite", "018"),
        "conversation_members": ("prerequisite", "018"),
        "messages": ("prerequisite", "019"),
        "oauth_connections": ("migration", "118"),
        "device_keys": ("migration", "122"),
        "key_exchanges": ("migration", "122"),
    }
    document = load_spec_document(SPEC_PATH)
    labels = dict(document.origins)
    assert labels[public(Kind.TABLE, "users")] == "prerequisite from migration 001"
    assert public(Kind.TABLE, "oauth_connections") not in labels
    assert document.name == "batch3"
    assert document.ignore == ()


def test_shipped_spec_prerequisites(catalog: Catalog) -> None:
    assert catalog.prerequisites == Prerequisites(
        version_table="public.schema_migrations",
        version_column="version",
        min_version=115,
        applied_versions=(118, 119, 122),
    )


def test_new_tables_define_every_column_fully(raw: dict[str, Any]) -> None:
    """A strict table's columns carry type, nullability and default (null: none)."""
    tables = raw["schemas"]["public"]["tables"]
    for table in NEW_TABLES:
        body = tables[table]
        assert body["strict"] is True
        for name, column in body["columns"].items():
            missing = {"type", "nullable", "default"} - column.keys()
            assert not missing, f"{table}.{name} leaves {sorted(missing)} unchecked"
        for name, index in body.get("indexes", {}).items():
            missing = {"columns", "unique", "where", "method"} - index.keys()
            assert not missing, f"index {name} leaves {sorted(missing)} unchecked"
        for name, fk in body.get("foreign_keys", {}).items():
            assert fk["on_delete"] == "cascade", name
            assert fk["references"]["columns"] == ["id"], name


def test_new_tables_have_primary_keys_and_updated_at_triggers(catalog: Catalog) -> None:
    for table in NEW_TABLES:
        pkey = catalog.get(public(Kind.CONSTRAINT, f"{table}_pkey", table))
        assert isinstance(pkey, Constraint)
        assert (pkey.type, pkey.columns) == ("primary_key", ("id",))
    for table in ("oauth_connections", "device_keys"):
        trigger = catalog.get(public(Kind.TRIGGER, f"trigger_{table}_updated_at", table))
        assert isinstance(trigger, Trigger)
        assert (trigger.timing, trigger.events, trigger.level) == ("before", ("update",), "row")
        assert trigger.function == f"public.update_{table}_updated_at"
        assert (trigger.when, trigger.enabled) == (ABSENT, True)
        function = catalog.get(public(Kind.FUNCTION, f"update_{table}_updated_at()"))
        assert isinstance(function, Function)
        assert (function.returns, function.language) == ("trigger", "plpgsql")


def test_helper_functions_are_stable_sql_returning_tables(catalog: Catalog) -> None:
    for signature in (
        "count_old_oauth_tokens()",
        "get_message_encryption_stats()",
        "get_device_key_stats()",
    ):
        function = catalog.get(public(Kind.FUNCTION, signature))
        assert isinstance(function, Function), signature
        assert function.arguments == ()
        assert (function.language, function.volatility) == ("sql", "stable")
        assert function.returns is not None
        assert function.returns.lower().startswith("table("), signature


# --- definitions as PostgreSQL prints them --------------------------------------------------
#
# Recorded with psql from the database sql/ builds, identical on PostgreSQL 15.18 and 18.6:
# format_type(), attnotnull and pg_get_expr(adbin, adrelid, true) per column;
# pg_get_expr(conbin, conrelid, true) per CHECK; pg_get_expr(indpred, indrelid, true) per
# partial index; pg_get_function_result() per function. The spec may write them differently
# (varchar(50), timestamptz, IN (1, 2), 'x25519'); normalized, both must be equal.

TSTZ = "timestamp with time zone"
CATALOG_COLUMNS: dict[str, list[tuple[str, str, bool, str]]] = {
    "oauth_connections": [
        ("id", "uuid", True, "uuid_generate_v4()"),
        ("user_id", "uuid", True, ""),
        ("provider", "character varying(50)", True, ""),
        ("provider_user_id", "character varying(255)", True, ""),
        ("email", "character varying(255)", False, ""),
        ("access_token_encrypted", "bytea", False, ""),
        ("refresh_token_encrypted", "bytea", False, ""),
        ("tokens_encrypted", "boolean", True, "false"),
        ("access_token_hash", "character varying(255)", False, ""),
        ("refresh_token_hash", "character varying(255)", False, ""),
        ("token_expires_at", TSTZ, False, ""),
        ("last_refresh_at", TSTZ, False, ""),
        ("created_at", TSTZ, True, "now()"),
        ("updated_at", TSTZ, True, "now()"),
    ],
    "device_keys": [
        ("id", "uuid", True, "uuid_generate_v4()"),
        ("user_id", "uuid", True, ""),
        ("device_id", "character varying(255)", True, ""),
        ("device_name", "character varying(255)", False, ""),
        ("public_key", "text", True, ""),
        ("private_key_encrypted", "text", True, ""),
        ("key_algorithm", "character varying(20)", True, "'x25519'::character varying"),
        ("last_used_at", TSTZ, False, ""),
        ("created_at", TSTZ, True, "now()"),
        ("updated_at", TSTZ, True, "now()"),
    ],
    "key_exchanges": [
        ("id", "uuid", True, "uuid_generate_v4()"),
        ("conversation_id", "uuid", True, ""),
        ("initiator_id", "uuid", True, ""),
        ("peer_id", "uuid", True, ""),
        ("shared_secret_hash", "bytea", True, ""),
        ("created_at", TSTZ, True, "now()"),
    ],
    "messages": [
        ("id", "uuid", True, "uuid_generate_v4()"),
        ("conversation_id", "uuid", True, ""),
        ("sender_id", "uuid", True, ""),
        ("content", "text", True, ""),
        ("sequence_number", "bigint", True, "nextval('messages_sequence_number_seq'::regclass)"),
        ("created_at", TSTZ, True, "now()"),
        ("encryption_version", "smallint", True, "1"),
        ("content_encrypted", "bytea", False, ""),
        ("content_nonce", "bytea", False, ""),
    ],
    "users": [("id", "uuid", True, "uuid_generate_v4()"), ("is_active", "boolean", True, "true")],
}

CATALOG_CHECKS = {
    ("messages", "chk_messages_encryption_version_valid"): "encryption_version = ANY (ARRAY[1, 2])",
    ("key_exchanges", "chk_key_exchanges_hash_length"): "length(shared_secret_hash) = 32",
    ("key_exchanges", "chk_key_exchanges_distinct_parties"): "initiator_id <> peer_id",
}

CATALOG_RETURNS = {
    "count_old_oauth_tokens()": "TABLE(provider character varying, legacy_tokens bigint, "
    "encrypted_tokens bigint)",
    "get_message_encryption_stats()": "TABLE(encryption_version smallint, message_count bigint, "
    "percentage numeric)",
    "get_device_key_stats()": "TABLE(total_devices bigint, users_with_devices bigint, "
    "key_exchanges_last_24h bigint)",
    "update_oauth_connections_updated_at()": "trigger",
    "update_device_keys_updated_at()": "trigger",
}


def checked(obj: object) -> dict[str, Any]:
    """The attributes a spec object checks (None: left unchecked)."""
    assert obj is not None
    attributes = obj.attributes()  # type: ignore[attr-defined]
    return {k: v for k, v in attributes.items() if v is not None}


@pytest.mark.parametrize("table", sorted(CATALOG_COLUMNS))
def test_columns_match_the_catalog_output(catalog: Catalog, table: str) -> None:
    rows = CATALOG_COLUMNS[table]
    if table in NEW_TABLES:
        listed = {c.ref.name for c in catalog.of_kind(Kind.COLUMN) if c.ref.table == table}
        assert listed == {name for name, *_ in rows}
    for name, type_, not_null, default in rows:
        live = Column(
            schema="public",
            table=table,
            name=name,
            type=type_,
            nullable=not not_null,
            default=default or ABSENT,
        )
        want = checked(catalog.get(live.ref))
        assert want, f"{table}.{name} is not in the spec"
        assert want == {k: v for k, v in live.attributes().items() if k in want}, name


@pytest.mark.parametrize(("table", "name"), sorted(CATALOG_CHECKS))
def test_check_constraints_match_the_catalog_output(
    catalog: Catalog, table: str, name: str
) -> None:
    live = Constraint(
        schema="public",
        table=table,
        name=name,
        type="check",
        expression=CATALOG_CHECKS[table, name],
        validated=True,
    )
    want = catalog.get(live.ref)
    assert isinstance(want, Constraint)
    assert (want.expression, want.validated) == (live.expression, True)


def test_partial_index_predicate_matches_the_catalog_output(catalog: Catalog) -> None:
    live = Index(
        schema="public",
        table="oauth_connections",
        name="idx_oauth_expiring_tokens",
        columns=("token_expires_at",),
        unique=False,
        predicate="token_expires_at IS NOT NULL",
        method="btree",
    )
    want = catalog.get(live.ref)
    assert isinstance(want, Index)
    assert checked(want) == {k: v for k, v in checked(live).items() if k in checked(want)}
    assert want.predicate == normalize.expression("(token_expires_at IS NOT NULL)")
    plain = catalog.get(public(Kind.INDEX, "idx_oauth_last_refresh", "oauth_connections"))
    assert isinstance(plain, Index) and plain.predicate == ABSENT


@pytest.mark.parametrize("signature", sorted(CATALOG_RETURNS))
def test_function_results_match_the_catalog_output(catalog: Catalog, signature: str) -> None:
    want = catalog.get(public(Kind.FUNCTION, signature))
    assert isinstance(want, Function)
    assert want.returns == normalize.return_type(CATALOG_RETURNS[signature])


# --- bad specs ------------------------------------------------------------------------------

GOOD: dict[str, Any] = {
    "spec_version": 1,
    "schemas": {
        "public": {
            "tables": {
                "t": {
                    "columns": {"c": {"type": "text", "nullable": True}},
                    "constraints": {"t_chk": {"type": "check", "expression": "c <> ''"}},
                    "foreign_keys": {"t_fk": {"columns": ["c"], "references": {"table": "u"}}},
                    "triggers": {"trg": {"events": ["update"]}},
                    "indexes": {"t_idx": {"columns": ["c"]}},
                }
            },
            "functions": {"f()": {"volatility": "stable"}},
        }
    },
    "prerequisites": {"min_version": 115},
}
T = "$.schemas.public.tables.t"


def test_the_base_of_the_bad_cases_is_good() -> None:
    assert validate_spec(GOOD) == []
    assert len(parse_spec(GOOD)) == 8


def _set(path: str, value: Any) -> Any:
    def apply(doc: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node = doc
        for key in parents:
            node = node[key]
        if value is KeyError:
            del node[last]
        else:
            node[last] = value

    return apply


TABLE = "schemas/public/tables/t"
BAD_CASES = [
    (_set(f"{TABLE}/columns/c/nullable", "no"), f"{T}.columns.c.nullable: 'no' is not of type"),
    (_set("spec_version", KeyError), "$: 'spec_version' is a required property"),
    (_set("spec_version", 2), "$.spec_version: 1 was expected"),
    (_set(f"{TABLE}/colums", {}), f"{T}: Additional properties are not allowed ('colums'"),
    (_set(f"{TABLE}/constraints/t_chk/expression", KeyError), f"{T}.constraints.t_chk: "),
    (_set(f"{TABLE}/constraints/t_chk/type", "foreign"), f"{T}.constraints.t_chk.type: "),
    (_set(f"{TABLE}/foreign_keys/t_fk/references", KeyError), f"{T}.foreign_keys.t_fk: "),
    (_set(f"{TABLE}/foreign_keys/t_fk/on_delete", "CASCADE"), f"{T}.foreign_keys.t_fk.on_delete"),
    (_set(f"{TABLE}/triggers/trg/events", []), f"{T}.triggers.trg.events: [] should be non-empty"),
    (_set(f"{TABLE}/indexes/t_idx/method", "btree2"), f"{T}.indexes.t_idx.method: 'btree2'"),
    (_set(f"{TABLE}/columns/c/identity", "sometimes"), f"{T}.columns.c.identity: 'sometimes'"),
    (_set("schemas/public/functions/f", {}), "$.schemas.public.functions: 'f' does not match"),
    (_set("prerequisites/min_version", "115"), "$.prerequisites.min_version: '115' is not of"),
    (_set(f"{TABLE}/origin", "legacy"), f"{T}.origin: 'legacy' is not one of"),
]


@pytest.mark.parametrize(("mutate", "expected"), BAD_CASES, ids=[e for _, e in BAD_CASES])
def test_bad_spec_is_rejected_with_its_json_path(mutate: Any, expected: str) -> None:
    doc = copy.deepcopy(GOOD)
    mutate(doc)
    with pytest.raises(SpecError) as caught:
        parse_spec(doc, source="bad.json")
    errors = caught.value.errors
    assert len(errors) == 1, errors
    assert errors[0].startswith(expected), errors
    assert str(caught.value).startswith(f"bad.json: {expected}")
    assert caught.value.exit_code == EXIT_USAGE


def test_every_error_is_reported_in_document_order(tmp_path: Path) -> None:
    doc = copy.deepcopy(GOOD)
    doc["schemas"]["public"]["tables"]["t"]["columns"]["c"]["type"] = 5
    doc["schemas"]["public"]["tables"]["t"]["columns"]["c"]["nullable"] = "yes"
    doc["prerequisites"]["applied_versions"] = ["118"]
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(SpecError) as caught:
        load_spec(path)
    assert [e.split(":")[0] for e in caught.value.errors] == [
        "$.prerequisites.applied_versions[0]",
        f"{T}.columns.c.nullable",
        f"{T}.columns.c.type",
    ]
    assert caught.value.path == str(path)
    assert str(caught.value).endswith("(and 2 more)")


def test_invalid_json_names_file_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "spec_version": 1,\n  "schemas": {,}\n}\n', "utf-8")
    with pytest.raises(InputError) as caught:
        load_spec(path)
    assert not isinstance(caught.value, SpecError)
    assert str(caught.value).startswith(f"{path}:3:15: invalid JSON: ")


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    with pytest.raises(InputError, match=r"nowhere\.json: cannot read spec") as caught:
        load_spec(path)
    assert caught.value.exit_code == EXIT_USAGE


def test_non_utf8_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"name": "caf\u00e9"}'.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        load_spec(path)


def test_null_and_missing_mean_different_things() -> None:
    doc = copy.deepcopy(GOOD)
    columns = doc["schemas"]["public"]["tables"]["t"]["columns"]
    columns["none"] = {"type": "text", "default": None}
    columns["unchecked"] = {"type": "text"}
    catalog = parse_spec(doc)
    none = catalog.get(public(Kind.COLUMN, "none", "t"))
    unchecked = catalog.get(public(Kind.COLUMN, "unchecked", "t"))
    assert isinstance(none, Column) and none.default == ABSENT
    assert isinstance(unchecked, Column) and unchecked.default is None


# --- the checklist: every object it names is in the spec ------------------------------------


def sql_blocks(text: str) -> list[str]:
    return re.findall(r"```sql\n(.*?)```", text, re.S)


def code_free(text: str) -> str:
    return re.sub(r"```.*?```", "", text, flags=re.S)


def without_statistics(text: str) -> str:
    """The checklist minus its pg_stat_user_indexes query (idx_scan, idx_tup_read, ...)."""
    return re.sub(r"```sql\n(?:(?!```).)*pg_stat_user_indexes.*?```", "", text, flags=re.S)


def aliases(text: str) -> set[str]:
    """Output column names (`... AS trigger_works`): not schema objects."""
    return set(re.findall(r"\bas\s+([a-z_][a-z0-9_]*)", text, re.I))


def test_checklist_indexes_are_in_the_spec(checklist: str, catalog: Catalog) -> None:
    assert "idx_scan" in checklist
    named = set(re.findall(r"\bidx_[a-z0-9_]+", without_statistics(checklist)))
    assert len(named) == 6
    assert named <= names_of(catalog, Kind.INDEX)


def test_checklist_oauth_indexes_are_exactly_the_five(checklist: str, catalog: Catalog) -> None:
    listed = re.search(r"5 indexes created \(([^)]*)\)", checklist)
    assert listed is not None
    five = {n.strip() for n in listed.group(1).split(",")}
    assert len(five) == 5
    on_table = {o.ref.name for o in catalog.children(public(Kind.TABLE, "oauth_connections"))}
    assert {n for n in on_table if n.startswith("idx_")} == five
    assert all(catalog.get(public(Kind.INDEX, n, "oauth_connections")) for n in five)


def test_checklist_constraints_are_in_the_spec(checklist: str, catalog: Catalog) -> None:
    named = set(re.findall(r"\bchk_[a-z0-9_]+", checklist)) | {"device_keys_unique_device"}
    assert "device_keys_unique_device" in checklist
    assert named <= names_of(catalog, Kind.CONSTRAINT)
    unique = catalog.get(public(Kind.CONSTRAINT, "device_keys_unique_device", "device_keys"))
    assert isinstance(unique, Constraint) and unique.type == "unique"
    assert unique.columns == ("user_id", "device_id")


def test_checklist_check_expression_is_in_the_spec(checklist: str, catalog: Catalog) -> None:
    stated = re.search(
        r"chk_messages_encryption_version_valid` exists \(CHECK ([^)]*\))\)", checklist
    )
    assert stated is not None
    check = catalog.get(
        public(Kind.CONSTRAINT, "chk_messages_encryption_version_valid", "messages")
    )
    assert isinstance(check, Constraint)
    assert check.expression == normalize.expression(stated.group(1))


def test_checklist_foreign_keys_are_in_the_spec(checklist: str, catalog: Catalog) -> None:
    stated = re.findall(r"(\w+_fk) \((\w+)\.(\w+) -> (\w+)\.(\w+)\)", checklist)
    assert len(stated) == 4
    for name, table, column, target, target_column in stated:
        fk = catalog.get(public(Kind.FOREIGN_KEY, name, table))
        assert isinstance(fk, ForeignKey), name
        assert fk.columns == (column,)
        assert fk.references == f"public.{target}"
        assert fk.referenced_columns == (target_column,)
    named = set(re.findall(r"\b[a-z_]+_fk\b", checklist))
    assert named == {name for name, *_ in stated}
    assert named <= names_of(catalog, Kind.FOREIGN_KEY)


def test_checklist_triggers_are_in_the_spec(checklist: str, catalog: Catalog) -> None:
    named = set(re.findall(r"\btrigger_[a-z0-9_]+", checklist)) - aliases(checklist)
    assert named == {"trigger_oauth_connections_updated_at", "trigger_device_keys_updated_at"}
    assert named == names_of(catalog, Kind.TRIGGER)


def test_checklist_functions_are_in_the_spec(
    checklist: str, raw: dict[str, Any], catalog: Catalog
) -> None:
    called = set(re.findall(r"\b([A-Za-z_][A-Za-z0-9_]*)\(\)", checklist))
    builtin = {"NOW"}
    from_extension = {"uuid_generate_v4"}
    assert "uuid-ossp" in raw["extensions"]
    named = {f"{name}()" for name in called - builtin - from_extension}
    assert len(named) == 5
    assert named == names_of(catalog, Kind.FUNCTION)


def test_checklist_tables_are_the_spec_tables(checklist: str, catalog: Catalog) -> None:
    sql = "\n".join(re.findall(r"```(?:sql|bash)\n(.*?)```", checklist, re.S))
    variables = set(re.findall(r"\bDECLARE\s+([a-z_][a-z0-9_]*)", sql))
    clause = (
        r"\b(?:FROM|JOIN|INTO|UPDATE|TABLE(?:\s+IF\s+EXISTS)?)\s+([a-z_][a-z0-9_.]*)\b(?!\s*\()"
    )
    used = set(re.findall(clause, sql))
    looked_up = set(re.findall(r"table_?name\s*=\s*'([a-z_]+)'", checklist))
    for group in re.findall(r"table_?name\s+IN\s*\(([^)]*)\)", checklist):
        looked_up |= set(re.findall(r"'([a-z_]+)'", group))
    system = {t for t in used if t.startswith(("pg_", "information_schema."))}
    assert system  # the extraction does see the catalog queries
    named = (used - system - variables) | looked_up
    assert named == names_of(catalog, Kind.TABLE)


def test_checklist_backticked_names_are_in_the_spec(checklist: str, catalog: Catalog) -> None:
    prose = code_free(checklist)
    ticked = set(re.findall(r"`([^`\n]+)`(?! crate)", prose))
    identifiers = {t for t in ticked if re.fullmatch(r"[a-z_][a-z0-9_]*(\(\))?", t)}
    identifiers -= aliases(checklist)
    known = {obj.ref.name for obj in catalog}
    unknown = identifiers - known
    assert not unknown
    assert {"access_token_hash", "refresh_token_hash", "content_nonce"} <= identifiers


def test_checklist_inserted_columns_are_in_the_spec(checklist: str, catalog: Catalog) -> None:
    inserts = re.findall(r"INSERT INTO (\w+)\s*\(([^)]*)\)", "\n".join(sql_blocks(checklist)))
    assert {table for table, _ in inserts} == {
        "oauth_connections",
        "device_keys",
        "key_exchanges",
        "messages",
    }
    for table, columns in inserts:
        for column in (c.strip() for c in columns.split(",")):
            assert catalog.get(public(Kind.COLUMN, column, table)), f"{table}.{column}"


# --- sql/ -----------------------------------------------------------------------------------


def versions(folder: str, suffix: str = ".sql") -> dict[int, str]:
    found: dict[int, str] = {}
    for path in sorted((SQL / folder).glob(f"*{suffix}")):
        match = re.fullmatch(r"(\d{3})_([a-z0-9_]+)" + re.escape(suffix), path.name)
        assert match, f"{path.name} is not named NNN_name{suffix}"
        version = int(match.group(1))
        assert version not in found, f"two files for version {version} in {folder}/"
        found[version] = match.group(2)
    return found


def recorded_version(path: Path) -> int | None:
    text = path.read_text("utf-8")
    hits = re.findall(
        r"INSERT INTO schema_migrations \(version\) VALUES \((\d+)\)\s+"
        r"ON CONFLICT \(version\) DO NOTHING;",
        text,
    )
    assert len(hits) <= 1, path.name
    return int(hits[0]) if hits else None


def test_every_migration_has_a_rollback_of_the_same_version() -> None:
    migrations = versions("migrations")
    rollbacks = versions("rollbacks", ".rollback.sql")
    assert migrations == rollbacks
    assert sorted(migrations) == [118, 119, 122]


def test_migrations_record_the_versions_the_spec_expects(catalog: Catalog) -> None:
    migrations = versions("migrations")
    for version, name in migrations.items():
        assert recorded_version(SQL / "migrations" / f"{version:03d}_{name}.sql") == version
    assert catalog.prerequisites is not None
    assert tuple(sorted(migrations)) == catalog.prerequisites.applied_versions


def test_prerequisites_reach_the_spec_minimum(catalog: Catalog) -> None:
    recorded = []
    for version, name in versions("prerequisites").items():
        got = recorded_version(SQL / "prerequisites" / f"{version:03d}_{name}.sql")
        if name.startswith("seed_"):
            assert got is None, "seed data records no schema version"
        else:
            assert got == version, name
            recorded.append(version)
    assert catalog.prerequisites is not None
    assert max(recorded) == catalog.prerequisites.min_version
    assert min(recorded) == 0
    first = (SQL / "prerequisites" / "001_create_users.sql").read_text("utf-8")
    assert first.index('CREATE EXTENSION IF NOT EXISTS "uuid-ossp"') < first.index("CREATE TABLE")


def test_rollbacks_and_smoke_tests_are_the_checklist_sql_verbatim(checklist: str) -> None:
    blocks = sql_blocks(checklist)
    rollbacks = sorted((SQL / "rollbacks").glob("*.rollback.sql"))
    smoke = sorted((SQL / "checks").glob("smoke_*.sql"))
    assert len(rollbacks) == 3 and len(smoke) == 4
    for path, block in zip([*rollbacks, *smoke], blocks[:7], strict=True):
        text = path.read_text("utf-8")
        assert text.endswith(block), f"{path.name} differs from the checklist"
        header = text[: -len(block)]
        assert all(not line or line.startswith("--") for line in header.splitlines()), path.name
    assert "DROP TABLE IF EXISTS oauth_connections CASCADE;" in rollbacks[0].read_text("utf-8")


def test_verification_script_covers_step_5() -> None:
    text = (SQL / "checks" / "BATCH_3_VERIFICATION.sql").read_text("utf-8")
    assert "RAISE NOTICE 'SUCCESS: encryption_version constraint working correctly'" in text
    assert "WHEN check_violation THEN" in text
    assert not re.search(r"^\s*(BEGIN|COMMIT|ROLLBACK)\s*;", text, re.M | re.I)


def test_migrations_keep_the_checklist_unsafe_statements() -> None:
    """Batch 3's real input: 119 locks messages; the linter must see it as written."""
    text = (SQL / "migrations" / "119_add_message_encryption.sql").read_text("utf-8")
    assert "CREATE INDEX idx_messages_encryption_version ON messages" in text
    assert "CONCURRENTLY" not in text
    assert "CHECK (encryption_version IN (1, 2));" in text
    assert "NOT VALID" not in text


# --- docs/spec.md ---------------------------------------------------------------------------


def schema_keys(node: Any) -> set[str]:
    keys: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                keys |= set(value)
            keys |= schema_keys(value)
    elif isinstance(node, list):
        for item in node:
            keys |= schema_keys(item)
    return keys


def test_docs_name_every_key_of_the_spec_schema() -> None:
    schema = json.loads(SCHEMA_PATH.read_text("utf-8"))
    docs = DOCS.read_text("utf-8")
    keys = schema_keys(schema)
    assert {"spec_version", "version_table", "initially_deferred", "body_hash"} <= keys
    undocumented = {k for k in keys if f"`{k}`" not in docs}
    assert not undocumented


def test_docs_example_is_a_valid_spec() -> None:
    docs = DOCS.read_text("utf-8")
    example = docs.split("## A small example", 1)[1]
    block = re.search(r"```json\n(.*?)```", example, re.S)
    assert block is not None
    catalog = parse_spec(json.loads(block.group(1)))
    assert public(Kind.TABLE, "device_keys") in catalog.strict_tables
    assert catalog.get(public(Kind.TRIGGER, "trigger_device_keys_updated_at", "device_keys"))
