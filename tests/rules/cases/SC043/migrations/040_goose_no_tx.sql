-- expect: none of SC043
-- +goose NO TRANSACTION
-- +goose Up
ALTER TYPE order_status ADD VALUE 'returned';
UPDATE orders SET status = 'returned' WHERE id = 1;
-- +goose Down
SELECT 1;
