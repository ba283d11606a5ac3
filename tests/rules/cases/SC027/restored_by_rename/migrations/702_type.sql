CREATE TYPE mood_new AS ENUM ('a', 'b');
ALTER TABLE m ALTER COLUMN feel TYPE mood_new USING feel::text::mood_new;
DROP TYPE mood;
ALTER TYPE mood_new RENAME TO mood;
