-- expect: SC040 at 7, 18
-- DO blocks in both sections; the down section counts the same
-- +goose Up
CREATE TABLE widgets (id bigint PRIMARY KEY, name text NOT NULL);
DO $body$
BEGIN
  INSERT INTO widgets VALUES (1, 'first');
  INSERT INTO widgets VALUES (2, 'second');
END
$body$;
INSERT INTO widgets
VALUES (3, 'third');

-- +goose Down
DO
$$
BEGIN
  DELETE FROM widgets WHERE id = 3;
END $$;
DROP TABLE IF EXISTS widgets;
