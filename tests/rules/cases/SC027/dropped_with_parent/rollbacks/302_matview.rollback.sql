-- expect: none of SC027
-- a materialized view takes its indexes with it
DROP MATERIALIZED VIEW mv;
