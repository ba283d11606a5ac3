-- expect: none of SC008
-- the index's table (from the forward migration) is dropped right after
DROP INDEX idx_sessions_env;
DROP TABLE sessions;
