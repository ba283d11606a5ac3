-- expect: none of SC027, SC028
-- the old type renamed away, a new one made without 'fine', the old one dropped
DELETE FROM diary WHERE mood = 'fine';
ALTER TYPE mood RENAME TO mood_old;
CREATE TYPE mood AS ENUM ('sad', 'meh', 'ok', 'happy', 'great');
ALTER TABLE diary ALTER COLUMN mood DROP DEFAULT,
    ALTER COLUMN mood TYPE mood USING mood::text::mood,
    ALTER COLUMN mood SET DEFAULT 'ok';
DROP TYPE mood_old;
