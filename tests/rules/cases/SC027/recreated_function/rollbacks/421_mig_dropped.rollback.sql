-- expect: none of SC027
-- created again to be called, then dropped
CREATE OR REPLACE FUNCTION mig2() RETURNS void LANGUAGE plpgsql AS $$ BEGIN RETURN; END $$;
SELECT mig2();
DROP FUNCTION mig2();
