"""SC041: migration versions are per project; two projects linted together may share them."""

from __future__ import annotations

from pathlib import Path

from schemacheck.lint import lint_paths


def test_projects_linted_together_keep_their_own_versions(tmp_path: Path) -> None:
    for project in ("p", "q"):
        for name in ("001_a.sql", "002_b.sql"):
            path = tmp_path / project / "migrations" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"CREATE TABLE IF NOT EXISTS {project}_{name[:3]} (id int);\n")
    assert lint_paths([tmp_path], select=["SC041"]).findings == ()
    (tmp_path / "q" / "migrations" / "002_c.sql").write_text("SELECT 1;\n")
    found = lint_paths([tmp_path], select=["SC041"]).findings
    assert [(Path(f.location.path).relative_to(tmp_path).as_posix(), f.message) for f in found] == [
        (
            "q/migrations/002_c.sql",
            "migration version 2 is taken by 002_b.sql: tools that key migrations by version "
            "(golang-migrate, goose, Flyway, sqlx, Diesel) refuse the second",
        )
    ]
