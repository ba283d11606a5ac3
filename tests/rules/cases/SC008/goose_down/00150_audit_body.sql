-- expect: SC008 at 8
-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY idx_audit_body ON audit (body);

-- +goose Down
-- audit stays: the drop locks it while it waits
DROP INDEX idx_audit_body;
