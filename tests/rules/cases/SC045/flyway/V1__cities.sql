-- expect: SC045 at 2
\set ON_ERROR_STOP on
CREATE TABLE cities (name text PRIMARY KEY);
