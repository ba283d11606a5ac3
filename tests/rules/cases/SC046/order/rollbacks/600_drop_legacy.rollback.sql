-- expect: SC046 at 3
-- legacy_id comes back after nick
ALTER TABLE users ADD COLUMN legacy_id bigint;
