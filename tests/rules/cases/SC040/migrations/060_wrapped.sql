-- expect: none of SC040
-- every body wrapped as goose asks, in both sections
-- +goose Up
CREATE TABLE gizmos (id bigint PRIMARY KEY, updated_at timestamptz);

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION touch_gizmo() RETURNS trigger AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
-- +goose StatementEnd

CREATE TRIGGER gizmos_touch BEFORE UPDATE ON gizmos
  FOR EACH ROW EXECUTE FUNCTION touch_gizmo();

-- +goose Down
-- +goose StatementBegin
DO $$
BEGIN
  DROP TRIGGER IF EXISTS gizmos_touch ON gizmos;
  DROP FUNCTION IF EXISTS touch_gizmo();
END $$;
-- +goose StatementEnd
DROP TABLE IF EXISTS gizmos;
