-- expect: SC029 at 4, 5, 6
-- each view goes while the view or materialized view made after it still reads it
-- (a join, a LATERAL subquery)
DROP VIEW IF EXISTS priced;
DROP VIEW IF EXISTS cheap;
DROP MATERIALIZED VIEW IF EXISTS cheap_counts;
DROP VIEW IF EXISTS cheap_summary;
