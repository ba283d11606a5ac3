-- expect: SC027 at file
-- forgets members_expr_idx, the index of (code_of(code) IS NULL) (the cast one is
-- members_code_of_idx)
DROP INDEX IF EXISTS members_code_of_idx;
