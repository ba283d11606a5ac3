CREATE TABLE IF NOT EXISTS points (x int, y int);
CREATE TABLE IF NOT EXISTS shapes (id bigint PRIMARY KEY, origin points, path points[]);
CREATE VIEW labels AS SELECT 'a'::text AS label;
CREATE TABLE IF NOT EXISTS tags (id bigint, label public.labels);
CREATE MATERIALIZED VIEW totals AS SELECT 1 AS n;
CREATE TABLE IF NOT EXISTS sizes (w int);
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS size sizes, ADD COLUMN IF NOT EXISTS total totals;
