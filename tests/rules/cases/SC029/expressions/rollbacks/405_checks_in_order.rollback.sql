-- expect: none of SC029
-- dropping a column drops every CHECK constraint reading it (racks_check reads width and
-- depth); lower(name) is the built-in lower(text)
DROP FUNCTION IF EXISTS lower(int);
ALTER TABLE racks DROP COLUMN depth;
DROP FUNCTION IF EXISTS is_wide(int);
DROP FUNCTION IF EXISTS is_deep(int);
ALTER TABLE accounts DROP CONSTRAINT accounts_positive;
DROP FUNCTION IF EXISTS is_positive(int);
DROP TABLE IF EXISTS racks;
