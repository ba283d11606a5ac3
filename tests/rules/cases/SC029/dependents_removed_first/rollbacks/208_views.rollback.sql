-- expect: SC029 at 3, 3, 4
-- the table goes while two views still read it, then a view another view reads
DROP TABLE vt;
DROP VIEW vv;
DROP MATERIALIZED VIEW vv_counts;
DROP VIEW vv_top;
