"""Generate the lint benchmark corpus: many migration files of realistic PostgreSQL DDL and DML.

    python3 bench/lint/corpus.py [--out bench/.work/lint/corpus] [--statements 52000] [--seed 7]

Writes `migrations/NNNNN_<name>.sql` files (about 50 statements each) and copies the real
files under `sql/` beside them (`sql/...`), then prints the number of files and statements.
`--rollbacks` adds `rollbacks/NNNNN_<name>.rollback.sql` for every migration (the layout of a
project with up/down pairs, where every rollback is judged against its forward migration).
The same seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "bench" / ".work" / "lint" / "corpus"

NOUNS = [
    "account", "invoice", "order", "payment", "customer", "product", "shipment", "device",
    "session", "message", "ticket", "comment", "upload", "tenant", "project", "task", "event",
    "audit_entry", "subscription", "coupon", "refund", "warehouse", "supplier", "review",
]  # fmt: skip
TYPES = [
    "text", "varchar(255)", "integer", "bigint", "boolean", "timestamptz", "timestamp",
    "numeric(12,2)", "jsonb", "uuid", "date", "bytea", "smallint", "inet", "text[]",
]  # fmt: skip
COLUMNS = [
    "status", "note", "amount", "label", "kind", "score", "flag", "ref", "payload", "owner_id",
    "region", "code",
]  # fmt: skip
DEFAULTS = {
    "text": "''", "varchar(255)": "'unknown'", "integer": "0", "bigint": "0",
    "boolean": "false", "timestamptz": "now()", "timestamp": "now()", "numeric(12,2)": "0",
    "jsonb": "'{}'::jsonb", "uuid": "gen_random_uuid()", "date": "current_date",
    "bytea": "'\\x'::bytea", "smallint": "1", "inet": "'127.0.0.1'", "text[]": "'{}'",
}  # fmt: skip


class Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.n = 0
        self.tables: list[tuple[str, list[tuple[str, str]]]] = []

    def name(self, base: str) -> str:
        self.n += 1
        return f"{base}_{self.n}"

    def col_name(self) -> str:
        base = self.r.choice(COLUMNS)
        return f"{base}_{self.r.randint(1, 99)}"

    def create_table(self) -> str:
        t = self.name(self.r.choice(NOUNS) + "s")
        cols = [(self.col_name(), self.r.choice(TYPES)) for _ in range(self.r.randint(3, 9))]
        cols = list({c: ty for c, ty in cols}.items())
        lines = ["    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY"]
        for c, ty in cols:
            extra = ""
            if self.r.random() < 0.4:
                extra += " NOT NULL"
            if self.r.random() < 0.3:
                extra += f" DEFAULT {DEFAULTS[ty]}"
            lines.append(f"    {c} {ty}{extra}")
        if self.tables and self.r.random() < 0.6:
            ref = self.r.choice(self.tables)[0]
            on = self.r.choice(["", " ON DELETE CASCADE", " ON DELETE SET NULL"])
            lines.append(f"    {ref}_id bigint REFERENCES {ref} (id){on}")
        lines.append("    created_at timestamptz NOT NULL DEFAULT now()")
        if self.r.random() < 0.5:
            c = cols[0][0]
            lines.append(f"    CONSTRAINT {t}_{c}_uniq UNIQUE ({c})")
        if self.r.random() < 0.4:
            lines.append(f"    CONSTRAINT {t}_created_chk CHECK (created_at > '2000-01-01')")
        ine = " IF NOT EXISTS" if self.r.random() < 0.5 else ""
        self.tables.append((t, cols))
        if len(self.tables) > 200:
            self.tables.pop(0)
        return f"CREATE TABLE{ine} {t} (\n" + ",\n".join(lines) + "\n);"

    def table(self) -> tuple[str, list[tuple[str, str]]]:
        if not self.tables:
            self.create_table()
        return self.r.choice(self.tables)

    def create_index(self) -> str:
        t, cols = self.table()
        c = self.r.choice(cols)[0]
        conc = " CONCURRENTLY" if self.r.random() < 0.5 else ""
        uniq = "UNIQUE " if self.r.random() < 0.2 else ""
        where = f" WHERE {c} IS NOT NULL" if self.r.random() < 0.3 else ""
        using = " USING btree" if self.r.random() < 0.3 else ""
        ine = " IF NOT EXISTS" if self.r.random() < 0.5 else ""
        return f"CREATE {uniq}INDEX{conc}{ine} {self.name('idx_' + t)} ON {t}{using} ({c}){where};"

    def add_column(self) -> str:
        t, cols = self.table()
        ty = self.r.choice(TYPES)
        c = self.name("col")
        cols.append((c, ty))
        extra = ""
        if self.r.random() < 0.3:
            extra = f" NOT NULL DEFAULT {DEFAULTS[ty]}"
        elif self.r.random() < 0.2:
            extra = f" DEFAULT {DEFAULTS[ty]}"
        return f"ALTER TABLE {t} ADD COLUMN {c} {ty}{extra};"

    def add_constraint(self) -> str:
        t, cols = self.table()
        c = self.r.choice(cols)[0]
        k = self.r.random()
        nv = " NOT VALID" if self.r.random() < 0.5 else ""
        if k < 0.4 and len(self.tables) > 1:
            ref = self.r.choice(self.tables)[0]
            return (f"ALTER TABLE {t} ADD CONSTRAINT {self.name(t + '_fk')} FOREIGN KEY "
                    f"({c}) REFERENCES {ref} (id){nv};")  # fmt: skip
        if k < 0.8:
            chk = self.name(t + "_chk")
            return f"ALTER TABLE {t} ADD CONSTRAINT {chk} CHECK ({c} IS NOT NULL){nv};"
        return f"ALTER TABLE {t} ADD CONSTRAINT {self.name(t + '_key')} UNIQUE ({c});"

    def alter_misc(self) -> str:
        t, cols = self.table()
        c = self.r.choice(cols)[0]
        return self.r.choice([
            f"ALTER TABLE {t} ALTER COLUMN {c} SET NOT NULL;",
            f"ALTER TABLE {t} ALTER COLUMN {c} DROP DEFAULT;",
            f"ALTER TABLE {t} ALTER COLUMN {c} TYPE text;",
            f"ALTER TABLE {t} RENAME COLUMN {c} TO {c}_old;",
            f"ALTER TABLE {t} DROP COLUMN IF EXISTS {c};",
            f"ALTER TABLE {t} VALIDATE CONSTRAINT {t}_created_chk;",
        ])  # fmt: skip

    def function(self, f: str = "") -> str:
        f = f or self.name("touch_" + self.r.choice(NOUNS))
        return (
            f"CREATE OR REPLACE FUNCTION {f}()\nRETURNS trigger\nLANGUAGE plpgsql\nAS $$\n"
            "BEGIN\n    NEW.updated_at := now();\n"
            "    IF NEW.status IS DISTINCT FROM OLD.status THEN\n"
            "        INSERT INTO audit_log (tbl, row_id, at)\n"
            "            VALUES (TG_TABLE_NAME, NEW.id, now());\n"
            "    END IF;\n    RETURN NEW;\nEND;\n$$;"
        )

    def sql_function(self) -> str:
        t, _ = self.table()
        f = self.name("count_" + t)
        return (
            f"CREATE FUNCTION {f}(p_since timestamptz DEFAULT now() - interval '1 day')\n"
            f"RETURNS bigint LANGUAGE sql STABLE AS $fn$\n"
            f"    SELECT count(*) FROM {t} WHERE created_at >= p_since\n$fn$;"
        )

    def trigger(self) -> str:
        t, _ = self.table()
        fn = self.name("touch_" + t)
        return (
            self.function(fn)
            + f"\n\nCREATE TRIGGER {self.name('trg_' + t)}\n    BEFORE UPDATE ON {t}\n"
            f"    FOR EACH ROW EXECUTE FUNCTION {fn}();"
        )

    def drop(self) -> str:
        t, _ = self.table()
        return self.r.choice([
            f"DROP TABLE IF EXISTS {t}_archive CASCADE;",
            f"DROP INDEX IF EXISTS idx_{t}_old;",
            f"DROP INDEX CONCURRENTLY IF EXISTS idx_{t}_legacy;",
            f"DROP FUNCTION IF EXISTS touch_{t}() CASCADE;",
            f"DROP VIEW IF EXISTS {t}_summary;",
            f"DROP TRIGGER IF EXISTS trg_{t}_legacy ON {t};",
        ])  # fmt: skip

    def dml(self) -> str:
        t, cols = self.table()
        c = self.r.choice(cols)[0]
        return self.r.choice([
            f"UPDATE {t} SET {c} = DEFAULT WHERE id < {self.r.randint(100, 100000)};",
            f"UPDATE {t} SET created_at = now();",
            f"DELETE FROM {t} WHERE created_at < now() - interval '{self.r.randint(2, 90)} days';",
            f"DELETE FROM {t} WHERE id IN (SELECT id FROM {t} WHERE {c} IS NULL LIMIT 1000);",
            f"INSERT INTO {t} ({c}) SELECT {c} FROM {t} WHERE id = {self.r.randint(1, 99)};",
        ])  # fmt: skip

    def view(self) -> str:
        t, cols = self.table()
        c = self.r.choice(cols)[0]
        return (
            f"CREATE OR REPLACE VIEW {self.name(t + '_v')} AS\n"
            f"    SELECT id, {c}, created_at FROM {t}\n"
            "    WHERE created_at > now() - interval '30 days';"
        )

    def misc(self) -> str:
        return self.r.choice([
            "SET lock_timeout = '5s';",
            "SET statement_timeout = '30s';",
            f"CREATE TYPE {self.name('state')} AS ENUM ('new', 'active', 'closed');",
            f"CREATE SEQUENCE IF NOT EXISTS {self.name('seq')} START 1000;",
            f"COMMENT ON TABLE {self.table()[0]} IS 'generated for the lint benchmark';",
            "CREATE EXTENSION IF NOT EXISTS pgcrypto;",
        ])  # fmt: skip

    def statement(self) -> tuple[str, int]:
        """One snippet and how many statements it holds."""
        k = self.r.random()
        if k < 0.14:
            return self.create_table(), 1
        if k < 0.30:
            return self.create_index(), 1
        if k < 0.44:
            return self.add_column(), 1
        if k < 0.54:
            return self.add_constraint(), 1
        if k < 0.62:
            return self.alter_misc(), 1
        if k < 0.67:
            return self.function(), 1
        if k < 0.70:
            return self.sql_function(), 1
        if k < 0.74:
            return self.trigger(), 2
        if k < 0.80:
            return self.drop(), 1
        if k < 0.90:
            return self.dml(), 1
        if k < 0.94:
            return self.view(), 1
        return self.misc(), 1


_CREATED = re.compile(
    r"^CREATE (?:OR REPLACE )?(?P<kind>TABLE|(?:UNIQUE )?INDEX|FUNCTION|VIEW|TYPE)"
    r"(?: CONCURRENTLY)?(?: IF NOT EXISTS)? (?P<name>[\w.]+(?:\([^)]*\))?)",
    re.M,
)
_DROP_ORDER = ("VIEW", "INDEX", "TABLE", "FUNCTION", "TYPE")  # dependents first


def rollback_of(migration: str) -> str:
    """A rollback that drops what `migration` creates, dependents first (its triggers go with
    their tables); `SELECT 1;` when it creates nothing."""
    made: dict[str, list[str]] = {kind: [] for kind in _DROP_ORDER}
    for m in _CREATED.finditer(migration):
        kind = m.group("kind").removeprefix("UNIQUE ")
        name = m.group("name") if kind == "FUNCTION" else m.group("name").split("(")[0]
        made[kind].append(name)
    drops = [
        f"DROP {kind} IF EXISTS {name};" for kind in _DROP_ORDER for name in reversed(made[kind])
    ]
    return "\n".join(drops or ["SELECT 1;"]) + "\n"


def generate(
    out: Path, statements: int, seed: int, per_file: int = 50, rollbacks: bool = False
) -> tuple[int, int]:
    """Write the corpus under `out` (emptied first); (files, statements written). With
    `rollbacks`, each migration also gets `rollbacks/<its name>.rollback.sql` (`rollback_of`);
    the migrations are the same bytes either way."""
    if out.exists():
        shutil.rmtree(out)
    mig = out / "migrations"
    mig.mkdir(parents=True)
    g = Gen(seed)
    total = files = 0
    version = 1000
    while total < statements:
        version += 1
        body: list[str] = [f"-- {version}: generated migration for the lint benchmark\n"]
        wrap = g.r.random() < 0.6
        if wrap:
            body.append("BEGIN;\n")
            total += 1
        count = 0
        while count < per_file:
            text, n = g.statement()
            if wrap and "CONCURRENTLY" in text:
                text = text.replace(" CONCURRENTLY", "")
            if g.r.random() < 0.1:
                body.append(f"-- step {count}: {g.r.choice(NOUNS)} housekeeping")
            body.append(text + "\n")
            count += n
        total += count
        if wrap:
            body.append("COMMIT;\n")
            total += 1
        verb = g.r.choice(["add", "change", "drop", "backfill"])
        name = f"{version:05d}_{g.r.choice(NOUNS)}_{verb}.sql"
        (mig / name).write_text("\n".join(body), encoding="utf-8")
        files += 1
        if rollbacks:
            down = rollback_of("\n".join(body))
            (out / "rollbacks").mkdir(exist_ok=True)
            (out / "rollbacks" / name.replace(".sql", ".rollback.sql")).write_text(down)
            files += 1
            total += down.count(";\n")
    real = ROOT / "sql"
    if real.is_dir():
        for src in sorted(real.rglob("*.sql")):
            dst = out / "sql" / src.relative_to(real)
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(src, dst)
            files += 1
            total += sum(
                1
                for line in src.read_text(encoding="utf-8").splitlines()
                if line.rstrip().endswith(";")
            )
    return files, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--statements", type=int, default=52000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument(
        "--rollbacks", action="store_true", help="also a rollback file for every migration"
    )
    a = ap.parse_args()
    files, total = generate(a.out, a.statements, a.seed, rollbacks=a.rollbacks)
    print(f"{files} files, about {total} statements under {a.out}")


if __name__ == "__main__":
    main()
