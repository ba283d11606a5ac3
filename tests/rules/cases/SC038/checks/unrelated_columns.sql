-- expect: none of SC038
SELECT created_at > now() - interval '1 day', updated_at IS NOT NULL FROM device_keys;
SELECT a.updated_at > b.updated_at FROM device_keys a, device_keys b;
SELECT created_at, updated_at FROM device_keys ORDER BY updated_at;
