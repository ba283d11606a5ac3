-- a column the migration adds is its own: dropping it is all that is asked
ALTER TABLE members ADD COLUMN extra text;
ALTER TABLE members ALTER COLUMN extra SET DEFAULT 'e', ALTER COLUMN extra SET NOT NULL;
