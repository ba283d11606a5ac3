ALTER TABLE users ADD COLUMN handle text;
CREATE INDEX users_handle_idx ON users (handle);
ALTER TABLE users DROP COLUMN handle;
