-- expect: none of SC039
-- what the files never made may be in the database (made outside them): legacy, its index,
-- an overload of legacy_fn the files did not make is not known to be missing... but the files
-- made legacy_fn, so only its own name and types count
DROP INDEX legacy_idx;
ALTER TABLE legacy DROP CONSTRAINT legacy_pkey;
ALTER TABLE legacy DROP COLUMN note;
DROP TABLE legacy;
DROP FUNCTION other_fn(integer);
DROP FUNCTION legacy_fn(text);
