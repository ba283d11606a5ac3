"""The benchmark catalog: N tables spread over M schemas, built fast over one connection.

Per schema: one PL/pgSQL trigger function. Per table: a primary key, a UNIQUE constraint, a
CHECK constraint, a foreign key (to the previous table of the same schema; the first table
refers to itself), two plain indexes and a row trigger calling the schema's function.

The DDL is generated here and sent as one multi-statement string per schema; the transaction
is committed every `SCHEMAS_PER_COMMIT` schemas.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import psycopg

SCHEMAS_PER_COMMIT = 20


@dataclass(frozen=True)
class Size:
    tables: int
    schemas: int

    @property
    def key(self) -> str:
        return f"t{self.tables}-s{self.schemas}"

    def tables_in(self, schema_index: int) -> int:
        """Tables are spread evenly; the first `tables % schemas` schemas get one more."""
        base, extra = divmod(self.tables, self.schemas)
        return base + (1 if schema_index < extra else 0)


FULL = Size(tables=20_000, schemas=800)
SMALL = Size(tables=500, schemas=20)


def schema_ddl(schema_index: int, tables: int) -> str:
    s = f"s{schema_index:04d}"
    out = [
        f"CREATE SCHEMA {s};",
        f"CREATE FUNCTION {s}.touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        "BEGIN\n  NEW.updated_at := now();\n  RETURN NEW;\nEND\n$$;",
    ]
    for i in range(tables):
        t = f"{s}.t{i:03d}"
        parent = f"{s}.t{i - 1:03d}" if i else t
        out.append(
            f"CREATE TABLE {t} (\n"
            "  id bigint NOT NULL,\n"
            "  parent_id bigint,\n"
            "  code text NOT NULL,\n"
            "  name text,\n"
            "  amount numeric(12,2) NOT NULL DEFAULT 0,\n"
            "  created_at timestamptz NOT NULL DEFAULT now(),\n"
            "  updated_at timestamptz,\n"
            f"  CONSTRAINT t{i:03d}_pkey PRIMARY KEY (id),\n"
            f"  CONSTRAINT t{i:03d}_code_key UNIQUE (code),\n"
            f"  CONSTRAINT t{i:03d}_amount_check CHECK (amount >= 0),\n"
            f"  CONSTRAINT t{i:03d}_parent_fkey FOREIGN KEY (parent_id) REFERENCES {parent} (id)"
            " ON DELETE CASCADE\n"
            ");\n"
            f"CREATE INDEX t{i:03d}_name_idx ON {t} (name);\n"
            f"CREATE INDEX t{i:03d}_created_idx ON {t} (created_at DESC, id);\n"
            f"CREATE TRIGGER t{i:03d}_touch BEFORE UPDATE ON {t}\n"
            f"  FOR EACH ROW EXECUTE FUNCTION {s}.touch();"
        )
    return "\n".join(out)


def build(dsn: str, size: Size, progress: Callable[[str], None] = print) -> None:
    started = time.monotonic()
    with psycopg.connect(dsn) as conn:
        for k in range(size.schemas):
            conn.execute(schema_ddl(k, size.tables_in(k)).encode())
            if (k + 1) % SCHEMAS_PER_COMMIT == 0 or k + 1 == size.schemas:
                conn.commit()
                elapsed = time.monotonic() - started
                progress(f"  built {k + 1}/{size.schemas} schemas ({elapsed:.0f} s)")


def vacuum(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")


COUNTS_SQL = """
SELECT
  (SELECT count(*) FROM pg_namespace n WHERE n.nspname ~ '^s[0-9]{4}$'),
  (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname ~ '^s[0-9]{4}$'),
  (SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname ~ '^s[0-9]{4}$'),
  (SELECT count(*) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
     WHERE n.nspname ~ '^s[0-9]{4}$'),
  (SELECT count(*) FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE NOT g.tgisinternal AND n.nspname ~ '^s[0-9]{4}$'),
  (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
     WHERE n.nspname ~ '^s[0-9]{4}$'),
  (SELECT count(*) FROM pg_class),
  (SELECT count(*) FROM pg_attribute),
  pg_database_size(current_database())
"""

COUNT_NAMES = (
    "schemas",
    "tables",
    "indexes",
    "constraints",
    "triggers",
    "functions",
    "pg_class rows",
    "pg_attribute rows",
    "database bytes",
)


def counts(dsn: str) -> dict[str, int]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        row = conn.execute(COUNTS_SQL).fetchone()
    assert row is not None
    return dict(zip(COUNT_NAMES, (int(v) for v in row), strict=True))
