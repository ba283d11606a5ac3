-- expect: SC027 at file
-- accounts, renamed to users (through accounts_b), is not renamed back
DROP TABLE scratch;
