-- expect: SC043 at 8
-- goose runs the Up part in one transaction: the value ADD VALUE IF NOT EXISTS adds (the type
-- did not have it) is new to the LANGUAGE sql body comparing a parameter with it; the same
-- word for a text column is no use
-- +goose Up
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'pending' AFTER 'open';
-- +goose StatementBegin
CREATE FUNCTION order_status_in_bitmask(bitmask bit(8), status order_status)
RETURNS boolean
LANGUAGE SQL
IMMUTABLE
AS $$
    SELECT CASE status
        WHEN 'open' THEN get_bit(bitmask, 7)
        WHEN 'pending' THEN get_bit(bitmask, 3)
        ELSE 0
    END = 1;
$$;
-- +goose StatementEnd
UPDATE orders SET note = 'pending' WHERE id = 1;

-- +goose Down
SELECT 1;
