"""lint reads each statement of a file, not the code a DO block runs: a migration's DO block
that changes the schema or rows is listed as not checked, so a clean report never hides it."""

from __future__ import annotations

from schemacheck.ddl import parse_text
from schemacheck.lint import lint_files

MIGRATION = """\
DO $$ BEGIN
  ALTER TABLE users ADD COLUMN nick text;
EXCEPTION WHEN duplicate_column THEN NULL;
END $$;
DO $$ BEGIN RAISE NOTICE 'only talks'; END $$;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT tablename FROM pg_tables LOOP
    EXECUTE format('ANALYZE %I', r.tablename);
  END LOOP;
END $$;
DO $$ BEGIN PERFORM 1 FROM users FOR UPDATE; END $$;
DO $$ BEGIN DELETE FROM sessions; END $$;
DO $$ BEGIN UPDATE users SET nick = '' WHERE nick IS NULL; END $$;
DO $$ BEGIN INSERT INTO settings VALUES ('seed'); END $$;
"""


def test_do_blocks_that_change_things_are_listed_as_not_checked() -> None:
    report = lint_files([parse_text(MIGRATION, "migrations/002_nick.sql")])
    lines = sorted(int(n.split(":")[1]) for n in report.not_checked)
    assert lines == [1, 6, 12, 13, 14]
    assert report.not_checked[0] == (
        "migrations/002_nick.sql:1: the statements this DO block runs are not linted "
        "(it changes the schema or rows)"
    )


def test_do_blocks_of_check_scripts_are_tests_not_changes() -> None:
    report = lint_files([parse_text(MIGRATION, "checks/smoke.sql")])
    assert report.not_checked == ()
