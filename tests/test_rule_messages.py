"""Findings name the object they are about, also for the DROPs whose objects have no name of
their own (a cast is `(source AS target)`, a transform `FOR type LANGUAGE lang`)."""

from __future__ import annotations

from schemacheck.ddl import parse_text
from schemacheck.lint import lint_files


def _messages(sql: str, code: str) -> list[str]:
    f = parse_text(sql, "0001_x.sql")
    return [x.message for x in lint_files([f]).findings if x.code == code]


def test_require_if_exists_names_casts_and_transforms() -> None:
    sql = "DROP CAST (text AS mood);\nDROP TRANSFORM FOR int LANGUAGE sql;\nDROP TABLE a, b;\n"
    assert _messages(sql, "SC026") == [
        "DROP CAST (text AS mood) without IF EXISTS fails if the object is already gone",
        "DROP TRANSFORM FOR int LANGUAGE sql without IF EXISTS fails if the object is already gone",
        "DROP TABLE a, b without IF EXISTS fails if the object is already gone",
    ]


def test_ban_cascade_names_casts() -> None:
    (message,) = _messages("DROP CAST IF EXISTS (text AS mood) CASCADE;\n", "SC003")
    assert message.startswith("DROP CAST (text AS mood) CASCADE also drops")


def test_unparseable_statement_names_the_token_not_its_repr() -> None:
    sql = 'CREATE INDEX IF NOT EXISTS x ON\n  {{ index .Options "Namespace" }}.users (id);\n'
    (message,) = _messages(sql, "SC000")
    assert "but got `{` (line 2, column 3)" in message
    assert "Token" not in message and "token_type" not in message


def test_unparseable_statement_names_the_placeholder_it_holds() -> None:
    sql = "CREATE TABLE ${flyway:defaultSchema}.t (id int);\nCREATE INDEX ON t USING ${m} (a);\n"
    assert _messages(sql, "SC000") == [
        "cannot parse statement `CREATE TABLE ${flyway:defaultSchema}.t (id int)` (it holds the "
        "placeholder ${flyway:defaultSchema}, which the migration tool fills in before running "
        "it); it was not checked",
        "cannot parse statement `CREATE INDEX ON t USING ${m} (a)` (it holds the placeholder "
        "${m}, which the migration tool fills in before running it); it was not checked",
    ]


def test_unparseable_statement_reads_the_parser_classes_as_words() -> None:
    from schemacheck.rules.sc000_unparseable_statement import _reason

    (s,) = parse_text("CREATE TABLE ${x}.t (id int);\n", "0001_x.sql").statements
    assert s.parse_error is not None and "<class 'sqlglot." in s.parse_error
    reason = _reason(s.parse_error)
    assert "<class" not in reason and " missing for parameter" in reason


def test_index_on_a_partitioned_table_gives_the_partition_recipe() -> None:
    parent = parse_text(
        "CREATE TABLE IF NOT EXISTS m (id bigint, d date) PARTITION BY RANGE (d);\n",
        "0001_m.sql",
    )
    index = parse_text("CREATE INDEX IF NOT EXISTS m_d ON m (d);\n", "0002_m_d.sql")
    (finding,) = [x for x in lint_files([parent, index]).findings if x.code == "SC001"]
    assert "cannot be made CONCURRENTLY" in finding.message
    assert finding.help is not None
    assert "ON ONLY" in finding.help and "ATTACH PARTITION" in finding.help


def test_constraint_trigger_is_not_told_to_use_or_replace() -> None:
    sql = (
        "CREATE CONSTRAINT TRIGGER accounts_check AFTER INSERT ON accounts\n"
        "    FOR EACH ROW EXECUTE FUNCTION check_account();\n"
    )
    (message,) = _messages(sql, "SC025")
    assert "DROP TRIGGER IF EXISTS" in message
    assert "CREATE OR REPLACE TRIGGER" not in message  # PostgreSQL refuses it for these


def test_drop_order_says_when_a_dependent_is_dropped_later() -> None:
    forward = parse_text(
        "CREATE TABLE IF NOT EXISTS t (id int);\n"
        "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RETURN NEW; END $$;\n"
        "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION touch();\n",
        "sql/migrations/0001_touch.sql",
    )
    rollback = parse_text(
        "DROP FUNCTION touch();\nDROP TRIGGER t_touch ON t;\nDROP TABLE t;\n",
        "sql/rollbacks/0001_touch.rollback.sql",
    )
    found = [x for x in lint_files([forward, rollback]).findings if x.code == "SC029"]
    assert [x.location.line for x in found if x.location is not None] == [1]
    assert "(dropped later, line 2)" in found[0].message
    assert "not dropped" not in found[0].message


def test_rollback_incomplete_tells_an_empty_down_section_from_none() -> None:
    files = [
        parse_text(
            "-- +goose Up\nCREATE TABLE t (id int);\n-- +goose Down\nDROP TABLE t;\n", "m/1_a.sql"
        ),
        parse_text("-- +goose Up\nCREATE INDEX t_id ON t (id);\n-- +goose Down\n", "m/2_b.sql"),
        parse_text("-- +goose Up\nCREATE INDEX t_id2 ON t (id);\n", "m/3_c.sql"),
    ]
    found = [f.message for f in lint_files(files).findings if f.code == "SC027"]
    assert found == [
        "migration 2 has an empty down section, while other migrations undo theirs",
        "migration 3 has no down section, while other migrations have one",
    ]


def test_column_type_change_names_the_type_of_the_column_renamed_to_its_name() -> None:
    files = [
        parse_text("CREATE TABLE t (a int, b text);\n", "prerequisites/000_t.sql"),
        parse_text(
            "ALTER TABLE t RENAME COLUMN b TO c;\nALTER TABLE t RENAME COLUMN a TO b;\n"
            "ALTER TABLE t ALTER COLUMN b TYPE bigint;\n",
            "migrations/001_t.sql",
        ),
    ]
    (message,) = [f.message for f in lint_files(files).findings if f.code == "SC011"]
    assert message.startswith("changing the type of public.t.b to bigint (was int)")
