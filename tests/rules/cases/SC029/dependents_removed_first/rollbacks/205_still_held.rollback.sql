-- expect: SC029 at 6, 8
-- another column or constraint of the table goes: the foreign key and the typed column stay
ALTER TABLE route DROP COLUMN note;
ALTER TABLE route DROP CONSTRAINT IF EXISTS route_note_fkey;
ALTER TABLE existing DROP COLUMN other_note;
DROP TABLE zone;
ALTER TABLE existing DROP COLUMN IF EXISTS lvl_old;
DROP TYPE level;
ALTER TABLE route DROP COLUMN zone_id;
ALTER TABLE existing DROP COLUMN lvl;
