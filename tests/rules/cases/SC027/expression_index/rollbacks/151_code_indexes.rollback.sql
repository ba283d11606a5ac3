-- expect: none of SC027
-- PostgreSQL names the index of (code_of(code) || 'x') members_expr_idx: the call is not the
-- whole expression; that of code_of(code) DESC is members_code_of_idx
DROP INDEX IF EXISTS members_expr_idx;
DROP INDEX IF EXISTS members_code_of_idx;
