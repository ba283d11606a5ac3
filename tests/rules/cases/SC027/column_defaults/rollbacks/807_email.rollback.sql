-- expect: none of SC027
-- NOT NULL set again under the migration's name, then renamed back
ALTER TABLE members ALTER COLUMN contact SET NOT NULL;
ALTER TABLE members RENAME COLUMN contact TO email;
