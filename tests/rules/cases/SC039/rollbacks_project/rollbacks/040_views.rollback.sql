-- expect: SC039 at 5, 7, 9, 11, 13
-- views go with CASCADE of what they read; a renamed table is gone under its old name, its
-- index goes on with it
DROP TABLE a CASCADE;
DROP VIEW av;
ALTER TABLE b RENAME TO c;
DROP VIEW avv;
DROP MATERIALIZED VIEW bm;
DROP TABLE b;
ALTER INDEX b_idx RENAME TO c_idx;
DROP INDEX b_idx;
DROP TABLE c;
DROP INDEX c_idx;
DROP VIEW IF EXISTS av;
