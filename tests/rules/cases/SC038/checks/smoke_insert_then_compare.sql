-- expect: SC038 at 6, 10, 13, 15
INSERT INTO device_keys (user_id, device_id, public_key, private_key_encrypted)
SELECT id, 'test-device-001', 'cHVibGlj', 'cHJpdmF0ZQ==' FROM users LIMIT 1;

-- the forms of "did the trigger fire?" that prove nothing without an UPDATE
SELECT device_id, updated_at > created_at AS trigger_works
FROM device_keys
WHERE device_id = 'test-device-001';

SELECT count(*) FROM device_keys dk WHERE dk.updated_at <> dk.created_at;
-- an UPDATE of another table does not count
UPDATE users SET last_seen_at = now() WHERE id IS NULL;
SELECT updated_at = created_at FROM public.device_keys;

SELECT k.created_at IS DISTINCT FROM k.updated_at FROM device_keys AS k JOIN users u ON u.id = k.user_id;
