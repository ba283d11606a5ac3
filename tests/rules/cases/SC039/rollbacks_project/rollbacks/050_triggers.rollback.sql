-- expect: SC039 at 5, 6, 8, 9, 11, 12, 14, 17
-- the foreign key went with CASCADE of the table it references; a trigger, a sequence owned by
-- a column with their table; a schema's tables with it
DROP TABLE p CASCADE;
ALTER TABLE q DROP CONSTRAINT q_p_id_fkey;
ALTER TABLE q DROP CONSTRAINT IF EXISTS q_p_id_fkey, DROP CONSTRAINT q_p_id_fkey;
DROP TABLE q;
DROP TRIGGER q_touch ON q;
DROP SEQUENCE q_numbers;
DROP TYPE mood;
DROP TYPE mood;
ALTER TABLE q DROP COLUMN IF EXISTS m;
DROP SCHEMA archive CASCADE;
DROP TABLE archive.old_q;
DROP TRIGGER IF EXISTS q_touch ON q;
DROP DOMAIN positive;
DROP DOMAIN positive;
DROP FUNCTION touch();
