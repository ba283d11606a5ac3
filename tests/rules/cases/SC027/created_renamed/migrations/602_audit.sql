CREATE TABLE audit_tmp (id bigint PRIMARY KEY, at timestamptz NOT NULL);
CREATE INDEX audit_tmp_at ON audit_tmp (at);
ALTER TABLE audit_tmp RENAME TO audit;
