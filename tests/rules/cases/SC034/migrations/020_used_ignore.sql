-- expect: none of SC034
-- schemacheck: ignore SC001 the table has 10 rows
CREATE INDEX IF NOT EXISTS idx_device_keys_user_id ON device_keys (user_id);
