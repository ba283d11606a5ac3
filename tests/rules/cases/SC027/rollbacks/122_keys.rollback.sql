-- expect: none of SC027
-- the index goes with its table
DROP TABLE IF EXISTS key_exchanges;
DROP TABLE IF EXISTS device_keys;
