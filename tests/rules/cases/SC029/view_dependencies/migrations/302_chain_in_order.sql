CREATE VIEW listed AS SELECT id, price FROM items;
CREATE VIEW listed_ids AS SELECT id FROM listed;
CREATE MATERIALIZED VIEW listed_counts AS SELECT count(*) AS n FROM listed_ids;
CREATE VIEW listed_report AS SELECT n FROM listed_counts;
