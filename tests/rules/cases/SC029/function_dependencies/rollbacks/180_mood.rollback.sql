-- expect: SC029 at 4, 5
-- PostgreSQL records a function's argument and result types as its dependencies
-- (a function dropped before the type would be fine: see 182)
DROP TYPE IF EXISTS mood;
DROP DOMAIN IF EXISTS score;
DROP FUNCTION IF EXISTS is_happy(mood);
DROP FUNCTION IF EXISTS best_score();
