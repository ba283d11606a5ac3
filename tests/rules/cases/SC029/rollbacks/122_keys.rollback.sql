-- expect: SC029 at 3, 4, 5
-- function before its trigger's table, referenced table first, type before its column's table
DROP FUNCTION IF EXISTS update_device_keys_updated_at();
DROP TYPE IF EXISTS exchange_status;
DROP TABLE IF EXISTS device_keys;
DROP TABLE IF EXISTS key_exchanges;
