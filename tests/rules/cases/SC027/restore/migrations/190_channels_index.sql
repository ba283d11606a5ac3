CREATE INDEX IF NOT EXISTS idx_channels_team_id_type ON channels (teamid, type);
DROP INDEX IF EXISTS idx_channels_team_id;
DROP SCHEMA IF EXISTS import_old;
