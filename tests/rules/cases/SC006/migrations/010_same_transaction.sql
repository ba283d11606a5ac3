-- expect: SC006 at 4
BEGIN;
ALTER TABLE messages ADD CONSTRAINT chk_version CHECK (encryption_version IN (1, 2)) NOT VALID;
ALTER TABLE messages VALIDATE CONSTRAINT chk_version;
COMMIT;
