CREATE TABLE IF NOT EXISTS device_keys2 (
    id uuid PRIMARY KEY,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE OR REPLACE FUNCTION update_device_keys2_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER trigger_device_keys2_updated_at BEFORE UPDATE ON device_keys2
    FOR EACH ROW EXECUTE FUNCTION update_device_keys2_updated_at();
CREATE TABLE IF NOT EXISTS key_exchanges2 (
    id uuid PRIMARY KEY,
    device_key_id uuid NOT NULL REFERENCES device_keys2 (id)
);
