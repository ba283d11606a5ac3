"""Spec coverage without a database: the Batch 3 files against expected/batch3.json, then one
change at a time in a copy of sql/ and exactly that change reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from schemacheck.coverage import CoverageResult, coverage
from schemacheck.ddl import discover, parse_text
from schemacheck.embedded import apply_sql_files
from schemacheck.errors import InputError
from schemacheck.findings import Location, Severity
from schemacheck.ignore import IgnoreRule
from schemacheck.introspect import introspect
from schemacheck.spec import load_spec_document
from schemacheck.spec.dump import dump_catalog

REPO = Path(__file__).resolve().parent.parent
SPEC = REPO / "expected" / "batch3.json"
M118 = Path("migrations") / "118_oauth_encrypted_tokens.sql"
M119 = Path("migrations") / "119_add_message_encryption.sql"


@pytest.fixture
def sql_copy(tmp_path: Path) -> Path:
    target = tmp_path / "sql"
    shutil.copytree(REPO / "sql", target)
    return target


def edit(path: Path, old: str, new: str) -> int:
    """Replace `old` (present once) and return the line where it started."""
    text = path.read_text("utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), "utf-8")
    return text[: text.index(old)].count("\n") + 1


def not_replayed(result: CoverageResult) -> list[str]:
    return [n for n in result.not_checked if n.startswith(("not replayed", "not read"))]


def test_batch3_files_cover_the_spec(sql_dir: Path) -> None:
    result = coverage(SPEC, [sql_dir])
    assert result.findings == ()
    assert not_replayed(result) == []
    assert result.suppressed == ()
    assert len(result.files) == 11  # 8 prerequisites and 3 migrations; no rollback or check
    assert not any("rollbacks" in f or "checks" in f for f in result.files)


def test_parsed_files_and_a_loaded_spec_are_accepted(sql_dir: Path) -> None:
    files = discover([sql_dir])
    from_files = coverage(load_spec_document(SPEC), files)
    assert from_files.findings == ()
    assert from_files.files == coverage(str(SPEC), [str(sql_dir)]).files


def test_a_removed_index_is_reported_as_never_created(sql_copy: Path) -> None:
    edit(
        sql_copy / M118,
        "CREATE INDEX idx_oauth_last_refresh ON oauth_connections (last_refresh_at);",
        "",
    )
    result = coverage(SPEC, [sql_copy])
    assert [(f.code, f.slug, f.severity) for f in result.findings] == [
        ("SC950", "spec-object-not-created", Severity.ERROR)
    ]
    (finding,) = result.findings
    assert finding.message == (
        "the migrations never create index public.oauth_connections.idx_oauth_last_refresh"
    )
    assert finding.object == "index public.oauth_connections.idx_oauth_last_refresh"
    assert not_replayed(result) == []


def test_a_changed_check_is_reported_with_the_statement_that_creates_it(
    sql_copy: Path,
) -> None:
    text = (sql_copy / M119).read_text("utf-8")
    marker = "ALTER TABLE messages\n    ADD CONSTRAINT chk_messages_encryption_version_valid"
    line = text[: text.index(marker)].count("\n") + 1
    edit(sql_copy / M119, "IN (1, 2));", "IN (1, 2, 3));")
    result = coverage(SPEC, [sql_copy])
    assert [(f.code, f.slug) for f in result.findings] == [("SC952", "spec-definition-differs")]
    (finding,) = result.findings
    assert finding.location == Location(str(sql_copy / M119), line, 1)
    assert finding.object == "constraint public.messages.chk_messages_encryption_version_valid"
    assert finding.expected is not None and finding.actual is not None
    assert finding.expected.startswith("expression: ") and "3" not in finding.expected
    assert finding.actual.startswith("expression: ") and "3" in finding.actual
    assert "with expression" in finding.message and "the spec expects" in finding.message


def test_an_unparseable_statement_is_not_checked_and_its_object_not_called_missing(
    sql_copy: Path,
) -> None:
    line = edit(
        sql_copy / M118,
        "CREATE INDEX idx_oauth_last_refresh ON oauth_connections (last_refresh_at);",
        "CREATE INDEX idx_oauth_last_refresh ON oauth_connections USING ((last_refresh_at;",
    )
    result = coverage(SPEC, [sql_copy])
    assert result.findings == ()
    where = f"{sql_copy / M118}:{line}"
    assert not_replayed(result) == [f"not replayed: {where} create_index"]
    assert (
        "index public.oauth_connections.idx_oauth_last_refresh: not created by any replayed "
        f"statement; the statement at {where} that may create it was not replayed"
    ) in result.not_checked


def test_an_unknown_statement_elsewhere_is_listed_and_the_rest_still_checked(
    sql_copy: Path,
) -> None:
    migration = sql_copy / M118
    migration.write_text(migration.read_text("utf-8") + "\nFROBNICATE everything;\n", "utf-8")
    edit(migration, "CREATE INDEX idx_oauth_connections_provider ON", "CREATE INDEX idx_x ON")
    result = coverage(SPEC, [sql_copy])
    assert [(f.code, f.object) for f in result.findings] == [
        ("SC950", "index public.oauth_connections.idx_oauth_connections_provider"),
        ("SC951", "index public.oauth_connections.idx_x"),  # the table is strict
    ]
    lines = migration.read_text("utf-8").count("\n")
    assert not_replayed(result) == [f"not replayed: {migration}:{lines} unknown"]


def test_extra_objects_only_in_strict_scopes(sql_copy: Path) -> None:
    migration = sql_copy / M118
    migration.write_text(
        migration.read_text("utf-8")
        + "\nCREATE INDEX idx_oauth_scopes ON oauth_connections (provider, user_id);\n"
        + "CREATE INDEX idx_messages_sender ON messages (sender_id);\n",
        "utf-8",
    )
    result = coverage(SPEC, [sql_copy])
    # oauth_connections is strict in the spec; messages is not
    assert [(f.code, f.slug, f.severity, f.object) for f in result.findings] == [
        (
            "SC951",
            "spec-extra-object",
            Severity.WARNING,
            "index public.oauth_connections.idx_oauth_scopes",
        )
    ]
    location = result.findings[0].location
    assert location is not None and location.path == str(migration)


def test_spec_ignore_patterns_and_caller_ignores_suppress_and_list(
    sql_copy: Path, tmp_path: Path
) -> None:
    edit(
        sql_copy / M118,
        "CREATE INDEX idx_oauth_last_refresh ON oauth_connections (last_refresh_at);",
        "",
    )
    data = json.loads(SPEC.read_text("utf-8"))
    data["ignore"] = ["public.oauth_connections"]
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(data), "utf-8")
    by_spec = coverage(spec, [sql_copy])
    assert by_spec.findings == ()
    assert [s.finding.code for s in by_spec.suppressed] == ["SC950"]
    assert f"{spec} ignore" in by_spec.suppressed[0].reason
    rule = IgnoreRule.parse("kind=index", "--ignore")
    by_caller = coverage(SPEC, [sql_copy], ignores=[rule])
    assert by_caller.findings == () and len(by_caller.suppressed) == 1


def test_migrations_alone_leave_prerequisites_unchecked(sql_dir: Path) -> None:
    result = coverage(SPEC, [sql_dir / "migrations"])
    assert result.findings == ()
    assert (
        "table public.users: comes from a prerequisite, and no prerequisite file was given"
        in result.not_checked
    )
    assert all("prerequisite" in n for n in result.not_checked)


def test_values_unknown_without_a_database_are_not_checked(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {
                "spec_version": 1,
                "extensions": {"pg_trgm": {"schema": "public", "version": "1.6"}},
                "schemas": {
                    "public": {
                        "functions": {
                            "one()": {"returns": "integer", "body_hash": "0" * 32},
                        }
                    }
                },
            }
        ),
        "utf-8",
    )
    sql = parse_text(
        "CREATE EXTENSION pg_trgm;\n"
        "CREATE FUNCTION one() RETURNS integer LANGUAGE sql IMMUTABLE RETURN 1;\n",
        "001_one.sql",
    )
    result = coverage(spec, [sql])
    assert result.findings == ()
    assert result.not_checked == (
        "extension pg_trgm: version cannot be known without a database (expected 1.6)",
        "function public.one(): body_hash cannot be known without a database "
        f"(expected {'0' * 32})",
    )


def test_a_long_expected_value_is_clipped_in_its_note(tmp_path: Path) -> None:
    """A view read through `*` of a lateral subquery cannot be deparsed statically: its note
    shows the start of the expected query, not the whole of it."""
    query = "SELECT " + ", ".join(f"a.c{i}" for i in range(60)) + " FROM a"
    spec = tmp_path / "spec.json"
    spec.write_text(
        json.dumps(
            {"spec_version": 1, "schemas": {"public": {"views": {"v": {"definition": query}}}}}
        ),
        "utf-8",
    )
    sql = parse_text(
        "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"
        "CREATE VIEW v AS SELECT * FROM a, LATERAL (SELECT * FROM b) x;\n",
        "001_v.sql",
    )
    (note,) = coverage(spec, [sql]).not_checked
    prefix = "view public.v: definition is not known to the static replay (expected SELECT c0, "
    assert note.startswith(prefix) and note.endswith("...)")
    assert len(note) < len(prefix) + 90


def test_a_missing_spec_or_sql_path_is_a_one_line_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read spec"):
        coverage(tmp_path / "nope.json", [])
    with pytest.raises(InputError) as info:
        coverage(SPEC, [tmp_path / "nowhere"])
    assert "\n" not in str(info.value)


def _snapshot_coverage(
    dsn: str, tmp_path: Path, migration_sql: str, *, also_applied: str = ""
) -> tuple[CoverageResult, Path]:
    """Apply the migration (and `also_applied`, which no migration holds) to a database,
    snapshot it as the spec, then lint the migration against it: what a real project's
    coverage check does."""
    migration = tmp_path / "migrations" / "0001_x.sql"
    migration.parent.mkdir()
    migration.write_text(migration_sql, "utf-8")
    applied = [migration]
    if also_applied:
        applied.append(tmp_path / "elsewhere.sql")
        applied[-1].write_text(also_applied, "utf-8")
    apply_sql_files(dsn, applied)
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(dump_catalog(introspect(dsn).catalog)), "utf-8")
    return coverage(spec, [tmp_path / "migrations"]), migration


def _not_checked_objects(result: CoverageResult) -> dict[str, str]:
    return {
        n.split(": ", 1)[0]: n.split(": ", 1)[1]
        for n in result.not_checked
        if not n.startswith("not replayed")
    }


def test_objects_on_a_table_a_statement_not_replayed_names_are_not_checked(
    fresh_db: str, tmp_path: Path
) -> None:
    """A name PostgreSQL chooses (`t_a_check`) never appears in the statement that creates
    it; the table the statement alters does. Objects of other tables are still judged."""
    result, migration = _snapshot_coverage(
        fresh_db,
        tmp_path,
        "CREATE TABLE t (a int);\nALTER TABLE t ADD CHECK (a > 0) NO INHERIT;\n"
        "CREATE TABLE other (a int);\n",
        also_applied="ALTER TABLE other ADD CHECK (a > 0) NO INHERIT;\n",
    )
    assert [(f.code, f.object) for f in result.findings] == [
        ("SC950", "constraint public.other.other_a_check")
    ]
    assert _not_checked_objects(result) == {
        "constraint public.t.t_a_check": "not created by any replayed statement; the statement "
        f"at {migration}:2 that may create it was not replayed"
    }


def test_objects_of_a_renamed_schema_are_not_checked(fresh_db: str, tmp_path: Path) -> None:
    result, migration = _snapshot_coverage(
        fresh_db,
        tmp_path,
        "CREATE SCHEMA s1;\nCREATE TABLE s1.t (id int PRIMARY KEY);\n"
        "ALTER SCHEMA s1 RENAME TO s2;\nCREATE TABLE kept (id int);\n",
        also_applied="CREATE INDEX kept_id ON kept (id);\n",
    )
    assert [(f.code, f.object) for f in result.findings] == [("SC950", "index public.kept.kept_id")]
    objects = _not_checked_objects(result)
    # missing where the schema now is (a missing schema stands for its tables, a missing
    # table for its columns and keys)
    assert set(objects) == {"schema s2"}
    assert f"{migration}:3 that may create it" in objects["schema s2"]


RECREATED_IN_A_DO_BLOCK = """\
CREATE TABLE job_migration (id bigserial PRIMARY KEY, version bigint NOT NULL);
CREATE UNIQUE INDEX ON job_migration (version);
CREATE TABLE job (id bigint);
DO $body$
BEGIN
    IF (SELECT to_regclass('job_migration') IS NOT NULL) THEN
        ALTER TABLE job_migration RENAME TO job_migration_old;
        CREATE TABLE job_migration (line text NOT NULL, version bigint NOT NULL,
            CHECK (version >= 1), PRIMARY KEY (line, version));
        DROP TABLE job_migration_old;
    END IF;
