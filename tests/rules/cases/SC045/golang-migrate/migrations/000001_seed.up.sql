-- expect: SC045 at 3, 5
-- golang-migrate sends the whole file as one query: the meta-command is SQL to PostgreSQL
\set ON_ERROR_STOP on
CREATE TABLE countries (code text PRIMARY KEY);
COPY countries (code) FROM stdin;
FR
DE
\.
