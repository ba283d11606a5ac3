-- expect: SC041 at file
-- Flyway: 1_1 and 1.1 are the same version
CREATE TABLE v (id int);
