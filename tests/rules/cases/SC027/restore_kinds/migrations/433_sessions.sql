DROP TRIGGER IF EXISTS sessions_touch ON sessions;
DROP INDEX IF EXISTS sessions_updated_idx;
DROP TABLE IF EXISTS sessions;
