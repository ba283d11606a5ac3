-- expect: none of SC015
DROP TABLE IF EXISTS device_keys;
