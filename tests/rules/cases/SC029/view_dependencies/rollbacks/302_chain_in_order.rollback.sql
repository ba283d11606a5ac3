-- expect: none of SC029
-- readers first; a view and the view reading it dropped by one statement
DROP VIEW IF EXISTS listed_report;
DROP MATERIALIZED VIEW IF EXISTS listed_counts;
DROP VIEW IF EXISTS listed, listed_ids;
