CREATE TABLE IF NOT EXISTS items (id bigint PRIMARY KEY, touched timestamptz);
CREATE OR REPLACE FUNCTION items_touch() RETURNS trigger LANGUAGE plpgsql
    AS $$ BEGIN NEW.touched := now(); RETURN NEW; END $$;
CREATE OR REPLACE TRIGGER items_touch BEFORE INSERT ON items
    FOR EACH ROW EXECUTE FUNCTION items_touch();
