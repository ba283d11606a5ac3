-- the name PostgreSQL gave the inline CHECK of c
ALTER TABLE accounts DROP CONSTRAINT accounts_c_check,
    ADD CONSTRAINT accounts_c_check CHECK (c >= 10);
