-- expect: SC043 at 5
-- golang-migrate sends the whole file as one query: PostgreSQL runs it as one transaction
-- block, and the new value cannot be used before that commits
ALTER TYPE order_status ADD VALUE 'archived';
UPDATE orders SET status = 'archived' WHERE id = 1;
