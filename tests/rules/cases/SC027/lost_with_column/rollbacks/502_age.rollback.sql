-- expect: SC027 at file, file
-- users_age_check and users_id_bio_idx (its predicate reads bio) are not made again
ALTER TABLE users ADD COLUMN age int;
ALTER TABLE users ADD COLUMN bio text;
