-- expect: SC043 at 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 23, 24, 25, 26, 27, 28
-- a column or parameter of the enum compared with the new value by an ordering operator or
-- IS [NOT] DISTINCT FROM, the value written first, a simple CASE on a column, and the value
-- compared with ANY of an array parameter of the enum: PostgreSQL reads the value as the
-- enum's; the same on a text column or parameter, or one cast to text, it does not
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded';
SELECT count(*) FROM orders WHERE status < 'refunded';
SELECT count(*) FROM orders WHERE status > 'refunded';
SELECT count(*) FROM orders WHERE status <= 'refunded';
SELECT count(*) FROM orders WHERE status >= 'refunded';
SELECT count(*) FROM orders WHERE status IS DISTINCT FROM 'refunded';
SELECT count(*) FROM orders WHERE status IS NOT DISTINCT FROM 'refunded';
SELECT count(*) FROM orders WHERE 'refunded' = status;
SELECT count(*) FROM orders o WHERE 'refunded' <> o.status;
SELECT count(*) FROM orders WHERE 'refunded' IS DISTINCT FROM status;
UPDATE orders SET note = CASE status WHEN 'refunded' THEN 'r' ELSE note END;
SELECT count(*) FROM orders WHERE note < 'refunded';
SELECT count(*) FROM orders WHERE note IS DISTINCT FROM 'refunded';
SELECT count(*) FROM orders WHERE 'refunded' = note;
SELECT count(*) FROM orders WHERE status::text >= 'refunded';
SELECT CASE note WHEN 'refunded' THEN 1 ELSE 0 END FROM orders;
CREATE FUNCTION before_refund(s order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT s < 'refunded' $$;
CREATE FUNCTION after_refund(s order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT s >= 'refunded' $$;
CREATE FUNCTION not_refund(s order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT s IS DISTINCT FROM 'refunded' $$;
CREATE FUNCTION refund_first(s order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT 'refunded' > s $$;
CREATE FUNCTION any_refunded(ss order_status[]) RETURNS boolean LANGUAGE sql AS $$ SELECT 'refunded' = ANY (ss) $$;
CREATE FUNCTION any_refunded_second(n int, ss order_status[]) RETURNS boolean LANGUAGE sql AS $$ SELECT 'refunded' = ANY ($2) $$;
CREATE FUNCTION before_refund_text(s text) RETURNS boolean LANGUAGE sql AS $$ SELECT s < 'refunded' $$;
CREATE FUNCTION not_refund_text(s order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT s::text IS DISTINCT FROM 'refunded' $$;
CREATE FUNCTION any_refunded_text(ss text[]) RETURNS boolean LANGUAGE sql AS $$ SELECT 'refunded' = ANY (ss) $$;
COMMIT;
