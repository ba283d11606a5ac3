-- expect: SC027 at file
-- drops the table but leaves the version row: the database still claims 160 is applied
DROP TABLE IF EXISTS audit_events;
