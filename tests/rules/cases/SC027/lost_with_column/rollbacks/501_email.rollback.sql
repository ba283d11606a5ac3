-- expect: none of SC027
-- the column comes back with its UNIQUE constraint and its foreign key
ALTER TABLE users ADD COLUMN email text UNIQUE;
ALTER TABLE users ADD COLUMN team_id int REFERENCES teams;
