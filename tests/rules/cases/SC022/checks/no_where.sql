-- expect: SC022 at 2, 3
DELETE FROM device_keys;
UPDATE users SET is_active = false;
