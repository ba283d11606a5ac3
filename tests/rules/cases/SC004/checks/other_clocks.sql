-- expect: SC004 at 2, 3, 4
DELETE FROM device_keys WHERE created_at > clock_timestamp() - interval '1 minute';
DELETE FROM device_keys WHERE created_at > transaction_timestamp() - interval '1 minute';
DELETE FROM device_keys WHERE created_on >= CURRENT_DATE;
