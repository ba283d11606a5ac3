CREATE TABLE scratch (id bigint PRIMARY KEY);
ALTER TABLE accounts RENAME TO accounts_b;
ALTER TABLE accounts_b RENAME TO users;
