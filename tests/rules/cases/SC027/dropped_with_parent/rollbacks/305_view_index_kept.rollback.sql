-- expect: SC027 at file
-- the index goes with its materialized view, but q_seq is owned by nothing any more
DROP MATERIALIZED VIEW mv2;
DROP TABLE q;
