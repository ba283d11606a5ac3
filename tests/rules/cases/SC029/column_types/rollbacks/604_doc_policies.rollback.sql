-- expect: SC029 at 3, 4
-- a policy's USING and WITH CHECK expressions hold the columns they read (0A000)
ALTER TABLE docs ALTER COLUMN owner TYPE varchar(100);
ALTER TABLE docs ALTER COLUMN body TYPE varchar(500);
DROP POLICY docs_own ON docs;
DROP POLICY docs_insert ON docs;
