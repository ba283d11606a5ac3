CREATE TYPE mood AS ENUM ('ok', 'sad');
CREATE TABLE p (id integer PRIMARY KEY);
CREATE TABLE q (id integer, p_id integer REFERENCES p, m mood);
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE TRIGGER q_touch BEFORE UPDATE ON q FOR EACH ROW EXECUTE FUNCTION touch();
CREATE SEQUENCE q_numbers OWNED BY q.id;
CREATE SCHEMA archive;
CREATE TABLE archive.old_q (id integer);
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
