-- expect: SC034 at 2, 4
-- schemacheck: ignore SC001 small table
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_device_keys_user_id ON device_keys (user_id);
-- schemacheck: ignore SC999
SELECT 1;
