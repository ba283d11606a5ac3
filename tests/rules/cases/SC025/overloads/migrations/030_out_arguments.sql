-- expect: SC025 at 15, 17
-- a procedure's OUT arguments are not part of its identity, and DROP PROCEDURE (or ROUTINE)
-- may list them or not; DROP FUNCTION takes no OUT argument unless it is marked OUT
DROP PROCEDURE IF EXISTS count_users(int);
CREATE PROCEDURE count_users(IN min_id int, OUT n bigint)
    LANGUAGE sql AS 'SELECT count(*) FROM users WHERE id >= min_id';
DROP PROCEDURE IF EXISTS sum_ids(integer, bigint);
CREATE PROCEDURE sum_ids(min_id int, OUT total bigint)
    LANGUAGE sql AS 'SELECT sum(id) FROM users WHERE id >= min_id';
DROP PROCEDURE IF EXISTS last_id(IN int, OUT bigint);
CREATE PROCEDURE last_id(min_id int, OUT id bigint) LANGUAGE sql AS 'SELECT max(id) FROM users';
DROP ROUTINE IF EXISTS first_id(int4);
CREATE PROCEDURE first_id(min_id int, OUT id bigint) LANGUAGE sql AS 'SELECT min(id) FROM users';
DROP PROCEDURE IF EXISTS touch(text);
CREATE PROCEDURE touch(a int, OUT b int) LANGUAGE sql AS 'SELECT a';
DROP FUNCTION IF EXISTS pair(int, int);
CREATE FUNCTION pair(a int, OUT b int, OUT c int) LANGUAGE sql AS 'SELECT a, a';
DROP FUNCTION IF EXISTS triple(int, OUT int, OUT int);
CREATE FUNCTION triple(a int, OUT b int, OUT c int) LANGUAGE sql AS 'SELECT a, a';
