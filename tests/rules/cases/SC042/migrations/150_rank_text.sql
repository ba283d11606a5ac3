ALTER TABLE accounts ALTER COLUMN rank TYPE text;
