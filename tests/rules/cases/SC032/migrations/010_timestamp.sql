-- expect: SC032 at 2, 3, 4
CREATE TABLE IF NOT EXISTS key_exchanges (id uuid PRIMARY KEY, created_at timestamp NOT NULL DEFAULT now());
ALTER TABLE messages ADD COLUMN IF NOT EXISTS edited_at timestamp(3) without time zone;
ALTER TABLE messages ALTER COLUMN sent_at TYPE timestamp;
