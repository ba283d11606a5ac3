-- 000: the schema version table.
--
-- Every migration records its version here once applied; deploy checklists read it
-- ("SELECT * FROM schema_migrations ORDER BY version DESC") to know where a database stands.

BEGIN;

CREATE TABLE schema_migrations (
    version    bigint      PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO schema_migrations (version) VALUES (0) ON CONFLICT (version) DO NOTHING;

COMMIT;
