-- expect: SC046 at 4
-- the table gets its name back, its label column goes last
ALTER TABLE labels RENAME TO tags;
ALTER TABLE tags ADD COLUMN label text;
