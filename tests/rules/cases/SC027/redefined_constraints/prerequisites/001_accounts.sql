CREATE TABLE IF NOT EXISTS accounts (
    id bigint PRIMARY KEY,
    a int,
    b int,
    c int CHECK (c > 0),
    email text,
    CONSTRAINT a_pos CHECK (a > 0),
    CONSTRAINT b_pos CHECK (b > 0)
);
ALTER TABLE accounts ADD CONSTRAINT email_lower CHECK (email = lower(email));
