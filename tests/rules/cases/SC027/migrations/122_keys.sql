CREATE TABLE IF NOT EXISTS device_keys (id uuid PRIMARY KEY);
CREATE TABLE IF NOT EXISTS key_exchanges (id uuid PRIMARY KEY, device_key_id uuid REFERENCES device_keys (id));
CREATE INDEX IF NOT EXISTS idx_key_exchanges_device_key_id ON key_exchanges (device_key_id);
