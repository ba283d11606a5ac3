-- expect: SC042 at 6
-- uuid to text needs no USING (every type converts to text by assignment); text back to
-- integer does. rank is bigint after migration 140 (migration 150 makes it text later, which
-- this rollback does not see): bigint to integer converts by assignment.
ALTER TABLE accounts ALTER COLUMN api_token TYPE text;
ALTER TABLE accounts ALTER COLUMN login_count TYPE integer;
ALTER TABLE accounts ALTER COLUMN rank TYPE integer;
