CREATE TABLE teams (id int PRIMARY KEY);
CREATE TABLE users (
    id int PRIMARY KEY,
    email text UNIQUE,
    nick text,
    age int CHECK (age > 0),
    team_id int REFERENCES teams,
    bio text
);
CREATE INDEX users_nick_idx ON users (nick);
CREATE INDEX users_lower_nick_idx ON users (lower(nick));
CREATE INDEX users_id_bio_idx ON users (id) WHERE bio <> '';
