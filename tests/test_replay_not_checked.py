"""What the static replay cannot know exactly is not checked, never reported as differing:
the SQL is applied to a real PostgreSQL, its catalog becomes the spec, and coverage of the
same SQL lists the value under "not checked" with no SC95x finding."""

from __future__ import annotations

import json
from pathlib import Path

from schemacheck.coverage import CoverageResult, coverage
from schemacheck.ddl import parse_text
from schemacheck.embedded import apply_sql_files
from schemacheck.introspect import introspect
from schemacheck.spec.dump import dump_catalog


def _against_live(dsn: str, tmp_path: Path, sql: str) -> CoverageResult:
    migration = tmp_path / "0001_x.sql"
    migration.write_text(sql, "utf-8")
    apply_sql_files(dsn, [migration])
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(dump_catalog(introspect(dsn).catalog)), "utf-8")
    return coverage(spec, [parse_text(sql, "migrations/0001_x.sql")])


def test_a_timestamptz_default_without_its_zone_is_not_checked(
    fresh_db: str, tmp_path: Path
) -> None:
    result = _against_live(
        fresh_db,
        tmp_path,
        "CREATE TABLE u (at timestamptz DEFAULT '2020-01-01 00:00:00',"
        " now_ timestamptz DEFAULT 'now', ok timestamptz DEFAULT '2020-01-01 00:00:00Z');\n",
    )
    assert result.findings == ()
    unknown = [n for n in result.not_checked if "default is not known" in n]
    assert [n.split(":")[0] for n in unknown] == ["column public.u.at", "column public.u.now_"]


def test_a_view_whose_table_or_column_is_renamed_later_is_not_checked(
    fresh_db: str, tmp_path: Path
) -> None:
    result = _against_live(
        fresh_db,
        tmp_path,
        "CREATE TABLE t (id int, v int);\nCREATE TABLE c (id int, v int);\n"
        "CREATE VIEW renamed_table AS SELECT id FROM t;\n"
        "CREATE VIEW renamed_column AS SELECT v FROM c;\n"
        "CREATE VIEW untouched AS SELECT id FROM c;\n"
        "ALTER TABLE t RENAME TO t2;\nALTER TABLE c RENAME COLUMN v TO w;\n",
    )
    assert result.findings == ()
    unknown = [n.split(":")[0] for n in result.not_checked if "definition is not known" in n]
    assert unknown == ["view public.renamed_column", "view public.renamed_table"]


def test_a_star_that_cannot_be_expanded_exactly_is_not_checked(
    fresh_db: str, tmp_path: Path
) -> None:
    result = _against_live(
        fresh_db,
        tmp_path,
        "CREATE TABLE a (id int, x int);\nCREATE TABLE b (id int, y int);\n"
        "CREATE VIEW joined AS SELECT * FROM a JOIN b USING (id);\n"
        "CREATE VIEW single AS SELECT * FROM a;\n",
    )
    assert result.findings == ()
    unknown = [n.split(":")[0] for n in result.not_checked if "definition is not known" in n]
    assert unknown == ["view public.joined"]
