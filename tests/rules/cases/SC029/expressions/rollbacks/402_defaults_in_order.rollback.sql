-- expect: none of SC029
-- each default goes before the function it calls (DROP DEFAULT, SET DEFAULT to another,
-- DROP COLUMN); a name in a string is no call; mark('x') calls mark(text), not mark(integer)
ALTER TABLE passes ALTER COLUMN code DROP DEFAULT;
DROP FUNCTION IF EXISTS pass_code();
ALTER TABLE passes ALTER COLUMN kind SET DEFAULT 0;
DROP FUNCTION IF EXISTS pass_kind();
DROP FUNCTION IF EXISTS pass_note();
DROP FUNCTION IF EXISTS mark(integer);
ALTER TABLE accounts DROP COLUMN IF EXISTS tier;
DROP FUNCTION IF EXISTS pass_tier();
DROP TABLE IF EXISTS passes;
DROP FUNCTION IF EXISTS mark(text);
