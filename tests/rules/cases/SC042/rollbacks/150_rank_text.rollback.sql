-- expect: SC042 at 2
ALTER TABLE accounts ALTER COLUMN rank TYPE bigint;
ALTER TABLE accounts ALTER COLUMN rank TYPE bigint USING rank::bigint;
