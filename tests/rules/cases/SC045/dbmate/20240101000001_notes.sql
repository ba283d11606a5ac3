-- expect: SC045 at 3
-- migrate:up
\connect other
CREATE TABLE notes (id int PRIMARY KEY);

-- migrate:down
DROP TABLE IF EXISTS notes;
