CREATE TABLE IF NOT EXISTS channels (id bigint PRIMARY KEY, teamid bigint, type text);
CREATE INDEX IF NOT EXISTS idx_channels_team_id ON channels (teamid);
CREATE TABLE IF NOT EXISTS jobs (id bigint PRIMARY KEY, data varchar(1024), old text);
CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, props varchar(4000), legacy text);
CREATE SCHEMA IF NOT EXISTS import_old;
CREATE SCHEMA IF NOT EXISTS import_new;
