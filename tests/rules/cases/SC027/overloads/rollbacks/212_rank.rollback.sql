-- expect: SC027 at file, file, file
-- a DROP without argument types is refused when the name has several functions ("function
-- name is not unique"), IF EXISTS or not: both rank_of overloads stay, and account_score(text)
-- too (account_score(integer) existed before the migration)
DROP FUNCTION IF EXISTS rank_of;
DROP FUNCTION IF EXISTS account_score;
