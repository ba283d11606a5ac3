-- expect: SC029 at 4, 5
-- width_of(bigint) is the width_of(events.id%TYPE) the view calls, pale(app.mood) the pale
-- the other view calls
DROP FUNCTION IF EXISTS width_of(bigint);
DROP FUNCTION IF EXISTS pale(app.mood);
DROP VIEW IF EXISTS event_widths;
DROP VIEW IF EXISTS pale_moods;
DROP FUNCTION IF EXISTS width_of(text);
DROP FUNCTION IF EXISTS pale(mood);
