-- expect: none of SC022
DELETE FROM device_keys WHERE device_id = 'test-device-001';
UPDATE users SET is_active = false WHERE id = '00000000-0000-0000-0000-000000000001';
