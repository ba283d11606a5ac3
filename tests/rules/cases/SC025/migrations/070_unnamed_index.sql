-- expect: none of SC025
-- an unnamed index gets a fresh name on every run (accounts_owner_idx1, ...): nothing fails,
-- and IF NOT EXISTS needs a name
CREATE INDEX ON "accounts" ("owner");
CREATE UNIQUE INDEX CONCURRENTLY ON accounts (lower(email));
