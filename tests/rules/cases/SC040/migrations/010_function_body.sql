-- expect: SC040 at 8
-- a plpgsql body: goose ends the CREATE FUNCTION after `NEW.updated_at := now();`
-- +goose Up
CREATE TABLE gadgets (id bigint PRIMARY KEY, updated_at timestamptz);

CREATE OR REPLACE FUNCTION touch_gadget() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- +goose Down
DROP FUNCTION IF EXISTS touch_gadget();
DROP TABLE IF EXISTS gadgets;
