-- expect: none of SC027, SC028
DROP TABLE IF EXISTS items;
DROP FUNCTION IF EXISTS items_touch();
