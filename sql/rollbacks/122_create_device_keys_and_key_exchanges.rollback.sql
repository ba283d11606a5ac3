-- Rollback of migration 122_create_device_keys_and_key_exchanges.sql.
-- As written in the Batch 3 checklist, Step 4 ("Rollback if needed").

DROP TABLE IF EXISTS key_exchanges CASCADE;
DROP TABLE IF EXISTS device_keys CASCADE;
DROP FUNCTION IF EXISTS get_device_key_stats();
DROP FUNCTION IF EXISTS update_device_keys_updated_at();
