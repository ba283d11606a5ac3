-- expect: SC028 at 5
-- expect: none of SC027
-- items_touch_late is 404's own; items_touch was 401's: dropping it removes 401's trigger
DROP TRIGGER IF EXISTS items_touch_late ON items;
DROP TRIGGER IF EXISTS items_touch ON items;
