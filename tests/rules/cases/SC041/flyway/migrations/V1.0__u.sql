-- expect: SC041 at file
-- Flyway: 1.0 is 1
CREATE TABLE u (id int);
