-- expect: SC028 at 6, 7
-- expect: none of SC027
-- 201 created account_name(integer) and named_accounts, 202 only replaced them: dropping
-- them removes what 201 made (account_initial is 202's own)
DROP FUNCTION IF EXISTS account_initial(integer);
DROP FUNCTION IF EXISTS account_name(integer);
DROP VIEW IF EXISTS named_accounts;
