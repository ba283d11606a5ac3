CREATE INDEX IF NOT EXISTS idx_users_id_admin ON users (id, is_admin);
CREATE TABLE IF NOT EXISTS projects (id int PRIMARY KEY);
ALTER TABLE teams ADD COLUMN IF NOT EXISTS name text;
DROP INDEX idx_users_is_admin;
CREATE INDEX IF NOT EXISTS idx_users_is_admin ON users (is_admin) WHERE is_admin;
