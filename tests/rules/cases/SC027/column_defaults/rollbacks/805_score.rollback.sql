-- expect: SC027 at 4
-- the last statement setting it decides
ALTER TABLE members ALTER COLUMN score SET DEFAULT 0;
ALTER TABLE members ALTER COLUMN score SET DEFAULT 2;
