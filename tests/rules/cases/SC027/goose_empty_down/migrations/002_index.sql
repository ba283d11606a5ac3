-- expect: SC027 at file
-- the Down section is there but empty: the message says so
-- +goose Up
COMMENT ON TABLE ged IS 'x';
CREATE INDEX ged_id ON ged (id);
-- +goose Down
