DROP TRIGGER users_touch2 ON users;
DROP VIEW admins;
