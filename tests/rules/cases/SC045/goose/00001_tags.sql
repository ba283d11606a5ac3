-- expect: SC045 at 4, 9
-- +goose Up
CREATE TABLE tags (name text PRIMARY KEY);
COPY tags (name) FROM STDIN;
a
\.
INSERT INTO tags VALUES ('z');
-- +goose Down
\restrict abc123
DROP TABLE IF EXISTS tags;
