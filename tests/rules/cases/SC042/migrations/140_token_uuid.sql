ALTER TABLE IF EXISTS accounts ADD COLUMN IF NOT EXISTS api_token text;
ALTER TABLE accounts ALTER COLUMN api_token TYPE uuid USING api_token::uuid;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS login_count integer;
ALTER TABLE accounts ALTER COLUMN login_count TYPE text;
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS rank integer;
ALTER TABLE accounts ALTER COLUMN rank TYPE bigint;
