-- expect: SC043 at 8
-- ADD VALUE IF NOT EXISTS of a value the type has adds nothing: using it is fine; a value it
-- does add is new
BEGIN;
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'closed';
UPDATE orders SET status = 'closed' WHERE id = 1;
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'reopened';
UPDATE orders SET status = 'reopened' WHERE id = 1;
COMMIT;
