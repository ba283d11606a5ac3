-- expect: SC011 at 2, 3
ALTER TABLE messages ALTER COLUMN encryption_version TYPE integer;
ALTER TABLE users ALTER COLUMN email TYPE varchar(100) USING lower(email);
