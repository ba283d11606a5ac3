DROP TRIGGER IF EXISTS users_touch ON users;
DROP TRIGGER IF EXISTS users_never ON users;
