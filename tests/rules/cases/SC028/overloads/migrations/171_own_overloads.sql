CREATE FUNCTION score(v numeric) RETURNS int LANGUAGE sql AS 'SELECT 4';
CREATE FUNCTION label_of(code varchar(10), OUT label text) LANGUAGE sql AS 'SELECT code::text';
CREATE FUNCTION label_of(VARIADIC codes int[]) RETURNS text LANGUAGE sql AS 'SELECT ''x''';
CREATE FUNCTION solo(n int DEFAULT 0) RETURNS int LANGUAGE sql AS 'SELECT n';
CREATE PROCEDURE sweep(IN since date, OUT n integer) LANGUAGE plpgsql AS $$ BEGIN n := 1; END $$;
