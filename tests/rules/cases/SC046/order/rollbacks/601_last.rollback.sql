-- expect: none of SC046
-- the last column comes back last; a rename keeps the place
ALTER TABLE app.orders ADD COLUMN note text;
ALTER TABLE tags RENAME COLUMN colour TO color;
