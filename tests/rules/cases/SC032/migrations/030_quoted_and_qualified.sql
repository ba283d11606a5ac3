-- expect: SC032 at 3, 3, 3, 4, 5
-- pg_dump writes the type's catalog name quoted for some columns: the same type
CREATE TABLE IF NOT EXISTS events (e "timestamp", f "timestamp"(3), g pg_catalog."timestamp");
ALTER TABLE events ALTER COLUMN e TYPE "timestamp";
ALTER TABLE events ADD COLUMN IF NOT EXISTS h TIMESTAMP WITHOUT TIME ZONE[];
