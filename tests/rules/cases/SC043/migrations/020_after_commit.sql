-- expect: none of SC043
-- added and committed first: the value can be used
BEGIN;
ALTER TYPE order_status ADD VALUE 'lost';
COMMIT;
UPDATE orders SET status = 'lost' WHERE id = 1;
ALTER TYPE order_status ADD VALUE 'found';
UPDATE orders SET status = 'found' WHERE id = 1;
