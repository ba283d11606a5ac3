-- expect: SC015 at 2
DROP TABLE IF EXISTS old_audit_log;
