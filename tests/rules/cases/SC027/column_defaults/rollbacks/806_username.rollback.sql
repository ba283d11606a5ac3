-- expect: SC027 at file
-- renamed back, but the column now accepts NULL
ALTER TABLE members RENAME COLUMN source_username TO username;
