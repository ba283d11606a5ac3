-- expect: none of SC029
-- which overload label_of(kind) and label_of('x') call is not told without the catalog:
-- nothing is said of either
DROP FUNCTION IF EXISTS label_of(integer);
DROP VIEW IF EXISTS event_labels;
DROP FUNCTION IF EXISTS label_of(text);
