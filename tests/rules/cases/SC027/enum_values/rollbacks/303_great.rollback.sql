-- expect: none of SC027, SC028
-- PostgreSQL cannot drop an enum value: the type is created again without it
UPDATE diary SET mood = 'ok' WHERE mood = 'great';
ALTER TABLE diary ALTER COLUMN mood DROP DEFAULT;
ALTER TABLE diary ALTER COLUMN mood TYPE text;
DROP TYPE IF EXISTS mood;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
ALTER TABLE diary ALTER COLUMN mood TYPE mood USING mood::mood,
    ALTER COLUMN mood SET DEFAULT 'ok';
