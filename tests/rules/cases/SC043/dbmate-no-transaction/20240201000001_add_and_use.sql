-- expect: SC043 at 4
-- migrate:up transaction:false
ALTER TYPE order_status ADD VALUE 'held';
UPDATE orders SET status = 'held' WHERE id = 1;
