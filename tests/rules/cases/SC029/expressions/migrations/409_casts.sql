CREATE TYPE shade AS ENUM ('light', 'dark');
CREATE TYPE tone AS ENUM ('warm', 'cold');
CREATE DOMAIN watts AS int CHECK (VALUE > 0);
CREATE TABLE IF NOT EXISTS lamps (
    id bigint PRIMARY KEY,
    shade_name text DEFAULT 'light'::shade::text,
    power int DEFAULT CAST(40 AS watts),
    CHECK (shade_name::shade IS NOT NULL)
);
CREATE TABLE IF NOT EXISTS bulbs (id bigint PRIMARY KEY, tone tone NOT NULL DEFAULT 'warm');
