-- expect: SC039 at 4
-- a_idx was made again in 110, a_email_idx was not
DROP INDEX a_idx;
DROP INDEX a_email_idx;
DROP INDEX keep_idx;
