CREATE TABLE IF NOT EXISTS device_keys (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES users (id),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION update_device_keys_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER trigger_device_keys_updated_at BEFORE UPDATE ON device_keys
    FOR EACH ROW EXECUTE FUNCTION update_device_keys_updated_at();
CREATE TABLE IF NOT EXISTS key_exchanges (
    id uuid PRIMARY KEY,
    device_key_id uuid NOT NULL REFERENCES device_keys (id)
);
CREATE TYPE exchange_status AS ENUM ('pending', 'done');
ALTER TABLE key_exchanges ADD COLUMN IF NOT EXISTS status exchange_status;
