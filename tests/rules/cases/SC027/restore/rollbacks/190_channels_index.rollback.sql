-- expect: SC027 at file, file
-- the index and the schema the migration drops are not created again
DROP INDEX IF EXISTS idx_channels_team_id_type;
