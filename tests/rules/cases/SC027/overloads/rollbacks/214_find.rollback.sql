-- expect: SC027 at file
-- a %TYPE argument is one argument of a type not known statically: find_account(bigint,
-- bigint) is another function, and find_account(accounts.id%TYPE) stays after 'down'
DROP FUNCTION IF EXISTS find_account(bigint, bigint);
