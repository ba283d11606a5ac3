-- expect: SC043 at 6
-- goose runs the Up part in one transaction
-- +goose Up
ALTER TYPE order_status ADD VALUE 'held';
UPDATE orders SET note = 'held' WHERE id = 1;
UPDATE orders SET status = 'held' WHERE id = 1;
-- +goose Down
SELECT 1;
