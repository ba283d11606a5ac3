-- expect: none of SC027, SC028
CREATE VIEW v_old AS SELECT id, a FROM t;
DROP VIEW v;
ALTER VIEW v_old RENAME TO v;
