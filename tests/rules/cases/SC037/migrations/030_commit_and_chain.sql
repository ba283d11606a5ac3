-- expect: none of SC037
-- xfail: schemacheck.ddl ends the transaction at COMMIT AND CHAIN, which starts a new one at once
BEGIN;
CREATE TABLE IF NOT EXISTS device_keys (id uuid PRIMARY KEY);
COMMIT AND CHAIN;
CREATE TABLE IF NOT EXISTS key_exchanges (id uuid PRIMARY KEY);
COMMIT;
