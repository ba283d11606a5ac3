-- expect: none of SC027
-- the old type renamed away, a new one made with the earlier name, the old one dropped
ALTER TYPE mood RENAME TO mood_old;
CREATE TYPE mood AS ENUM ('blue', 'fine', 'joyful', 'super');
UPDATE diary SET mood = NULL WHERE mood = 'okay';
ALTER TABLE diary ALTER COLUMN mood TYPE mood USING mood::text::mood;
DROP TYPE mood_old;
