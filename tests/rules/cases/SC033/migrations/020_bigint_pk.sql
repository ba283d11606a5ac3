-- expect: none of SC033
CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS audit_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n integer);
CREATE TABLE IF NOT EXISTS device_keys (id uuid PRIMARY KEY);
