ALTER TABLE members ALTER COLUMN username DROP NOT NULL;
ALTER TABLE members RENAME COLUMN username TO source_username;
