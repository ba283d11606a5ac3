-- expect: none of SC002
ALTER TABLE messages
    ADD CONSTRAINT chk_messages_encryption_version_valid
    CHECK (encryption_version IN (1, 2)) NOT VALID;
ALTER TABLE messages VALIDATE CONSTRAINT chk_messages_encryption_version_valid;
