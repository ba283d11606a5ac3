-- expect: SC027 at file, file
-- PostgreSQL dropped users_nick_idx and users_lower_nick_idx with the column
ALTER TABLE users ADD COLUMN nick text;
