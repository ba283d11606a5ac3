CREATE TABLE IF NOT EXISTS audit_events2 (id bigint PRIMARY KEY);
INSERT INTO public.schema_migrations (version) VALUES (170);
