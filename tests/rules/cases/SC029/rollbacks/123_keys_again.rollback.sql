-- expect: none of SC029
DROP TABLE IF EXISTS key_exchanges2;
DROP TRIGGER IF EXISTS trigger_device_keys2_updated_at ON device_keys2;
DROP FUNCTION IF EXISTS update_device_keys2_updated_at();
DROP TABLE IF EXISTS device_keys2;
