-- expect: SC027 at file, file
-- users_email_idx and users_email_check name 'region' only in a string: they stay
ALTER TABLE users DROP COLUMN region;
