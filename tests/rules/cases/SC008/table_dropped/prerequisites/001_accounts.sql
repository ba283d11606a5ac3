CREATE TABLE accounts (id int PRIMARY KEY, org int, plan text);
CREATE INDEX idx_accounts_org ON accounts (org);
CREATE INDEX idx_accounts_plan ON accounts (plan);
