-- expect: SC008 at 6
-- the DROP COLUMN right after takes the same lock on sessions (and removes the index with the
-- column); a DROP INDEX before an ALTER TABLE that drops no column still counts
DROP INDEX idx_sessions_env;
ALTER TABLE sessions DROP COLUMN env;
DROP INDEX idx_sessions_id_plain;
ALTER TABLE sessions ADD COLUMN note text;
