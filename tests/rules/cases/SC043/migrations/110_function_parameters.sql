-- expect: SC043 at 8, 9, 10, 11, 12, 13, 14
-- a LANGUAGE sql body compares a parameter of the enum type with the new value (by name, by
-- number, qualified with the function's name, in a simple CASE): PostgreSQL reads the value
-- when it checks the body; a parameter cast to text, a text parameter, a column of the same
-- name (it wins over the parameter) and a PL/pgSQL body do not
BEGIN;
ALTER TYPE order_status ADD VALUE 'refunded';
CREATE FUNCTION is_refunded(s order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT s = 'refunded' $$;
CREATE FUNCTION refunded_or_open(s order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT s IN ('open', 'refunded') $$;
CREATE FUNCTION refund_rank(s order_status) RETURNS int LANGUAGE sql AS $$ SELECT CASE s WHEN 'open' THEN 1 WHEN 'refunded' THEN 2 ELSE 0 END $$;
CREATE FUNCTION refunded_second(int, order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT $2 = 'refunded' $$;
CREATE FUNCTION refunded_flag(OUT flag boolean, s order_status) LANGUAGE sql AS $$ SELECT 'refunded' = refunded_flag.s $$;
CREATE PROCEDURE keep_unrefunded(INOUT s order_status) LANGUAGE sql AS $$ SELECT CASE WHEN s <> 'refunded' THEN s END $$;
CREATE FUNCTION refunded_last(int, text, order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT 'refunded' = $3 $$;
CREATE FUNCTION refunded_text(s order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT s::text = 'refunded' $$;
CREATE FUNCTION refunded_reversed_text(s order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT 'refunded' = s::text $$;
CREATE FUNCTION refunded_word(s text) RETURNS boolean LANGUAGE sql AS $$ SELECT s = 'refunded' $$;
CREATE FUNCTION refunded_first(text, order_status) RETURNS boolean LANGUAGE sql AS $$ SELECT $1 = 'refunded' OR 'refunded' = $2::text $$;
CREATE FUNCTION refunded_notes(note order_status) RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM orders WHERE note = 'refunded' OR 'refunded' = note $$;
CREATE FUNCTION refunded_case_text(s text) RETURNS int LANGUAGE sql AS $$ SELECT CASE s WHEN 'refunded' THEN 1 END $$;
CREATE FUNCTION refunded_plpgsql(s order_status) RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN RETURN s = 'refunded'; END $$;
COMMIT;
