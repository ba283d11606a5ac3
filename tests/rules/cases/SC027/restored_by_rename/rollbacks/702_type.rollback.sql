-- expect: none of SC027, SC028
CREATE TYPE mood_old AS ENUM ('a', 'b', 'c');
ALTER TABLE m ALTER COLUMN feel TYPE mood_old USING feel::text::mood_old;
DROP TYPE mood;
ALTER TYPE mood_old RENAME TO mood;
