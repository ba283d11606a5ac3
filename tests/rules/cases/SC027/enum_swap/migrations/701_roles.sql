CREATE TYPE team_role AS ENUM ('owner', 'member', 'admin');
CREATE TABLE members (id bigint PRIMARY KEY, role team_role NOT NULL DEFAULT 'member');
