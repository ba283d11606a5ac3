CREATE TABLE IF NOT EXISTS samples (id bigint PRIMARY KEY);
CREATE OR REPLACE FUNCTION sample_count() RETURNS bigint LANGUAGE sql
BEGIN ATOMIC
    SELECT count(*) FROM samples;
END;
CREATE OR REPLACE FUNCTION account_count() RETURNS bigint LANGUAGE sql
    RETURN (SELECT count(*) FROM accounts);
