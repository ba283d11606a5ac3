CREATE TABLE users (id int PRIMARY KEY, is_admin boolean, updated_at timestamptz);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TRIGGER users_touch2 BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW admins AS SELECT id FROM users WHERE is_admin;
CREATE MATERIALIZED VIEW admin_ids AS SELECT id FROM users WHERE is_admin;
CREATE SEQUENCE ticket_seq;
CREATE TYPE mood AS ENUM ('sad', 'ok');
