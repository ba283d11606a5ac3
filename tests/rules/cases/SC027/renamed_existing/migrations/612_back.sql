-- renamed and renamed back: no rename left to undo
ALTER TABLE users RENAME TO members;
ALTER TABLE members RENAME TO users;
CREATE TABLE scratch2 (id bigint PRIMARY KEY);
