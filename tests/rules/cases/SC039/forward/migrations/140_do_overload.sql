-- expect: none of SC039
-- the DO block may have made norm(integer, varchar): the files do not make every overload
DO $$ BEGIN
    EXECUTE 'CREATE FUNCTION norm(a integer, b varchar) RETURNS integer LANGUAGE sql AS ''SELECT 1''';
END $$;
CREATE FUNCTION norm(a integer, b text) RETURNS integer LANGUAGE sql AS 'SELECT 2';
DROP FUNCTION norm(int4, varchar);
DROP FUNCTION norm(integer, text);
