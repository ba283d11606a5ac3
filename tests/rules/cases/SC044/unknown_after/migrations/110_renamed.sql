-- expect: none of SC044
-- the view reads the table renamed away, not the one made under its old name (a renamed table
-- is not followed: what was made before it is no longer known by name)
ALTER TABLE items RENAME TO items_old;
CREATE TABLE items (id bigint PRIMARY KEY, price numeric);
ALTER TABLE items ALTER COLUMN price TYPE integer;
DROP TABLE items;
