-- expect: SC028 at 6, 7
-- t_renamed is 700's table t, renamed by the migration: dropping it drops what the migration
-- did not create; so does dropping 700's type mood
DROP TABLE t6;
CREATE TABLE t (id bigint PRIMARY KEY, a text);
DROP TABLE t_renamed;
DROP TYPE mood;
