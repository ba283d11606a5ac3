ALTER TABLE app.orders DROP COLUMN note;
ALTER TABLE tags RENAME COLUMN color TO colour;
