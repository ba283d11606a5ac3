-- expect: SC043 at 6, 9, 10
-- a DO block runs its code in the transaction, reading the new value then; a text column or
-- a notice holding the word is no use
BEGIN;
ALTER TYPE order_status ADD VALUE 'on_hold';
DO $$ BEGIN UPDATE orders SET status = 'on_hold' WHERE id = 1; END $$;
DO $$ BEGIN UPDATE orders SET note = 'on_hold' WHERE id = 1; END $$;
DO $$ BEGIN RAISE NOTICE 'on_hold'; END $$;
DO $$ DECLARE s order_status := 'on_hold'; BEGIN PERFORM s; END $$;
DO $$
BEGIN
  INSERT INTO order_log (id, status) SELECT id, 'on_hold' FROM orders;
END $$;
COMMIT;
