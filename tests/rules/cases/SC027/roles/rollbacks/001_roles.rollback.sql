-- expect: SC027 at file
-- sc027_app stays: the role belongs to the server, and up again fails (role already exists)
DROP TABLE rt;
DROP ROLE sc027_reader;
