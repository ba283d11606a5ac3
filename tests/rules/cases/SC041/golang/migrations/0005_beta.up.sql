-- expect: SC041 at file
-- golang-migrate: "duplicate migration file: 0005_beta.up.sql"
CREATE TABLE beta (id int);
