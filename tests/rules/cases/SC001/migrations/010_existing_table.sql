-- expect: SC001 at 2
CREATE INDEX idx_messages_encryption_version ON messages (encryption_version);
