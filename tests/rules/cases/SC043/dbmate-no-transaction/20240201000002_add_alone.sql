-- expect: none of SC043
-- migrate:up transaction:false
ALTER TYPE order_status ADD VALUE 'returned';

-- migrate:down transaction:false
UPDATE orders SET status = 'open' WHERE status::text = 'returned';
