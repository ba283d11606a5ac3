-- expect: SC040 at 5
-- a string literal holding a line that ends in `;`
-- +goose Up
CREATE TABLE notes (id bigint PRIMARY KEY, body text NOT NULL);
INSERT INTO notes (id, body) VALUES (1, 'first line;
second line');
INSERT INTO notes (id, body) VALUES (2, 'one line; then more');

-- +goose Down
DROP TABLE IF EXISTS notes;
