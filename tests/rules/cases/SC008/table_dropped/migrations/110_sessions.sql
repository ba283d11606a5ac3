-- expect: none of SC008
CREATE TABLE sessions (id int PRIMARY KEY, env int);
CREATE INDEX idx_sessions_env ON sessions (env);
