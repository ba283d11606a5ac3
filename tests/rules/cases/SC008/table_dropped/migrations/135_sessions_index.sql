CREATE INDEX idx_sessions_env ON sessions (env);
CREATE INDEX idx_sessions_id_plain ON sessions (id);
