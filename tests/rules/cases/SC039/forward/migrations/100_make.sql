CREATE TABLE a (id integer, email text);
CREATE INDEX a_idx ON a (id);
CREATE INDEX a_email_idx ON a (lower(email));
CREATE TABLE keep (id integer);
CREATE INDEX keep_idx ON keep (id);
