CREATE FUNCTION clone_schema(
    source text,        -- the schema copied
    dest text,          -- the schema made
    with_data boolean DEFAULT false  -- copy the rows too
) RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
CREATE FUNCTION h(a int /* first */, b int /* second */) RETURNS int LANGUAGE sql AS 'SELECT 1';
CREATE FUNCTION k(a text DEFAULT '-- kept', b int) RETURNS int LANGUAGE sql AS 'SELECT 1';
