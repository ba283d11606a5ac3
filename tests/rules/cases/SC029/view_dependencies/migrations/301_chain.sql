CREATE VIEW priced AS SELECT id, price FROM items WHERE price IS NOT NULL;
CREATE VIEW cheap AS SELECT p.id FROM items i JOIN priced p ON p.id = i.id WHERE p.price < 10;
CREATE MATERIALIZED VIEW cheap_counts AS SELECT count(*) AS n FROM cheap;
CREATE VIEW cheap_summary AS SELECT n FROM items, LATERAL (SELECT n FROM cheap_counts) c;
