-- expect: SC033 at 2, 3, 4
CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY);
CREATE TABLE IF NOT EXISTS audit_log (id serial PRIMARY KEY, event text);
CREATE TABLE IF NOT EXISTS tags (id int4, name text, PRIMARY KEY (id));
