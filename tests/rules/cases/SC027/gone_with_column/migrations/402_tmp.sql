ALTER TABLE users ADD COLUMN tmp text;
CREATE INDEX users_tmp_idx ON users (tmp);
ALTER TABLE users DROP COLUMN tmp;
ALTER TABLE users ADD COLUMN tmp2 text;
CREATE INDEX users_tmp2_idx ON users (tmp2);
