-- expect: none of SC039
-- what the files never made may be in the database, made outside them: legacy, its index and
-- key, other_fn; legacy_fn(text) is the overload the files made
DROP INDEX legacy_idx;
ALTER TABLE legacy DROP CONSTRAINT legacy_pkey;
ALTER TABLE legacy DROP COLUMN note;
DROP TABLE legacy;
DROP FUNCTION other_fn(integer);
DROP FUNCTION legacy_fn(text);
