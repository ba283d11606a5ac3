-- expect: none of SC008
-- +goose Up
CREATE TABLE audit (id int PRIMARY KEY, at timestamptz, body text);
CREATE INDEX idx_audit_at ON audit (at);

-- +goose Down
-- audit is dropped right after its index: DROP TABLE takes the same lock
DROP INDEX idx_audit_at;
DROP TABLE audit;
