-- expect: SC000 at 3, 4, 5, 6, 7
-- what PostgreSQL rejects: no argument types, no index method, no language, no cast
DROP OPERATOR IF EXISTS ~~~;
DROP OPERATOR CLASS IF EXISTS my_ops;
DROP TRANSFORM IF EXISTS FOR int;
DROP CAST IF EXISTS CASCADE;
CREATE OPERATOR ===;
