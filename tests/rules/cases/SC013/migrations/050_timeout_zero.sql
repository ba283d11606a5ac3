-- expect: SC013 at 3
SET lock_timeout = 0;
CREATE INDEX IF NOT EXISTS idx_m ON messages (id);
