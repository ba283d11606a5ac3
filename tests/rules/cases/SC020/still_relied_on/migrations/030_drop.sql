-- expect: SC020 at 8, 9, 10, 11, 12
-- added by an earlier migration is not enough: the constraint was in force in between.
-- orders_total_nn: total never made NOT NULL; orders_note_nn: NOT NULL dropped again;
-- orders_state_nn: dropped in the same statement before SET NOT NULL;
-- orders_paid_check: guards more than NOT NULL
ALTER TABLE orders ALTER COLUMN note DROP NOT NULL;
ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
ALTER TABLE orders DROP CONSTRAINT orders_user_fk;
ALTER TABLE orders DROP CONSTRAINT orders_total_nn;
ALTER TABLE orders DROP CONSTRAINT orders_note_nn;
ALTER TABLE orders DROP CONSTRAINT orders_state_nn, ALTER COLUMN state SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_paid_check;
