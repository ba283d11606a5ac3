-- expect: none of SC027
-- the rollback creates again what the migration dropped: the same table, the constraints
-- of the same names, the function with the same argument types (int4 is integer)
CREATE TABLE IF NOT EXISTS old_audit (id bigint PRIMARY KEY, note text);
ALTER TABLE accounts ADD CONSTRAINT accounts_email_lower CHECK (email = lower(email));
ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);
CREATE OR REPLACE FUNCTION score(int4) RETURNS int LANGUAGE sql AS 'SELECT 1';
