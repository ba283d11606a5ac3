-- expect: SC027 at 3
-- the rollback sets the migration's default again instead of the earlier one
ALTER TABLE members ALTER COLUMN role SET DEFAULT 'querier';
