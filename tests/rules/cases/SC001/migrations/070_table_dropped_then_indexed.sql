-- expect: SC001 at 5
-- A table created then dropped and the old one indexed again
CREATE TABLE scratch (id bigint);
DROP TABLE scratch;
CREATE INDEX idx_scratch_id ON scratch (id);
