-- expect: none of SC039
-- the first three DROPs are refused (a function returns the table's row type, a policy and a
-- parameter default call the functions): what they name is still there for the second try
DROP TABLE acct;
DROP FUNCTION me();
DROP FUNCTION default_limit();
DROP FUNCTION all_accts();
DROP TABLE acct;
DROP POLICY docs_own ON docs;
DROP FUNCTION me();
DROP FUNCTION page(integer);
DROP FUNCTION default_limit();
DROP TABLE docs;
