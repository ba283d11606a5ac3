-- expect: SC027 at 6
-- the type created again, with the value still in it
ALTER TABLE diary ALTER COLUMN mood DROP DEFAULT;
ALTER TABLE diary ALTER COLUMN mood TYPE text;
DROP TYPE mood;
CREATE TYPE mood AS ENUM ('sad', 'meh', 'ok', 'happy', 'great');
ALTER TABLE diary ALTER COLUMN mood TYPE mood USING mood::mood,
    ALTER COLUMN mood SET DEFAULT 'ok';
