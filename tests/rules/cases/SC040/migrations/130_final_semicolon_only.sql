-- expect: none of SC040
-- statements over several lines whose only `;` ends them, two on one line
-- +goose Up
CREATE TABLE cogs (
  id bigint PRIMARY KEY,
  label text NOT NULL DEFAULT 'a;b',
  size int CHECK (size > 0)
);
INSERT INTO cogs (id, size) VALUES (1, 1); INSERT INTO cogs (id, size) VALUES (2, 2);
COMMENT ON TABLE cogs IS
  'cogs; one per line';

-- +goose Down
DROP TABLE IF EXISTS cogs;
