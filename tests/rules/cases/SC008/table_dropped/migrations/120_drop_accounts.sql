-- expect: SC008 at 5
-- accounts is dropped later in this file: the DROP INDEX adds no lock of its own;
-- sessions stays
DROP INDEX idx_accounts_org;
DROP INDEX IF EXISTS idx_sessions_env;
DROP INDEX idx_accounts_plan;
DROP TABLE accounts;
