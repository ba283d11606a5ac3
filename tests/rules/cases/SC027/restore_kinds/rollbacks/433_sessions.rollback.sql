-- expect: SC027 at file, file
-- the table is created again, without its trigger and its index
CREATE TABLE sessions (id int PRIMARY KEY, updated_at timestamptz);
