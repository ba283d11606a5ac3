-- expect: none of SC013, SC025
-- An earlier, already deployed migration: context, not under review.
ALTER TABLE messages ADD COLUMN note text;
