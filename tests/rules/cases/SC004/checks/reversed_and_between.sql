-- expect: SC004 at 2, 3, 4, 5
DELETE FROM device_keys WHERE now() - interval '1 minute' < created_at;
DELETE FROM device_keys WHERE created_at BETWEEN now() - interval '1 hour' AND now();
DELETE FROM device_keys WHERE now() - created_at < interval '1 minute';
UPDATE device_keys SET revoked = true WHERE created_at > now() - interval '1 minute';