END;
$body$ LANGUAGE plpgsql;
"""


def test_a_table_a_do_block_recreates_is_neither_missing_nor_extra(
    fresh_db: str, tmp_path: Path
) -> None:
    result, migration = _snapshot_coverage(
        fresh_db,
        tmp_path,
        RECREATED_IN_A_DO_BLOCK,
        also_applied="CREATE INDEX job_id ON job (id);\n",
    )
    assert [(f.code, f.object) for f in result.findings] == [("SC950", "index public.job.job_id")]
    objects = _not_checked_objects(result)
    line = f"{migration}:4 that may"
    missing = {
        "column public.job_migration.line",
        "constraint public.job_migration.job_migration_version_check",
        "constraint public.job_migration.job_migration_pkey1",
    }
    extra = {
        "column public.job_migration.id",
        "constraint public.job_migration.job_migration_pkey",
        "index public.job_migration.job_migration_version_idx",
        "sequence public.job_migration_id_seq",
    }
    assert {o for o, note in objects.items() if f"{line} create it" in note} == missing
    assert {o for o, note in objects.items() if f"{line} drop, rename or move" in note} == extra


def test_a_definition_differing_only_in_casts_postgresql_resolves_is_not_checked(
    fresh_db: str, tmp_path: Path
) -> None:
    """PostgreSQL drops a cast to the type an expression has (`count(*)::bigint`), adds the
    implicit ones (`qty::numeric`) and repeats a UNION's column names in its later branches:
    only the types it resolves tell, so such a difference is not checked, while a real one
    still is."""
    result, _ = _snapshot_coverage(
        fresh_db,
        tmp_path,
        "CREATE TABLE t (id int, qty int, price numeric(10,2), "
        "total numeric(10,2) GENERATED ALWAYS AS ((price * qty)::numeric(10,2)) STORED);\n"
        "CREATE VIEW v1 AS SELECT count(*)::bigint AS c FROM t;\n"
        "CREATE VIEW v2 AS SELECT id::text AS s FROM t UNION SELECT 'z';\n"
        "CREATE VIEW v3 AS SELECT id FROM t WHERE qty > 1;\n",
        also_applied="CREATE OR REPLACE VIEW v3 AS SELECT id FROM t WHERE qty > 2;\n",
    )
    assert [(f.code, f.object) for f in result.findings] == [("SC952", "view public.v3")]
    objects = _not_checked_objects(result)
    assert set(objects) == {"view public.v1", "view public.v2", "column public.t.total"}
    assert all("differs from the spec's only in casts" in note for note in objects.values())


def test_a_long_definition_is_shown_around_where_it_differs(fresh_db: str, tmp_path: Path) -> None:
    columns = ", ".join(f"c{i}" for i in range(40))
    result, _ = _snapshot_coverage(
        fresh_db,
        tmp_path,
        f"CREATE TABLE t ({', '.join(f'c{i} int' for i in range(40))});\n"
        f"CREATE VIEW v AS SELECT {columns} FROM t WHERE c39 > 1;\n",
        also_applied=f"CREATE OR REPLACE VIEW v AS SELECT {columns} FROM t WHERE c39 > 2;\n",
    )
    (finding,) = result.findings
    assert "c39 > 1" in finding.message and "c39 > 2" in finding.message
    assert finding.message.count("c1,") == 0  # the columns far before the difference left out
    assert finding.actual is not None and "c1," in finding.actual  # whole in its field
