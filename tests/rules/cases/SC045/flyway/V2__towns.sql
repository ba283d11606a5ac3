-- expect: none of SC045
-- Flyway streams the rows written after COPY ... FROM STDIN
CREATE TABLE towns (name text PRIMARY KEY);
COPY towns (name) FROM STDIN;
Lyon
\.
