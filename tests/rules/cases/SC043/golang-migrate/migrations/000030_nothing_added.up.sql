-- expect: none of SC043
-- the type has 'closed' already: nothing is added, and using it is fine
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'closed';
UPDATE orders SET status = 'closed' WHERE id = 1;
