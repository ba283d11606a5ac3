ALTER TABLE accounts DROP CONSTRAINT email_lower;
ALTER TABLE accounts ADD CONSTRAINT email_lower CHECK (email = LOWER(email)) NOT VALID;
