-- expect: SC018 at 2
TRUNCATE device_keys;
