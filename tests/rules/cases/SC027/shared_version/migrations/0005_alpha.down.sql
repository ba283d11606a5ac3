-- expect: none of SC027, SC028
-- two migrations share version 5: each rollback is paired with the one of its own name
DROP TABLE IF EXISTS alpha;
