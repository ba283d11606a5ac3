ALTER TABLE messages ADD CONSTRAINT chk_ev CHECK (encryption_version IN (1, 2)) NOT VALID;
