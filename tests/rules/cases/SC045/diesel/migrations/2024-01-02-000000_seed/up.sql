-- expect: SC045 at 3
-- Diesel sends the file as one query: the rows are SQL to PostgreSQL
COPY colors (id, name) FROM stdin;
2	green
\.
