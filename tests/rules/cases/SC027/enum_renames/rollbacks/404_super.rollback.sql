-- expect: SC027 at 5
-- the type created again, with the new name still listed
ALTER TABLE diary ALTER COLUMN mood TYPE text;
DROP TYPE mood;
CREATE TYPE mood AS ENUM ('blue', 'fine', 'joyful', 'super');
ALTER TABLE diary ALTER COLUMN mood TYPE mood USING mood::mood;
