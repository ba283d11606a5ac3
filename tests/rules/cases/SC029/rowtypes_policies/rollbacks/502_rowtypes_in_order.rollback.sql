-- expect: none of SC029
-- each function goes before the table whose row type it uses; archive.purse is not
-- public.purse, and an argument of type date is pg_catalog's date, not the table "date"
DROP FUNCTION wallet_rows();
DROP TABLE wallets;
DROP TABLE purse;
DROP TABLE "date";
DROP FUNCTION old_purses();
DROP TABLE archive.purse;
DROP FUNCTION day_of(date);
