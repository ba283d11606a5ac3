-- expect: SC027 at file
-- mig() did not exist before the migration: created again, it stays after 'down'
CREATE OR REPLACE FUNCTION mig() RETURNS void LANGUAGE plpgsql AS $$ BEGIN RETURN; END $$;
SELECT mig();
