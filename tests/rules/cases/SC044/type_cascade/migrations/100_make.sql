-- expect: none of SC044
CREATE TYPE mood AS ENUM ('happy', 'sad');
CREATE TABLE people (id bigint PRIMARY KEY, feeling mood);
CREATE TABLE rooms (id bigint PRIMARY KEY);
CREATE VIEW moods AS SELECT p.feeling, r.id FROM people p JOIN rooms r ON r.id = p.id;
CREATE VIEW room_ids AS SELECT id FROM rooms;
