-- expect: SC002 at 2
ALTER TABLE messages
    ADD CONSTRAINT chk_messages_encryption_version_valid
    CHECK (encryption_version IN (1, 2));
