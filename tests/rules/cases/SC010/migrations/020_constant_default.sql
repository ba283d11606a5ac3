-- expect: none of SC010
ALTER TABLE messages ADD COLUMN IF NOT EXISTS encryption_version smallint NOT NULL DEFAULT 1;
ALTER TABLE messages ADD COLUMN IF NOT EXISTS edited_at timestamptz DEFAULT now();
CREATE TABLE IF NOT EXISTS t_new (a int);
ALTER TABLE t_new ADD COLUMN b uuid DEFAULT gen_random_uuid();
