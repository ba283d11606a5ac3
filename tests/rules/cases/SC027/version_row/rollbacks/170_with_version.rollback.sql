-- expect: none of SC027
BEGIN;
DROP TABLE IF EXISTS audit_events2;
DELETE FROM schema_migrations WHERE version = 170;
COMMIT;
