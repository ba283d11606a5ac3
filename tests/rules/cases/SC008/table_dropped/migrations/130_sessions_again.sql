-- expect: SC008 at 6
-- sessions is made again earlier in this file: new, empty, seen by nobody
DROP TABLE sessions;
CREATE TABLE sessions (id int PRIMARY KEY, env int);
DROP INDEX IF EXISTS idx_sessions_env;
DROP INDEX IF EXISTS idx_unknown;
