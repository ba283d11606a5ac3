-- expect: none of SC038
INSERT INTO device_keys (user_id, device_id, public_key, private_key_encrypted)
SELECT id, 'test-device-001', 'cHVibGlj', 'cHJpdmF0ZQ==' FROM users LIMIT 1;
UPDATE device_keys
SET updated_at = '2000-01-01', public_key = 'cm90YXRlZA=='
WHERE device_id = 'test-device-001';
SELECT updated_at > '2000-01-01' AND updated_at >= created_at AS trigger_works
FROM device_keys
WHERE device_id = 'test-device-001';
