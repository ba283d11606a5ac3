-- expect: none of SC029
-- the default an earlier migration set on accounts.score is dropped by this migration
DROP FUNCTION IF EXISTS next_score();
