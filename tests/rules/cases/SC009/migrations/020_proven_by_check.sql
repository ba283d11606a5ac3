-- expect: none of SC009
ALTER TABLE messages ADD CONSTRAINT chk_ev_nn CHECK (encryption_version IS NOT NULL) NOT VALID;
ALTER TABLE messages VALIDATE CONSTRAINT chk_ev_nn;
ALTER TABLE messages ALTER COLUMN encryption_version SET NOT NULL;
CREATE TABLE t_new (a int);
ALTER TABLE t_new ALTER COLUMN a SET NOT NULL;
