-- expect: none of SC002
CREATE TABLE key_exchanges (id uuid PRIMARY KEY, status text NOT NULL);
ALTER TABLE key_exchanges ADD CONSTRAINT chk_status CHECK (status IN ('pending', 'done'));
