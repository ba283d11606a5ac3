CREATE SCHEMA app;
CREATE TYPE public.mood AS ENUM ('sad', 'happy');
CREATE TYPE app.mood AS ENUM ('calm', 'angry');
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
