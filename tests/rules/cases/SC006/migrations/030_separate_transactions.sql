-- expect: none of SC006
BEGIN;
ALTER TABLE messages ADD CONSTRAINT chk_version CHECK (encryption_version IN (1, 2)) NOT VALID;
COMMIT;
BEGIN;
ALTER TABLE messages VALIDATE CONSTRAINT chk_version;
COMMIT;
ALTER TABLE messages ADD CONSTRAINT chk_other CHECK (encryption_version > 0) NOT VALID;
ALTER TABLE messages VALIDATE CONSTRAINT chk_other;
