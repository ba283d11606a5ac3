-- expect: none of SC027
CREATE TRIGGER users_touch2 BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
CREATE VIEW admins AS SELECT id FROM users WHERE is_admin;
