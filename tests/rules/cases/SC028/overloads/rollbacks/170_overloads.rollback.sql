-- expect: SC028 at 4, 5, 6, 8
-- 170 made lookup(integer), score(bigint), refresh(text) and audit_note(text, integer): the
-- other overloads of those names are the prerequisite's, and PostgreSQL drops them as asked
DROP FUNCTION IF EXISTS lookup(text);
DROP FUNCTION IF EXISTS score(bigint), score(integer);
DROP PROCEDURE IF EXISTS refresh(integer);
DROP PROCEDURE IF EXISTS refresh(text, integer);
DROP ROUTINE IF EXISTS audit_note(text);
DROP FUNCTION IF EXISTS audit_note(text, int4);
DROP FUNCTION IF EXISTS lookup(int4);
