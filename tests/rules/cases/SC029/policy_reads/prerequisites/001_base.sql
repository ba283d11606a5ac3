CREATE TABLE IF NOT EXISTS accounts (id bigint PRIMARY KEY, owner text, team text);
ALTER TABLE accounts ENABLE ROW LEVEL SECURITY;
