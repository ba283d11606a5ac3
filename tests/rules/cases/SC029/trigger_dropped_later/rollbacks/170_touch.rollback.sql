-- expect: SC029 at 3
-- the trigger that uses touch() is dropped, but only after it
DROP FUNCTION IF EXISTS touch();
DROP TRIGGER IF EXISTS notes_touch ON notes;
