-- expect: none of SC029
-- readers first (a CTE named like a table is not that table)
DROP VIEW wv_top;
DROP VIEW wv;
DROP TABLE wt;
