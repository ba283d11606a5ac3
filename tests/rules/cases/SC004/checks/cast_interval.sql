-- expect: SC004 at 2, 3
DELETE FROM device_keys WHERE created_at >= now() - '5 minutes'::interval;
DELETE FROM device_keys WHERE created_at >= now() - CAST('5 minutes' AS interval);
